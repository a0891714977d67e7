/**
 * search_services / get_service: recurring services, or service bundles with the services each
 * holds (ServiceBundleServices links them; one query per page, names batched).
 */
import { z } from 'zod';
import type { AutotaskRecord, FilterExpression } from '../../autotask/types.js';
import { defineReadTool, type ToolContext } from '../types.js';
import { idSchema, paginationShape } from '../shared.js';
import { UTC } from '../dates.js';
import { containsAny } from '../filters.js';
import { listResult } from '../lists.js';
import { notFound } from '../records.js';
import { getOutput, listOutput } from '../output.js';
import { derived, field, flag, label, recordResult, text, type Column, type Rec, type Section } from '../rows.js';
import { addNames, namedRef } from '../named.js';
import { priceSection } from './prices.js';
import { catalogueRecord } from './record.js';

/** Links of one page of bundles (or of one service): Autotask's page size. */
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
const MORE_LINKS = `More than ${PAGE} bundle links: the lists show the first ${PAGE}.`;

/** ServiceBundleServices rows with `field` among `ids` (one query), in id order. */
async function links(ctx: ToolContext, field: 'serviceBundleID' | 'serviceID', ids: number[]): Promise<{ rows: AutotaskRecord[]; more: boolean }> {
  const { items, nextPageUrl } = await ctx.api.query('ServiceBundleServices', { filter: [{ op: ids.length === 1 ? 'eq' : 'in', field, value: ids.length === 1 ? (ids[0]) : ids }], maxRecords: PAGE }, { signal: ctx.signal });
  return { rows: [...items].sort((a, b) => a.id - b.id), more: nextPageUrl !== null };
}

/** The services of each bundle on the page: one query for the links, one batched name lookup. */
async function bundleServices(ctx: ToolContext, bundles: Rec[]): Promise<{ notes?: string[] }> {
  if (!bundles.length) return {};
  const { rows, more } = await links(ctx, 'serviceBundleID', bundles.map((b) => b.id as number));
  await addNames(ctx, rows, 'serviceID', 'services');
  for (const b of bundles) b.services = rows.filter((l) => l.serviceBundleID === b.id).map((l) => (l.serviceName as string | undefined) ?? `service ${String(l.serviceID)}`);
  return more ? { notes: [MORE_LINKS] } : {};
}

export const searchServices = defineReadTool({
  name: 'search_services',
  title: 'Search services',
  description: 'Find recurring services, or service bundles (kind=bundles) with the services each holds, by name and active; rows add period, price, cost, discount.',
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

const MEMBER_COLUMNS: Column[] = [field('id'), text('name'), label('periodType'), field('unitPrice'), field('unitCost'), flag('isActive')];
const CONTAINER_COLUMNS: Column[] = [field('id'), namedRef('serviceBundleID', 'serviceBundles')];

/** A bundle's services with their own prices: the links, then one query for those services. */
async function memberSection(ctx: ToolContext, bundleId: number): Promise<Section> {
  const { rows, more } = await links(ctx, 'serviceBundleID', [bundleId]);
  const ids = [...new Set(rows.map((l) => l.serviceID).filter((v): v is number => typeof v === 'number'))];
  const services = ids.length
    ? (await ctx.api.query('Services', { filter: [{ op: 'in', field: 'id', value: ids }], includeFields: ['id', ...COMMON], maxRecords: ids.length }, { signal: ctx.signal })).items
    : [];
  const sorted = [...services].sort((a, b) => a.id - b.id);
  await ctx.names.enrich('Services', sorted, ctx.signal);
  return { key: 'services', title: `Services in the bundle (${sorted.length}${more ? `, the first ${PAGE} links` : ''}):`, columns: MEMBER_COLUMNS, records: sorted, empty: '(no services)', extra: { more } };
}

/** The bundles a service is part of. */
async function containerSection(ctx: ToolContext, serviceId: number): Promise<Section> {
  const { rows, more } = await links(ctx, 'serviceID', [serviceId]);
  await addNames(ctx, rows, 'serviceBundleID', 'serviceBundles');
  return { key: 'bundles', title: `Part of these bundles (${rows.length}, link id and bundle):`, columns: CONTAINER_COLUMNS, records: rows, empty: '(in no bundle)', extra: { more } };
}

export const getService = defineReadTool({
  name: 'get_service',
  title: 'Get service or bundle',
  description: 'One service (or bundle, kind=bundles) by id with every set field and labels; a bundle adds its services, a service the bundles holding it; both add prices in other currencies.',
  toolset: 'catalogue',
  input: { id: idSchema, kind: z.enum(['services', 'bundles']).default('services') },
  output: getOutput,
  async handler(args, ctx) {
    const bundle = args.kind === 'bundles';
    const entity = bundle ? 'ServiceBundles' : 'Services';
    const what = bundle ? 'service bundle' : 'service';
    const found = await ctx.api.get(entity, args.id, { signal: ctx.signal });
    if (!found) return notFound(what, args.id, `Use search_services${bundle ? ' kind=bundles' : ''} to find ${what}s${bundle ? '' : ' (or kind=bundles for a bundle)'}.`);
    await addNames(ctx, [found], 'billingCodeID', 'billingCodes');
    const { record, columns } = await catalogueRecord(ctx, entity, found, { billingCodeID: namedRef('billingCodeID', 'billingCodes') });
    const [related, prices] = await Promise.all([bundle ? memberSection(ctx, args.id) : containerSection(ctx, args.id), priceSection(ctx, bundle ? 'bundles' : 'services', args.id)]);
    return recordResult({ head: `${bundle ? 'Service bundle' : 'Service'} ${args.id}:`, key: bundle ? 'serviceBundle' : 'service', columns, record, zone: UTC, sections: [related, prices] });
  },
});
