/** get_company: one company with labels and names, optionally its locations and contact counts. */
import { z } from 'zod';
import { defineReadTool } from '../types.js';
import { structuredResult } from '../results.js';
import { untrusted, untrustedFieldsOf, untrustedOr, UNTRUSTED_NOTICE } from '../shared.js';
import { compactRecord } from '../query/render.js';
import { COMPANY_UNTRUSTED_FIELDS, companyLine } from './common.js';
import { notFound } from './listing.js';
import { getOutput } from '../output.js';

const LOCATIONS_MAX = 100;

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
    const structured: Record<string, unknown> = { found: true, company };
    const lines = [companyLine({ ...found }), ...detailLines(company)];
    const untrustedFields = untrustedFieldsOf(COMPANY_UNTRUSTED_FIELDS, [company]);

    if (args.includeLocations) {
      const { items, nextPageUrl } = await ctx.api.query('CompanyLocations', { filter: [{ op: 'eq', field: 'companyID', value: args.id }], maxRecords: LOCATIONS_MAX }, opts);
      const locations = items.map((l) => compactRecord(l, { maxText: null, howToGetAll: '' }));
      structured.locations = { items: locations, more: nextPageUrl !== null };
      untrustedFields.push('locations.name', 'locations.address1', 'locations.address2', 'locations.city', 'locations.state', 'locations.postalCode', 'locations.phone', 'locations.description');
      lines.push(`Locations (${nextPageUrl ? `the first ${locations.length}; more exist: query_entities on CompanyLocations with companyID = ${args.id} lists them all` : locations.length}):`);
      if (!locations.length) lines.push('  (no locations recorded)');
      for (const l of locations) {
        const where = [l.address1, l.city, l.state, l.postalCode].filter(Boolean).join(', ');
        lines.push(`  - location ${l.id}${l.isPrimary ? ' (primary)' : ''}${l.isActive === false ? ' INACTIVE' : ''}: ${untrusted(String(l.name ?? ''))} ${untrusted(where)}${l.phone ? ` phone ${untrustedOr(l.phone)}` : ''}`);
      }
    }
    if (args.includeContactCount) {
      const byCompany = { op: 'eq' as const, field: 'companyID', value: args.id };
      const [total, active] = await Promise.all([
        ctx.api.count('Contacts', [byCompany], opts),
        // Contacts.isActive is an integer (1/0) in Autotask, not a boolean.
        ctx.api.count('Contacts', [byCompany, { op: 'eq', field: 'isActive', value: 1 }], opts),
      ]);
      structured.contacts = { total, active };
      lines.push(`Contacts: ${total} (${active} active). search_contacts with companyID=${args.id} lists them.`);
    }
    structured.untrustedFields = untrustedFields;
    structured.notice = UNTRUSTED_NOTICE;
    lines.push(UNTRUSTED_NOTICE);
    return structuredResult(structured, lines.join('\n'));
  },
});

const SHOWN_IN_LINE = new Set(['id', 'companyName', 'companyNumber', 'companyType', 'companyTypeLabel', 'isActive', 'phone', 'city', 'state', 'postalCode', 'ownerResourceID', 'ownerResourceName', 'parentCompanyID', 'parentCompanyName']);

/** Remaining fields, one per line; free text inside untrusted markers. */
function detailLines(company: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(company)) {
    if (SHOWN_IN_LINE.has(k)) continue;
    if (k === 'userDefinedFields' && Array.isArray(v)) {
      for (const u of v as Array<{ name: string; value: unknown }>) out.push(`  UDF "${u.name}": ${untrusted(String(u.value))}`);
      continue;
    }
    const shown = typeof v === 'string' ? (COMPANY_UNTRUSTED_FIELDS.includes(k) ? untrusted(v) : v) : JSON.stringify(v);
    out.push(`  ${k}: ${shown}`);
  }
  return out;
}
