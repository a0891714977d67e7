/** Records a tool depends on: "not found" answers for gets, and required records for writes. */
import type { ToolContext, ToolResult } from './types.js';
import { structuredResult, ToolInputError } from './results.js';

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
