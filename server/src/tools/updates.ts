/**
 * Typed updates: the PATCH body of only the fields that change, the current -> new list a
 * preview shows (picklists and references named for people), and the refusal of a no-op.
 */
import type { ToolContext, WritePlan } from './types.js';
import { ToolInputError } from './results.js';
import { companionBase } from './enrich.js';
import { sameValue } from './write-reads.js';

export type Change = NonNullable<WritePlan['changes']>[number];

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
    if (sameValue(from, to)) continue;
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
