/**
 * Pieces shared by the company, contact, project/task, time-entry and resource tools (kept here
 * because companies is the first of those areas): search results with exact paging, filter
 * builders, a plain statement of the criteria, "not found" answers and update diffs.
 */
import type { FilterExpression } from '../../autotask/types.js';
import type { ToolContext, ToolResult, WritePlan } from '../types.js';
import { structuredResult, ToolInputError } from '../results.js';
import { companionBase } from '../enrich.js';
import { noneFound, queryPage, truncate, type Order } from '../shared.js';
import { rangeBounds, sameInstant, UTC } from '../dates.js';
import { zoneOf } from '../tenant-zone.js';
import { pageResult, type Column } from '../rows.js';

/** Output schema of every search tool in these areas: the shared compact table. */
export { listOutput } from '../output.js';

/** `eq` for one value, `in` for several. */
export function oneOrIn(field: string, values: Array<number | string>): FilterExpression {
  return values.length === 1 ? { op: 'eq', field, value: values[0] } : { op: 'in', field, value: values };
}

/** Text that may appear in any of several fields. */
export function containsAny(fields: string[], text: string): FilterExpression {
  const terms = fields.map((field): FilterExpression => ({ op: 'contains', field, value: text }));
  return terms.length === 1 ? (terms[0]) : { op: 'or', items: terms };
}

/**
 * A person's name: one word matches first or last name; several words match the first word in
 * the first name and the last word in the last name ("Ada Lovelace", "Ada B. Lovelace").
 */
export function personNameFilter(text: string, first = 'firstName', last = 'lastName'): FilterExpression {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length <= 1) return containsAny([first, last], text);
  return {
    op: 'and',
    items: [
      { op: 'contains', field: first, value: words[0] },
      { op: 'contains', field: last, value: words[words.length - 1] },
    ],
  };
}

/**
 * A date range on one field: "after" is inclusive (gte), "before" exclusive (lt). Bounds follow
 * ../dates.ts: a plain date is local midnight in the tenant `zone`; `unit` 'day' is for date-only
 * fields (dateWorked): bounds are calendar days as written, never a time of day.
 */
export function dateRange(field: string, after: string | undefined, before: string | undefined, names: [string, string], opts: { zone: string; unit?: 'instant' | 'day' }): FilterExpression[] {
  const { from, to } = rangeBounds(after, before, names, opts);
  const out: FilterExpression[] = [];
  if (from) out.push({ op: 'gte', field, value: from });
  if (to) out.push({ op: 'lt', field, value: to });
  return out;
}

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

/** The plain answer for a get of a record that does not exist (a string key is a record number). */
export function notFound(what: string, key: number | string, hint: string): ToolResult {
  const which = typeof key === 'number' ? `id ${key}` : `number ${key}`;
  return structuredResult({ found: false }, `No ${what} with ${which} exists in Autotask (or the API user cannot see it). ${hint}`);
}

/** Fetch a record a write depends on, or refuse with what to do instead. */
export async function requireRecord(ctx: ToolContext, entity: string, id: number, what: string, hint: string): Promise<Record<string, unknown> & { id: number }> {
  const record = await ctx.api.get(entity, id, { signal: ctx.signal });
  if (!record) throw new ToolInputError(`No ${what} with id ${id} exists. ${hint} Nothing was sent.`);
  return record;
}

/** A billingCodeID (work type) must name a billing code: Autotask refuses the write otherwise. */
export async function checkBillingCode(ctx: ToolContext, id: number | undefined): Promise<void> {
  if (id !== undefined) await requireRecord(ctx, 'BillingCodes', id, 'billing code', 'query_entities with entity BillingCodes lists the work types.');
}

export type Change = NonNullable<WritePlan['changes']>[number];

const DATE_LIKE = /(Date|DateTime)$|^dateWorked$/;

function same(field: string, from: unknown, to: unknown): boolean {
  if (DATE_LIKE.test(field) && typeof from === 'string' && typeof to === 'string') return sameInstant(from, to);
  return from === to || ((from === null || from === undefined) && (to === null || to === undefined));
}

/**
 * PATCH body with only the fields that change, the current -> new list for the preview, and the
 * current value of every wanted field (WritePlan.expected: a field that already held its value
 * is relied on too). `display` turns picklist values into "Label (value)" for people.
 */
export async function diffUpdate(
  id: number,
  current: Record<string, unknown>,
  wanted: Record<string, unknown>,
  display: (field: string, value: unknown) => Promise<unknown> = async (_f, v) => v,
): Promise<{ body: Record<string, unknown> & { id: number }; changes: Change[]; expected: Record<string, unknown> }> {
  const body: Record<string, unknown> & { id: number } = { id };
  const changes: Change[] = [];
  const expected: Record<string, unknown> = {};
  for (const [field, to] of Object.entries(wanted)) {
    const from = current[field] ?? null;
    expected[field] = from;
    if (same(field, from, to)) continue;
    body[field] = to;
    changes.push({ field, from: await display(field, from), to: await display(field, to) });
  }
  return { body, changes, expected };
}

/** Refuse an update that would change nothing (so the model does not ask to confirm a no-op). */
export function assertChanges(changes: Change[], what: string, given: number): void {
  if (!given) throw new ToolInputError('Nothing to change: give at least one field to update besides id.');
  if (!changes.length) throw new ToolInputError(`Nothing to change: ${what} already has these values. Nothing was sent.`);
}

/** "Customer (1)" from a picklist; the raw value when the tenant has no label for it. */
export async function picklistDisplay(ctx: ToolContext, entity: string, field: string, value: unknown): Promise<string> {
  if (value === null || value === undefined) return 'none';
  const values = await ctx.api.picklist(entity, field, { signal: ctx.signal });
  const hit = values.find((v) => v.value === String(value));
  return hit ? `${hit.label} (${hit.value})` : String(value);
}

/**
 * "Priya Raman (29682904)" for a reference field (companyID, assignedResourceID, contactID...),
 * named by the shared resolver (cached, batched); other values unchanged.
 */
export async function referenceDisplay(ctx: ToolContext, entity: string, field: string, value: unknown): Promise<unknown> {
  if (typeof value !== 'number') return value;
  const probe: Record<string, unknown> = { [field]: value };
  await ctx.names.enrich(entity, [probe], ctx.signal);
  const name = probe[`${companionBase(field)}Name`];
  return typeof name === 'string' ? `${name} (${value})` : value;
}
