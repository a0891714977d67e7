/** search_companies: each documented filter becomes one Autotask filter term, or a clear error. */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { idSchema, paginationShape } from '../shared.js';
import { isoDateSchema } from '../dates.js';
import { zoneOf } from '../tenant-zone.js';
import { picklistFilterInput, resolveMany } from '../tickets/common.js';
import { COMPANY_COLUMNS, COMPANY_LIST_FIELDS } from './common.js';
import { containsAny, dateRange, listOutput, listResult, oneOrIn } from './listing.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const searchCompaniesInput = {
  name: text(100).optional().describe('Part of the company name (contains, case-insensitive), e.g. "harbour".'),
  companyNumber: text(50).optional().describe('Exact company (account) number, e.g. "C1004".'),
  type: picklistFilterInput.optional().describe('Company type id or label, or a list of them (e.g. "Customer" or ["Lead", "Prospect"]). Unknown labels are answered with the valid list.'),
  active: z.boolean().optional().describe('true: only active companies; false: only inactive ones. Omit for both.'),
  phone: text(25).optional().describe('Part of the main phone number (contains), e.g. "0161".'),
  city: text(50).optional().describe('Part of the city name (contains), e.g. "Bristol".'),
  postalCode: text(10).optional().describe('Postal code prefix (beginsWith), e.g. "BS1".'),
  ownerResourceID: idSchema.optional().describe('Only companies whose account manager is this resource (search_resources gives ids).'),
  parentCompanyID: z.number().int().nonnegative().optional().describe('Only child companies of this parent company.'),
  lastActivityAfter: isoDateSchema.optional().describe('Only companies with activity on or after this ISO date/time.'),
  ...paginationShape,
};

export const searchCompanies = defineReadTool({
  name: 'search_companies',
  title: 'Search companies',
  description:
    'Find Autotask companies (accounts: clients, prospects, vendors) by name, number, type (id or label), active state, phone, city, postal code, account manager, parent company or recent activity. ' +
    'Returns a page of companies (id, name, number, type, active, phone, location, account manager) with labels and names filled in, plus hasMore and nextCursor: pass nextCursor back as cursor with the same filters for the next page. ' +
    'Use the returned id as companyID in other tools (search_tickets, search_contacts, create_ticket). Filters combine with AND. Company id 0 is your own company.',
  toolset: 'companies',
  input: searchCompaniesInput,
  output: listOutput,
  async handler(args, ctx) {
    const filter: FilterExpression[] = [];
    if (args.name !== undefined) filter.push(containsAny(['companyName'], args.name));
    if (args.companyNumber !== undefined) filter.push({ op: 'eq', field: 'companyNumber', value: args.companyNumber });
    if (args.type !== undefined) filter.push(oneOrIn('companyType', await resolveMany(ctx.api, 'Companies', 'companyType', args.type, { signal: ctx.signal })));
    if (args.active !== undefined) filter.push({ op: 'eq', field: 'isActive', value: args.active });
    if (args.phone !== undefined) filter.push({ op: 'contains', field: 'phone', value: args.phone });
    if (args.city !== undefined) filter.push({ op: 'contains', field: 'city', value: args.city });
    if (args.postalCode !== undefined) filter.push({ op: 'beginsWith', field: 'postalCode', value: args.postalCode });
    if (args.ownerResourceID !== undefined) filter.push({ op: 'eq', field: 'ownerResourceID', value: args.ownerResourceID });
    if (args.parentCompanyID !== undefined) filter.push({ op: 'eq', field: 'parentCompanyID', value: args.parentCompanyID });
    filter.push(...dateRange('lastActivityDate', args.lastActivityAfter, undefined, ['lastActivityAfter', ''], { zone: await zoneOf(ctx) }));
    return listResult(ctx, {
      entity: 'Companies',
      what: 'companies',
      filter,
      args,
      includeFields: COMPANY_LIST_FIELDS,
      columns: COMPANY_COLUMNS,
    });
  },
});
