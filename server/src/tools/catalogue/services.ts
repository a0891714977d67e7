/** search_services: recurring services, or service bundles with the services each contains. */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool, type ToolContext } from '../types.js';
import { paginationShape } from '../shared.js';
import { containsAny, listResult } from '../companies/listing.js';
import { listOutput } from '../output.js';
import { derived, field, flag, label, text, type Column, type Rec } from '../rows.js';
import { addNames } from '../named.js';

const PAGE = 500;

const COMMON = ['name', 'description', 'periodType', 'unitPrice', 'unitCost', 'isActive'];
const SERVICE_COLUMNS: Column[] = [field('id'), text('name'), label('periodType'), field('unitPrice'), field('unitCost'), flag('isActive'), text('description')];
const BUNDLE_COLUMNS: Column[] = [
  field('id'),
  text('name'),
  label('periodType'),
  field('unitPrice'),
  field('percentageDiscount'),
  field('unitDiscount'),
  flag('isActive'),
  derived('services', (r) => (Array.isArray(r.services) ? (r.services as string[]).join('; ') : null), { untrusted: true }),
];

/** The services of each bundle on the page: one query for the links, one batched name lookup. */
async function bundleServices(ctx: ToolContext, bundles: Rec[]): Promise<{ notes?: string[] }> {
  if (!bundles.length) return {};
  const ids = bundles.map((b) => b.id as number);
  const { items, nextPageUrl } = await ctx.api.query('ServiceBundleServices', { filter: [{ op: 'in', field: 'serviceBundleID', value: ids }], maxRecords: PAGE }, { signal: ctx.signal });
  const links: Rec[] = [...items].sort((a, b) => a.id - b.id);
  await addNames(ctx, links, 'serviceID', 'services');
  for (const b of bundles) b.services = links.filter((l) => l.serviceBundleID === b.id).map((l) => (l.serviceName as string | undefined) ?? `service ${String(l.serviceID)}`);
  return nextPageUrl ? { notes: ['These bundles hold more than 500 services: the lists show the first 500.'] } : {};
}

export const searchServices = defineReadTool({
  name: 'search_services',
  title: 'Search services',
  description: 'Find recurring services, or service bundles (kind=bundles) with the services each holds: name, period, price, cost, discount, active.',
  toolset: 'catalogue',
  input: {
    kind: z.enum(['services', 'bundles']).default('services'),
    name: z.string().trim().min(1).max(100).optional().describe('Part of the name.'),
    active: z.boolean().optional(),
    ...paginationShape,
  },
  output: listOutput,
  async handler(args, ctx) {
    const filter: FilterExpression[] = [];
    if (args.name !== undefined) filter.push(containsAny(['name'], args.name));
    if (args.active !== undefined) filter.push({ op: 'eq', field: 'isActive', value: args.active });
    if (args.kind === 'services') return listResult(ctx, { entity: 'Services', what: 'services', filter, args, includeFields: COMMON, columns: SERVICE_COLUMNS });
    return listResult(ctx, {
      entity: 'ServiceBundles',
      what: 'service bundles',
      filter,
      args,
      includeFields: [...COMMON, 'percentageDiscount', 'unitDiscount'],
      columns: BUNDLE_COLUMNS,
      afterPage: (items) => bundleServices(ctx, items),
    });
  },
});
