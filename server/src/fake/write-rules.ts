/**
 * Business rules Autotask applies to a record as a whole on write, beyond the per-field checks in
 * ./writes.ts. Each rule sees the record as it would be stored (for updates: the stored record
 * with the changes applied) and throws a 500 like Autotask. Keyed by entity, one small function
 * per rule, each with its source.
 */
import type { SeedRecord, TenantSeed } from './types.js';
import type { WriteMode } from './writes.js';
import { writeError } from './errors.js';
import { seedPicklist } from './writes.js';
import { TICKET_CHILD_RULES } from './ticket-children.js';

export interface RuleContext {
  seed: TenantSeed;
  mode: WriteMode;
  /** The parent record of a child-route write (Expenses/{id}/Items: the expense report). */
  parent?: SeedRecord;
  /** A stored record by entity and id (rules that derive values from a referenced record). */
  find?: (entity: string, id: number) => SeedRecord | undefined;
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

/**
 * Items change only while their report is open: official ExpenseItems page, "Create and update are
 * allowed only when the associated ExpenseReport has a Status = In Progress or isRejected". Status
 * codes are tenant metadata, so the report's status is matched by its label.
 */
const expenseReportOpen: Rule = (_item, ctx) => {
  const status = ctx.parent?.status;
  if (status === undefined) return;
  const label = seedPicklist(ctx.seed, 'ExpenseReports', 'status')?.find((p) => p.value === String(status))?.label ?? String(status);
  if (!/^(in progress|rejected)$/i.test(label.trim())) {
    throw writeError(`Expense items can be added or changed only while the expense report is In Progress or Rejected; this report is ${label}.`);
  }
};

/**
 * Official ExpenseItems page: "When a ticketID or projectID are set, the companyID is calculated
 * based on the ticket or project"; a task gives the project and company; a differing companyID or
 * projectID "an error is returned"; without any, the expense is the "0" account's.
 */
const expenseItemCompany: Rule = (item, ctx) => {
  const id = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const task = id(item.taskID) !== undefined ? ctx.find?.('Tasks', id(item.taskID) as number) : undefined;
  if (task && id(item.projectID) !== undefined && item.projectID !== task.projectID) {
    throw writeError(`projectID ${String(item.projectID)} differs from the project of task ${task.id} (${String(task.projectID)}).`);
  }
  if (task) item.projectID = task.projectID;
  const from = id(item.ticketID) !== undefined ? ctx.find?.('Tickets', id(item.ticketID) as number) : id(item.projectID) !== undefined ? ctx.find?.('Projects', id(item.projectID) as number) : undefined;
  if (!from) {
    if (empty(item.companyID)) item.companyID = 0;
    return;
  }
  if (!empty(item.companyID) && item.companyID !== from.companyID) {
    throw writeError(`companyID ${String(item.companyID)} differs from the company of the ticket or project (${String(from.companyID)}).`);
  }
  item.companyID = from.companyID;
};

/**
 * SOAP ExpenseItem page: "Destination, Origin, and Miles are all required when Category =
 * Mileage"; "EntertainmentLocation is required when Category = Entertainement Expense". Category
 * codes are tenant metadata: matched by label.
 */
const expenseItemCategoryFields: Rule = (item, ctx) => {
  const label = seedPicklist(ctx.seed, 'ExpenseItems', 'expenseCategory')?.find((p) => p.value === String(item.expenseCategory))?.label ?? '';
  if (/^mileage$/i.test(label.trim())) {
    const missing = ['miles', 'origin', 'destination'].filter((f) => empty(item[f]));
    if (missing.length) throw writeError(`Mileage expenses require ${missing.join(', ')}.`);
  }
  if (/^entertain/i.test(label.trim()) && empty(item.entertainmentLocation)) throw writeError('entertainmentLocation is required for Entertainment Expense.');
};

/** Official QuoteItems page: only one "Item" field per quote item. */
const QUOTE_ITEM_FIELDS = ['productID', 'chargeID', 'laborID', 'expenseID', 'shippingID', 'serviceID', 'serviceBundleID'];
const quoteItemOneItem: Rule = (item) => {
  const set = QUOTE_ITEM_FIELDS.filter((f) => !empty(item[f]));
  if (set.length > 1) throw writeError(`A quote item may reference only one of ${QUOTE_ITEM_FIELDS.join(', ')}; this one has ${set.join(' and ')}.`);
};

/** Official QuoteItems page: no discount (all three 0) or exactly one of them above 0. */
const quoteItemOneDiscount: Rule = (item) => {
  const set = ['unitDiscount', 'percentageDiscount', 'lineDiscount'].filter((f) => typeof item[f] === 'number' && (item[f]) > 0);
  if (set.length > 1) throw writeError(`A quote item can have only one type of discount; ${set.join(' and ')} are both above 0.`);
};

const RULES: Record<string, Rule[]> = {
  ticketnotes: [ticketNoteTitle],
  tickets: [ticketAssignmentPair, ticketOwner],
  expenseitems: [expenseReportOpen, expenseItemCompany, expenseItemCategoryFields],
  quoteitems: [quoteItemOneItem, quoteItemOneDiscount],
  ...TICKET_CHILD_RULES,
};

export function applyWriteRules(entity: string, record: Record<string, unknown> | SeedRecord, ctx: RuleContext): void {
  for (const rule of RULES[entity.toLowerCase()] ?? []) rule(record, ctx);
}
