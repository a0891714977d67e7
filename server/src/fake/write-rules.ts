/**
 * Business rules Autotask applies to a record as a whole on write, beyond the per-field checks in
 * ./writes.ts. Each rule sees the record as it would be stored (for updates: the stored record
 * with the changes applied) and throws a 500 like Autotask. Keyed by entity, one small function
 * per rule, each with its source.
 */
import type { SeedRecord, TenantSeed } from './types.js';
import type { WriteMode } from './writes.js';
import { writeError } from './errors.js';
import { TICKET_CHILD_RULES } from './ticket-children.js';

export interface RuleContext {
  seed: TenantSeed;
  mode: WriteMode;
  /** The stored records of an entity (rules that compare with siblings or parents). */
  records(entity: string): SeedRecord[];
}

type Rule = (record: Record<string, unknown>, ctx: RuleContext) => void;

const empty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * With the ticket category setting "Require titles on ticket notes" the API enforces titles
 * (official: TicketNotes entity page). The fake applies the tenant setting to every ticket.
 * [unverified] the exact error text.
 */
const ticketNoteTitle: Rule = (note, ctx) => {
  if (ctx.seed.requireTicketNoteTitles && empty(note.title)) {
    throw writeError('Title is required: this ticket category requires titles on ticket notes.');
  }
};

/**
 * A resource is assigned together with its role (msp-claude-plugins #31: a create with
 * assignedResourceID alone answered this text). [unverified] that a role alone, or an update,
 * is refused the same way: the fake checks creates only.
 */
const ticketAssignmentPair: Rule = (ticket, ctx) => {
  if (ctx.mode === 'create' && empty(ticket.assignedResourceID) !== empty(ticket.assignedResourceRoleID)) {
    throw writeError('When assigning a Resource, you must assign both a assignedResourceID and assignedResourceRoleID.');
  }
};

/** Somebody must own a new ticket: a queue, or a resource with a role (sandbox log, 2026-06-04). */
const ticketOwner: Rule = (ticket, ctx) => {
  if (ctx.mode === 'create' && empty(ticket.queueID) && empty(ticket.assignedResourceID) && empty(ticket.assignedResourceRoleID)) {
    throw writeError('assignedResourceID, assignedResourceRoleID, and queueID cannot all be empty. Supply a queueID or both an assignedResourceID and assignedResourceRoleID.');
  }
};

const RULES: Record<string, Rule[]> = {
  ticketnotes: [ticketNoteTitle],
  tickets: [ticketAssignmentPair, ticketOwner],
  ...TICKET_CHILD_RULES,
};

export function applyWriteRules(entity: string, record: Record<string, unknown> | SeedRecord, ctx: RuleContext): void {
  for (const rule of RULES[entity.toLowerCase()] ?? []) rule(record, ctx);
}
