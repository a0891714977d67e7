/**
 * Pieces shared by the ticket extras tools: the ticket a child record hangs off, and its children
 * read in one query from the root entity (filtered by ticketID, unlike the child GET list, which
 * cannot filter), with the per-ticket caps Autotask documents.
 */
import type { AutotaskRecord } from '../../autotask/types.js';
import type { ToolContext } from '../types.js';
import { idSchema } from '../shared.js';
import { requireRecord } from '../records.js';
import { closedStatusValues } from '../tickets/common.js';

export const ticketIdInput = idSchema.describe('Numeric ticket id (search_tickets gives it).');

/** The ticket, or a refusal that says how to find it (nothing is written). */
export function requireTicket(ctx: ToolContext, id: number): Promise<AutotaskRecord> {
  return requireRecord(ctx, 'Tickets', id, 'ticket', 'Use search_tickets to find the ticket id.');
}

/** "ticket T20261101.0042" (or its id) for summaries. */
export const ticketName = (t: AutotaskRecord): string => `ticket ${typeof t.ticketNumber === 'string' ? t.ticketNumber : t.id}`;

/**
 * Every record of `entity` on one ticket, in id order: one query of at most `max` records (the
 * documented per-ticket cap plus room); `more` when Autotask had more than that.
 */
export async function ticketChildren(ctx: ToolContext, entity: string, ticketId: number, max: number, includeFields?: string[]): Promise<{ items: AutotaskRecord[]; more: boolean }> {
  const { items, nextPageUrl } = await ctx.api.query(entity, { filter: [{ op: 'eq', field: 'ticketID', value: ticketId }], maxRecords: max, ...(includeFields ? { includeFields } : {}) }, { signal: ctx.signal });
  return { items: [...items].sort((a, b) => a.id - b.id), more: nextPageUrl !== null };
}

/** A warning for writes on a ticket the tenant counts as closed. */
export async function closedTicketWarning(ctx: ToolContext, ticket: AutotaskRecord): Promise<string[]> {
  const closed = await closedStatusValues(ctx.api, { signal: ctx.signal }, ctx.config.closedStatuses);
  const hit = closed.find((v) => Number(v.value) === ticket.status);
  return hit ? [`${ticketName(ticket)} is ${hit.label}.`] : [];
}
