/**
 * get_contract: one contract with its fields and user-defined fields, and on request its
 * services and service bundles, its purchased blocks and retainers with what is left on them,
 * and what it excludes (work types and roles, on the contract itself or through its exclusion set).
 */
import { z } from 'zod';
import { getEntity } from '../../catalogue/index.js';
import { defineReadTool, type ToolContext } from '../types.js';
import { idSchema } from '../shared.js';
import { UTC } from '../dates.js';
import { getOutput } from '../output.js';
import { notFound } from '../records.js';
import { autoColumns, compactRecord, untrustedFieldNames } from '../query/render.js';
import { day as dayColumn, field, recordResult, text, type Column, type Section } from '../rows.js';
import { addNames, namedRef } from '../named.js';
import { today } from './common.js';
import { BALANCE_NOTE, blockColumns, readBalances, retainerColumns, type Totals } from './balances.js';
import { EXCLUSION_COLUMNS, readExclusions } from './exclusions.js';

const PAGE = 500;
const PARTS = ['services', 'balances', 'exclusions'] as const;

const SERVICE_COLUMNS: Column[] = [field('id'), namedRef('serviceID', 'services'), field('unitPrice'), field('unitCost'), text('invoiceDescription')];
const BUNDLE_COLUMNS: Column[] = [field('id'), namedRef('serviceBundleID', 'serviceBundles'), field('unitPrice'), field('adjustedPrice'), text('invoiceDescription')];

async function lines(ctx: ToolContext, entity: string, contractId: number, nameField: string, kind: 'services' | 'serviceBundles') {
  const { items, nextPageUrl } = await ctx.api.query(entity, { filter: [{ op: 'eq', field: 'contractID', value: contractId }], maxRecords: PAGE }, { signal: ctx.signal });
  const rows = [...items].sort((a, b) => a.id - b.id);
  await addNames(ctx, rows, nameField, kind);
  return { rows, more: nextPageUrl !== null };
}

const totalText = (t: Totals | null, unit: string) =>
  t ? `${t.running} running (${t.ended} ended): ${t.purchased} ${unit} purchased, ${t.used ?? 'unknown'} used, ${t.remaining ?? 'unknown'} remaining` : '';

export const getContract = defineReadTool({
  name: 'get_contract',
  title: 'Get contract',
  description: 'One contract by id with every set field, labels and user-defined fields; include adds its services and bundles, blocks and retainers with hours / amount remaining, and exclusions.',
  toolset: 'contracts',
  input: {
    id: idSchema,
    include: z.array(z.enum(PARTS)).max(3).default(['services', 'balances']).describe('Related records to add.'),
  },
  output: getOutput,
  async handler(args, ctx) {
    const found = await ctx.api.get('Contracts', args.id, { signal: ctx.signal });
    if (!found) return notFound('contract', args.id, 'Use search_contracts to find contracts.');
    await ctx.names.enrich('Contracts', [found], ctx.signal);
    const contract = compactRecord(found, { maxText: null, howToGetAll: '' });
    const spec = getEntity('Contracts');
    const include = new Set(args.include);
    const sections: Section[] = [];
    const tail: string[] = [];
    const extra: Record<string, unknown> = {};
    if (include.has('services')) {
      const [services, bundles] = await Promise.all([lines(ctx, 'ContractServices', args.id, 'serviceID', 'services'), lines(ctx, 'ContractServiceBundles', args.id, 'serviceBundleID', 'serviceBundles')]);
      sections.push({ key: 'services', title: `Services (${services.rows.length}${services.more ? ', the first 500' : ''}):`, columns: SERVICE_COLUMNS, records: services.rows, empty: '(no services)', extra: { more: services.more } });
      if (bundles.rows.length) sections.push({ key: 'serviceBundles', title: `Service bundles (${bundles.rows.length}):`, columns: BUNDLE_COLUMNS, records: bundles.rows, empty: '', extra: { more: bundles.more } });
    }
    if (include.has('balances')) {
      const day = await today(ctx);
      const { byContract, complete } = await readBalances(ctx, [args.id], day);
      const b = byContract.get(args.id)!;
      if (b.blocks.length) sections.push({ key: 'blocks', title: `Blocks of hours (${totalText(b.hours, 'hours')}):`, columns: blockColumns(day), records: b.blocks, empty: '' });
      if (b.retainers.length) sections.push({ key: 'retainers', title: `Retainers (${totalText(b.amount, 'purchased amount')}):`, columns: retainerColumns(day), records: b.retainers, empty: '' });
      extra.balance = { today: day, hours: b.hours, amount: b.amount };
      tail.push(b.blocks.length || b.retainers.length ? BALANCE_NOTE : 'No blocks of hours or retainers were purchased on this contract.');
      if (!complete) tail.push('More than 500 blocks or retainers: only the first 500 are shown and counted.');
    }
    if (include.has('exclusions')) {
      const ex = await readExclusions(ctx, found);
      const from = ex.set ? `; exclusion set ${ex.set.id} "${String(ex.set.name ?? '')}"` : '';
      sections.push({ key: 'exclusions', title: `Excluded work types and roles (${ex.rows.length}${from}):`, columns: EXCLUSION_COLUMNS, records: ex.rows, empty: '(nothing excluded)' });
    }
    return recordResult({
      head: `Contract ${args.id}:`,
      key: 'contract',
      columns: autoColumns([contract], new Set(spec ? untrustedFieldNames(spec) : [])).map((c) => (c.key === 'endDate' || c.key === 'startDate' ? dayColumn(c.key) : c)),
      record: contract,
      // Every date shown is a date-only field.
      zone: UTC,
      sections,
      tail,
      extra,
    });
  },
});
