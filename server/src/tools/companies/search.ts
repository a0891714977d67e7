/** search_companies: each documented filter becomes one Autotask filter term, or a clear error. */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { idSchema, paginationShape } from '../shared.js';
import { isoDateSchema } from '../dates.js';
import { zoneOf } from '../tenant-zone.js';
import { picklistFilterInput, resolveMany } from '../tickets/common.js';
import { COMPANY_COLUMNS, COMPANY_LIST_FIELDS } from './common.js';
import { containsAny, dateRange, oneOrIn } from '../filters.js';
import { listResult } from '../lists.js';
import { listOutput } from '../output.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const searchCompaniesInput = {
  name: text(100).optional().describe('Part of the name.'),
  companyNumber: text(50).optional().describe('Exact.'),
  type: picklistFilterInput.optional().describe('Company type id or label, or a list of them.'),
  active: z.boolean().optional(),
  phone: text(25).optional().describe('Part of the main phone.'),
  city: text(50).optional().describe('Part of the city.'),
  postalCode: text(10).optional().describe('Prefix.'),
  ownerResourceID: idSchema.optional().describe('Account manager (search_resources).'),
  parentCompanyID: z.number().int().nonnegative().optional(),
  lastActivityAfter: isoDateSchema.optional().describe('ISO date, inclusive.'),
  ...paginationShape,
};

export const searchCompanies = defineReadTool({
  name: 'search_companies',
  title: 'Search companies',
  description: 'Find companies (clients, prospects, vendors; filters combine with AND): id, name, number, type, active, phone, location, account manager. The id is the companyID other tools take; 0 is your own company.',
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
