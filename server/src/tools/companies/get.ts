/** get_company: one company with labels and names, optionally its locations and contact counts. */
import { z } from 'zod';
import { defineReadTool, type ToolContext } from '../types.js';
import { autoColumns, compactRecord } from '../query/render.js';
import { recordResult, type Section } from '../rows.js';
import { UTC } from '../dates.js';
import { COMPANY_UNTRUSTED_FIELDS } from './common.js';
import { notFound } from '../records.js';
import { getOutput } from '../output.js';

const LOCATIONS_MAX = 100;
const LOCATION_UNTRUSTED = new Set(['name', 'address1', 'address2', 'city', 'state', 'postalCode', 'phone', 'fax', 'description']);

export const getCompany = defineReadTool({
  name: 'get_company',
  title: 'Get company',
  description: 'One company by id (0 is your own) with every non-empty field, labels, names and user-defined fields; optionally its locations and contact counts.',
  toolset: 'companies',
  input: {
    id: z.number().int().nonnegative(),
    includeLocations: z.boolean().default(false).describe('Add its locations (up to 100).'),
    includeContactCount: z.boolean().default(false).describe('Add total and active contact counts.'),
  },
  output: getOutput,
  async handler(args, ctx) {
    const opts = { signal: ctx.signal };
    const found = await ctx.api.get('Companies', args.id, opts);
    if (!found) return notFound('company', args.id, 'Use search_companies to find companies.');
    await ctx.names.enrich('Companies', [found], ctx.signal);
    const company = compactRecord(found, { maxText: null, howToGetAll: '' });
    const sections: Section[] = [];
    const tail: string[] = [];
    const extra: Record<string, unknown> = {};

    if (args.includeLocations) {
      const { items, nextPageUrl } = await ctx.api.query('CompanyLocations', { filter: [{ op: 'eq', field: 'companyID', value: args.id }], maxRecords: LOCATIONS_MAX }, opts);
      // The company is the one shown above: its id on every location says nothing new.
      const locations = items.map((l) => compactRecord({ ...l, companyID: null }, { maxText: null, howToGetAll: '' }));
      const title = `Locations (${nextPageUrl ? `the first ${locations.length}; more exist: query_entities on CompanyLocations with companyID = ${args.id} lists them all` : locations.length}):`;
      sections.push({ key: 'locations', title, columns: autoColumns(locations, LOCATION_UNTRUSTED), records: locations, empty: '(no locations recorded)', extra: { more: nextPageUrl !== null } });
    }
    if (args.includeContactCount) {
      const { total, active } = await contactCounts(ctx, args.id);
      extra.contacts = { total, active };
      tail.push(`Contacts: ${total} (${active} active). search_contacts with companyID=${args.id} lists them.`);
    }
    return recordResult({
      head: `Company ${args.id}${args.id === 0 ? ' (your own company)' : ''}:`,
      key: 'company',
      columns: autoColumns([company], new Set(COMPANY_UNTRUSTED_FIELDS)),
      record: company,
      zone: UTC,
      sections,
      tail,
      extra,
    });
  },
});

async function contactCounts(ctx: ToolContext, companyId: number): Promise<{ total: number; active: number }> {
  const byCompany = { op: 'eq' as const, field: 'companyID', value: companyId };
  const [total, active] = await Promise.all([
    ctx.api.count('Contacts', [byCompany], { signal: ctx.signal }),
    // Contacts.isActive is an integer (1/0) in Autotask, not a boolean.
    ctx.api.count('Contacts', [byCompany, { op: 'eq', field: 'isActive', value: 1 }], { signal: ctx.signal }),
  ]);
  return { total, active };
}
