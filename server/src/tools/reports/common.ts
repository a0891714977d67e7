/**
 * Pieces every report shares: bounded reads (a query and its next pages up to a cap; records by
 * id in `in` batches of 500), sums, and the result: the shared compact table with the report's
 * coverage line (range, caps, what is not counted) in text and in structuredContent.
 */
import type { AutotaskRecord, QueryRequest } from '../../autotask/types.js';
import type { ToolContext, ToolResult } from '../types.js';
import { MAX_IN_LIST } from '../enrich.js';
import { pageResult, type PageView } from '../rows.js';

export const PAGE = 500;

export interface Capped {
  items: AutotaskRecord[];
  /** Autotask had more than the cap. */
  cut: boolean;
}

/** A query and at most `pages - 1` of its next pages: `pages` requests, `pages` × 500 records. */
export async function readCapped(ctx: ToolContext, entity: string, q: Omit<QueryRequest, 'maxRecords'>, pages: number): Promise<Capped> {
  const query: QueryRequest = { ...q, maxRecords: PAGE };
  const opts = { signal: ctx.signal };
  let page = await ctx.api.query(entity, query, opts);
  const items = [...page.items];
  for (let n = 1; n < pages && page.nextPageUrl; n++) {
    page = await ctx.api.queryNext(entity, page.nextPageUrl, query, opts);
    items.push(...page.items);
  }
  return { items, cut: page.nextPageUrl !== null };
}

/** The distinct numeric values of a field, ascending. */
export function idsOf(records: readonly Record<string, unknown>[], field: string): number[] {
  const ids = new Set<number>();
  for (const r of records) if (typeof r[field] === 'number' && Number.isInteger(r[field])) ids.add(r[field]);
  return [...ids].sort((a, b) => a - b);
}

/** Records by id, `includeFields` only: ceil(ids / 500) requests (none for no ids). */
export async function byIds(ctx: ToolContext, entity: string, ids: readonly number[], includeFields: string[]): Promise<Map<number, AutotaskRecord>> {
  const out = new Map<number, AutotaskRecord>();
  for (let i = 0; i < ids.length; i += MAX_IN_LIST) {
    const value = ids.slice(i, i + MAX_IN_LIST);
    const { items } = await ctx.api.query(entity, { filter: [{ op: 'in', field: 'id', value }], includeFields: ['id', ...includeFields], maxRecords: MAX_IN_LIST }, { signal: ctx.signal });
    for (const r of items) out.set(r.id, r);
  }
  return out;
}

/** Batches an id lookup of at most `n` ids costs. */
export const batches = (n: number): number => Math.ceil(n / MAX_IN_LIST);

export const round2 = (n: number): number => Math.round(n * 100) / 100;
export const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export interface ReportView extends Omit<PageView, 'page'> {
  /** What the report covers: the range, the caps, what is not counted, the requests it may cost. */
  coverage: string;
  /** Autotask had more than the caps allowed: the sums are of what was read. */
  cut?: boolean;
}

/** A report: its table, its coverage line, and no paging (a report answers whole or says where it stopped). */
export function reportResult(v: ReportView): ToolResult {
  return pageResult({
    ...v,
    page: { hasMore: false, nextCursor: null },
    notes: [...(v.notes ?? []), `Covers: ${v.coverage}`],
    extra: { ...v.extra, coverage: v.coverage, complete: v.cut !== true },
  });
}
