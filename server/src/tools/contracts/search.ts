/** search_contracts: by company, name / number, status, type, end date ("expiring within N days"), with balances on request. */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { ToolInputError } from '../results.js';
import { companyIdSchema, orderedPaginationShape } from '../shared.js';
import { isoDateSchema, UTC } from '../dates.js';
import { picklistFilterInput, resolveMany } from '../tickets/common.js';
import { dateRange, oneOrIn } from '../filters.js';
import { listResult } from '../lists.js';
import { listOutput } from '../output.js';
import { derived, type Rec } from '../rows.js';
import { addDays, CONTRACT_COLUMNS, CONTRACT_LIST_FIELDS, today } from './common.js';
import { BALANCE_NOTE, readBalances } from './balances.js';

export const searchContractsInput = {
  companyID: companyIdSchema.optional().describe('search_companies gives ids.'),
  text: z.string().trim().min(1).max(100).optional().describe('Part of the name, or the start of the contract number.'),
  status: picklistFilterInput.optional().describe('Id or label (e.g. "Active"), or a list of them.'),
  type: picklistFilterInput.optional().describe('Contract type id or label (e.g. "Block Hours"), or a list of them.'),
  expiringWithinDays: z.number().int().min(0).max(3650).optional().describe('End date from today through today + N days.'),
  endAfter: isoDateSchema.optional().describe('End date on or after this day.'),
  endBefore: isoDateSchema.optional().describe('End date before this day.'),
  withBalances: z.boolean().default(false).describe('Add block hours and retainer amount remaining (2 more requests).'),
  ...orderedPaginationShape,
};

export const searchContracts = defineReadTool({
  name: 'search_contracts',
  title: 'Search contracts',
  description: 'Find contracts (filters combine with AND), newest first: name, number, type, status, company, start and end day; optionally what is left on block hours and retainers. get_contract reads one with services, blocks and exclusions.',
  toolset: 'contracts',
  input: searchContractsInput,
  output: listOutput,
  async handler(args, ctx) {
    if (args.expiringWithinDays !== undefined && (args.endAfter !== undefined || args.endBefore !== undefined)) {
      throw new ToolInputError('expiringWithinDays sets the end-date range itself: give it, or endAfter/endBefore, not both.');
    }
    const opts = { signal: ctx.signal };
    const filter: FilterExpression[] = [];
    const notes: string[] = [];
    if (args.companyID !== undefined) filter.push({ op: 'eq', field: 'companyID', value: args.companyID });
    if (args.text !== undefined) filter.push({ op: 'or', items: [{ op: 'contains', field: 'contractName', value: args.text }, { op: 'beginsWith', field: 'contractNumber', value: args.text }] });
    if (args.status !== undefined) filter.push(oneOrIn('status', await resolveMany(ctx.api, 'Contracts', 'status', args.status, opts)));
    if (args.type !== undefined) filter.push(oneOrIn('contractType', await resolveMany(ctx.api, 'Contracts', 'contractType', args.type, opts)));
    const needToday = args.expiringWithinDays !== undefined || args.withBalances;
    const day = needToday ? await today(ctx) : '';
    if (args.expiringWithinDays !== undefined) {
      const until = addDays(day, args.expiringWithinDays + 1);
      filter.push(...dateRange('endDate', day, until, ['today', 'expiringWithinDays'], { zone: UTC, unit: 'day' }));
      notes.push(`Expiring: end date from ${day} (today, tenant time) through ${addDays(day, args.expiringWithinDays)}.`);
    }
    // Contract dates are date-only fields: calendar days as written.
    filter.push(...dateRange('endDate', args.endAfter, args.endBefore, ['endAfter', 'endBefore'], { zone: UTC, unit: 'day' }));
    const columns = [...CONTRACT_COLUMNS];
    if (args.withBalances) columns.push(derived('hoursRemaining', (r) => (r.hoursRemaining as number | null | undefined) ?? null), derived('amountRemaining', (r) => (r.amountRemaining as number | null | undefined) ?? null));
    return listResult(ctx, {
      entity: 'Contracts',
      what: 'contracts',
      filter,
      args,
      includeFields: CONTRACT_LIST_FIELDS,
      columns,
      notes,
      afterPage: args.withBalances ? (items) => addBalances(ctx, items, day) : undefined,
    });
  },
});

async function addBalances(ctx: Parameters<typeof readBalances>[0], items: Rec[], day: string): Promise<{ notes?: string[] }> {
  if (!items.length) return {};
  const { byContract, complete } = await readBalances(ctx, items.map((c) => c.id as number), day);
  let unknown = false;
  for (const c of items) {
    const b = byContract.get(c.id as number);
    if (b?.hours) c.hoursRemaining = b.hours.remaining;
    if (b?.amount) c.amountRemaining = b.amount.remaining;
    unknown ||= (b?.hours !== null && b?.hours?.remaining === null) || (b?.amount !== null && b?.amount?.remaining === null);
  }
  const notes = [BALANCE_NOTE];
  if (unknown) notes.push('Autotask returned no approved hours or amount for some blocks or retainers: their remaining is unknown (empty), not zero.');
  if (!complete) notes.push('These contracts hold more than 500 blocks or retainers: the balances count only the first 500; get_contract reads one contract whole.');
  return { notes };
}
