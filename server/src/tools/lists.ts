/**
 * A search tool's answer: one page queried with exact paging, names and labels enriched, long
 * text cut, rendered as the shared compact table (./rows.ts, output schema listOutput in
 * ./output.ts), with a plain statement of the criteria when nothing matched.
 */
import type { FilterExpression } from '../autotask/types.js';
import type { ToolContext, ToolResult } from './types.js';
import { noneFound, queryPage, truncate, type Order } from './shared.js';
import { UTC } from './dates.js';
import { zoneOf } from './tenant-zone.js';
import { pageResult, type Column } from './rows.js';

/** "name=\"acme\", active=true" — the criteria as the model gave them, for empty results. */
export function describeCriteria(args: Record<string, unknown>): string {
  const parts = Object.entries(args)
    .filter(([k, v]) => v !== undefined && k !== 'limit' && k !== 'cursor' && k !== 'order')
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return parts.length ? parts.join(', ') : 'no filters';
}

export interface ListSpec {
  entity: string;
  /** Plural noun for texts: "companies". */
  what: string;
  filter: FilterExpression[];
  /** `order` is present for lists of records that pile up (orderedPaginationShape). */
  args: { limit: number; cursor?: string; order?: Order } & Record<string, unknown>;
  includeFields?: string[];
  /** The row (../rows.ts): which fields, shown how; client text is marked there. */
  columns: Column[];
  /** Long text cut at `max` with a marker that says how to get it whole. */
  cut?: { fields: string[]; max: number; howToGetAll: (r: Record<string, unknown>) => string };
  /**
   * Runs on the enriched page: add names enrichment does not know (bounded batches), and return
   * extra structured members / text lines computed from the page (e.g. total hours).
   */
  afterPage?(items: Array<Record<string, unknown>>): Promise<{ extra?: Record<string, unknown>; notes?: string[] }>;
  /** Extra structured members and text lines (e.g. how a project filter was resolved). */
  extra?: Record<string, unknown>;
  notes?: string[];
}

/** Query one page, enrich names/labels, cut long text, and render it as the shared compact table. */
export async function listResult(ctx: ToolContext, spec: ListSpec): Promise<ToolResult> {
  const page = await queryPage(ctx.api, spec.entity, spec.filter, {
    limit: spec.args.limit,
    cursor: spec.args.cursor,
    order: spec.args.order,
    includeFields: spec.includeFields,
    signal: ctx.signal,
  });
  const items: Array<Record<string, unknown>> = page.items;
  await ctx.names.enrich(spec.entity, page.items, ctx.signal);
  const after = spec.afterPage ? await spec.afterPage(items) : {};
  if (spec.cut) {
    for (const r of items) {
      for (const f of spec.cut.fields) if (typeof r[f] === 'string') r[f] = truncate(r[f], spec.cut.max, spec.cut.howToGetAll(r));
    }
  }
  const criteria = describeCriteria(spec.args);
  return pageResult({
    what: spec.what,
    columns: spec.columns,
    records: items,
    // Only instants depend on the zone: lists without them never ask for it.
    zone: spec.columns.some((c) => c.text !== undefined) ? await zoneOf(ctx) : UTC,
    page,
    order: spec.args.order,
    empty: noneFound(spec.what, spec.args.cursor ? `${criteria} after the cursor position` : criteria),
    notes: [...(spec.notes ?? []), ...(after.notes ?? [])],
    extra: { ...spec.extra, ...after.extra },
  });
}
