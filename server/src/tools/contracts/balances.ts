/**
 * What is left on block-hours and retainer contracts. Autotask exposes, per purchased block, its
 * hours and hoursApproved (the hours of approved and posted work charged to it), and per retainer
 * its amount and amountApproved; both "used" fields cannot be queried (official ContractBlocks /
 * ContractRetainers pages), so they are read from plain queries (no IncludeFields, no filter on
 * them). Remaining = purchased - approved, over blocks and retainers whose end date has not
 * passed: work not yet approved and posted is not subtracted, and a value Autotask did not return
 * makes the remaining unknown (never 0).
 */
import type { AutotaskRecord, FilterExpression } from '../../autotask/types.js';
import type { ToolContext } from '../types.js';
import { day, derived, field, flag, type Column } from '../rows.js';

/** What the result says the numbers mean (shown once per result). */
export const BALANCE_NOTE =
  'Remaining = purchased - approved (hoursApproved / amountApproved: approved and posted work), over blocks and retainers whose end date has not passed; work not yet approved and posted is not subtracted.';

const PAGE = 500;

interface Kind {
  entity: 'ContractBlocks' | 'ContractRetainers';
  total: 'hours' | 'amount';
  used: 'hoursApproved' | 'amountApproved';
}
const BLOCKS: Kind = { entity: 'ContractBlocks', total: 'hours', used: 'hoursApproved' };
const RETAINERS: Kind = { entity: 'ContractRetainers', total: 'amount', used: 'amountApproved' };

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Remaining of one block or retainer: null when Autotask returned no used value. */
function remainingOf(kind: Kind, r: AutotaskRecord): number | null {
  const total = num(r[kind.total]);
  const used = num(r[kind.used]);
  return total === null || used === null ? null : round2(total - used);
}

/** The block or retainer still runs today (its end date, a day, is today or later). */
const running = (r: AutotaskRecord, today: string) => typeof r.endDate === 'string' && r.endDate.slice(0, 10) >= today;

export interface Totals {
  /** Purchased, used and remaining over the running ones; remaining null when one was not returned. */
  purchased: number;
  used: number | null;
  remaining: number | null;
  running: number;
  ended: number;
}

function totals(kind: Kind, rows: readonly AutotaskRecord[], today: string): Totals {
  const live = rows.filter((r) => running(r, today));
  const rem = live.map((r) => remainingOf(kind, r));
  const used = live.map((r) => num(r[kind.used]));
  return {
    purchased: round2(live.reduce((s, r) => s + (num(r[kind.total]) ?? 0), 0)),
    used: used.some((u) => u === null) ? null : round2(used.reduce((s: number, u) => s + (u as number), 0)),
    remaining: rem.some((x) => x === null) ? null : round2(rem.reduce((s: number, x) => s + (x as number), 0)),
    running: live.length,
    ended: rows.length - live.length,
  };
}

export interface ContractBalances {
  blocks: AutotaskRecord[];
  retainers: AutotaskRecord[];
  hours: Totals | null;
  amount: Totals | null;
}

/**
 * Blocks and retainers of the given contracts: two queries for any number of contracts (one `in`
 * list each); `complete` is false when a contract set holds more than a page of them.
 */
export async function readBalances(ctx: ToolContext, contractIds: readonly number[], today: string): Promise<{ byContract: Map<number, ContractBalances>; complete: boolean }> {
  const ids = [...new Set(contractIds)];
  const byContract = new Map<number, ContractBalances>();
  if (!ids.length) return { byContract, complete: true };
  const filter: FilterExpression[] = [ids.length === 1 ? { op: 'eq', field: 'contractID', value: ids[0] } : { op: 'in', field: 'contractID', value: ids }];
  // No IncludeFields: the approved fields cannot be named in a query, and a plain query returns them.
  const [blocks, retainers] = await Promise.all(
    [BLOCKS, RETAINERS].map((k) => ctx.api.query(k.entity, { filter, maxRecords: PAGE }, { signal: ctx.signal })),
  );
  for (const id of ids) {
    const b = blocks.items.filter((r) => r.contractID === id).sort((x, y) => x.id - y.id);
    const r = retainers.items.filter((x) => x.contractID === id).sort((x, y) => x.id - y.id);
    byContract.set(id, { blocks: b, retainers: r, hours: b.length ? totals(BLOCKS, b, today) : null, amount: r.length ? totals(RETAINERS, r, today) : null });
  }
  return { byContract, complete: blocks.nextPageUrl === null && retainers.nextPageUrl === null };
}

const state = (today: string) => derived('state', (r) => (running(r as AutotaskRecord, today) ? 'running' : 'ended'));

export function blockColumns(today: string): Column[] {
  return [field('id'), day('startDate'), day('endDate'), field('hours'), field('used', 'hoursApproved'), derived('remaining', (r) => remainingOf(BLOCKS, r as AutotaskRecord)), field('hourlyRate'), flag('isPaid'), field('invoiceNumber'), state(today)];
}

export function retainerColumns(today: string): Column[] {
  return [field('id'), day('startDate'), day('endDate'), field('amount'), field('used', 'amountApproved'), derived('remaining', (r) => remainingOf(RETAINERS, r as AutotaskRecord)), flag('isPaid'), field('invoiceNumber'), state(today)];
}
