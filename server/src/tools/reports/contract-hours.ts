/**
 * report_contract_hours. A Block Hours contract's balance is its purchased blocks (ContractBlocks:
 * hours, hoursApproved), a Retainer's its purchases (ContractRetainers: amount, amountApproved);
 * "the contract maintains the balance" (official ContractBlocks / ContractRetainers pages). Both
 * "approved" fields "return an error when queried", so they are never named in a filter or
 * IncludeFields: the purchases are read whole by a contractID `in` filter. A purchase without its
 * approved value makes the remainder unknown, never 0.
 */
import type { AutotaskRecord } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { companyIdSchema, noneFound } from '../shared.js';
import { dayAsStored, dayIn } from '../dates.js';
import { listOutput } from '../output.js';
import { zoneOf } from '../tenant-zone.js';
import { matchPicklistValue } from '../picklists.js';
import { day, field, label, ref, type Column } from '../rows.js';
import { readCapped, reportResult, round2, PAGE, idsOf } from './common.js';
import { nextDay, nowOf } from './days.js';

const PURCHASE_PAGES = 2;
/** Contracts, blocks and retainer purchases (two pages each), company names. */
export const CONTRACT_HOURS_MAX_REQUESTS = 1 + 2 * PURCHASE_PAGES + 1;

const COLUMNS: Column[] = [
  ref('companyID'),
  ref('contractID', 'contractID', 'contractName'),
  label('type', 'contractType'),
  field('purchases'),
  field('hours'),
  field('hoursUsed'),
  field('hoursRemaining'),
  field('amount'),
  field('amountUsed'),
  field('amountRemaining'),
  day('periodEnd'),
];

const UNKNOWN = 'unknown';

/** Purchased, used (null when a purchase lacks it) and remaining of one measure. */
function balance(purchases: AutotaskRecord[], total: string, used: string): { total: number; used: number | null; remaining: number | typeof UNKNOWN } {
  const sum = round2(purchases.reduce((n, p) => n + (typeof p[total] === 'number' ? p[total] : 0), 0));
  const known = purchases.every((p) => typeof p[used] === 'number');
  const spent = known ? round2(purchases.reduce((n, p) => n + (p[used] as number), 0)) : null;
  return { total: sum, used: spent, remaining: spent === null ? UNKNOWN : round2(sum - spent) };
}

export const reportContractHours = defineReadTool({
  name: 'report_contract_hours',
  title: 'Report: contract hours remaining',
  description: `Hours (Block Hours) and amounts (Retainer) left per company on active contracts, from the purchases current today; "unknown" when Autotask gives no used value. At most ${CONTRACT_HOURS_MAX_REQUESTS} requests.`,
  toolset: 'reports',
  input: { companyID: companyIdSchema.optional().describe('search_companies gives ids.') },
  output: listOutput,
  async handler(args, ctx) {
    const opts = { signal: ctx.signal };
    const [types, statuses, zone] = await Promise.all([ctx.api.picklist('Contracts', 'contractType', opts), ctx.api.picklist('Contracts', 'status', opts), zoneOf(ctx)]);
    const block = Number(matchPicklistValue(types, 'Block Hours', 'Contracts.contractType').value);
    const retainer = Number(matchPicklistValue(types, 'Retainer', 'Contracts.contractType').value);
    const active = Number(matchPicklistValue(statuses, 'Active', 'Contracts.status').value);
    const today = dayIn(nowOf(ctx), zone);
    const { items: contracts, nextPageUrl } = await ctx.api.query(
      'Contracts',
      {
        filter: [
          { op: 'in', field: 'contractType', value: [block, retainer] },
          { op: 'eq', field: 'status', value: active },
          ...(args.companyID !== undefined ? [{ op: 'eq' as const, field: 'companyID', value: args.companyID }] : []),
        ],
        includeFields: ['companyID', 'contractName', 'contractType'],
        maxRecords: PAGE,
      },
      opts,
    );
    const coverage =
      `active Block Hours and Retainer contracts${args.companyID !== undefined ? ` of company ${args.companyID}` : ''} (at most ${PAGE}); their purchases current on ${today} (tenant time zone), at most ${PURCHASE_PAGES * PAGE} of each kind. ` +
      `Not counted: expired or future purchases, other contract types. At most ${CONTRACT_HOURS_MAX_REQUESTS} Autotask queries.`;
    const current = [
      { op: 'in' as const, field: 'contractID', value: idsOf(contracts, 'id') },
      { op: 'lt' as const, field: 'startDate', value: dayAsStored(nextDay(today)) },
      { op: 'gte' as const, field: 'endDate', value: dayAsStored(today) },
    ];
    const has = (type: number) => contracts.some((c) => c.contractType === type);
    const none = { items: [] as AutotaskRecord[], cut: false };
    // Whole records: hoursApproved / amountApproved may not be named, not even in IncludeFields.
    const [blocks, retainers] = await Promise.all([
      has(block) ? readCapped(ctx, 'ContractBlocks', { filter: current }, PURCHASE_PAGES) : none,
      has(retainer) ? readCapped(ctx, 'ContractRetainers', { filter: current }, PURCHASE_PAGES) : none,
    ]);
    const unknown: number[] = [];
    const rows: Array<Record<string, unknown>> = contracts.map((c) => {
      const isBlock = c.contractType === block;
      const mine = (isBlock ? blocks : retainers).items.filter((p) => p.contractID === c.id);
      const b = isBlock ? balance(mine, 'hours', 'hoursApproved') : balance(mine, 'amount', 'amountApproved');
      if (b.remaining === UNKNOWN) unknown.push(c.id);
      const end = mine.map((p) => String(p.endDate ?? '')).sort().at(-1);
      return {
        companyID: c.companyID, contractID: c.id, contractName: c.contractName, contractType: c.contractType, purchases: mine.length, periodEnd: end ?? null,
        ...(isBlock ? { hours: b.total, hoursUsed: b.used, hoursRemaining: b.remaining } : { amount: b.total, amountUsed: b.used, amountRemaining: b.remaining }),
      };
    });
    rows.sort((a, b) => Number(a.companyID) - Number(b.companyID) || Number(a.contractID) - Number(b.contractID));
    await ctx.names.enrich('Contracts', rows, ctx.signal);
    const idle = rows.filter((r) => r.purchases === 0).length;
    const notes = [
      ...(nextPageUrl ? [`More than ${PAGE} such contracts: only the first ${PAGE} are shown; give companyID.`] : []),
      ...(blocks.cut || retainers.cut ? [`More than ${PURCHASE_PAGES * PAGE} current purchases: the balances count the first ${PURCHASE_PAGES * PAGE} only.`] : []),
      ...(unknown.length ? [`Remaining is unknown for contract ${unknown.join(', ')}: a current purchase has no hoursApproved/amountApproved value.`] : []),
      ...(idle ? [`${idle} contract(s) have no purchase current today: nothing can be charged against them until one is added.`] : []),
    ];
    return reportResult({
      what: 'block hours and retainer contracts',
      columns: COLUMNS,
      records: rows,
      zone,
      empty: noneFound('active Block Hours or Retainer contracts', args.companyID !== undefined ? `companyID=${args.companyID}` : 'this tenant'),
      notes,
      cut: nextPageUrl !== null || blocks.cut || retainers.cut,
      extra: { day: today, remainingUnknown: unknown },
      coverage,
    });
  },
});
