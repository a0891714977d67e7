/**
 * Write rules of records that hang off a ticket (checklist items, additional contacts, secondary
 * resources), applied on create like ./write-rules.ts. Each cites its official entity page;
 * [unverified] every error text (the fake answers 500 with errors[], as for other business rules).
 */
import type { SeedRecord } from './types.js';
import type { RuleContext } from './write-rules.js';
import { writeError } from './errors.js';

type Rule = (record: Record<string, unknown>, ctx: RuleContext) => void;

const siblings = (ctx: RuleContext, entity: string, record: Record<string, unknown>): SeedRecord[] =>
  ctx.records(entity).filter((r) => r.ticketID === record.ticketID && r.id !== record.id);
const ticketOf = (ctx: RuleContext, record: Record<string, unknown>) => ctx.records('Tickets').find((t) => t.id === record.ticketID);

/** "There is a limit of 40 TicketChecklistItems per ticketID" (TicketChecklistItems page). */
const checklistLimit: Rule = (item, ctx) => {
  if (ctx.mode === 'create' && siblings(ctx, 'TicketChecklistItems', item).length >= 40) {
    throw writeError('A ticket can have no more than 40 checklist items.');
  }
};

/**
 * TicketAdditionalContacts page: the contact must be of the ticket's company, cannot also be the
 * ticket contact, and a ticket has at most 30. [unverified] whether Autotask refuses the ticket
 * contact or clears it from the ticket instead (the page mentions both): the fake refuses.
 */
const additionalContact: Rule = (link, ctx) => {
  if (ctx.mode !== 'create') return;
  const ticket = ticketOf(ctx, link);
  const contact = ctx.records('Contacts').find((c) => c.id === link.contactID);
  if (ticket && contact && contact.companyID !== ticket.companyID) {
    throw writeError(`Contact ${contact.id} does not belong to the ticket's company (${String(ticket.companyID)}).`);
  }
  if (ticket && ticket.contactID === link.contactID) throw writeError(`Contact ${String(link.contactID)} is already the ticket contact and cannot also be an additional contact.`);
  const others = siblings(ctx, 'TicketAdditionalContacts', link);
  if (others.some((o) => o.contactID === link.contactID)) throw writeError(`Contact ${String(link.contactID)} is already an additional contact of this ticket.`);
  if (others.length >= 30) throw writeError('A ticket can have no more than 30 additional contacts.');
};

/**
 * Tickets page: "You also will not be able to add a secondary resource that is already assigned
 * as a secondary resource". [unverified] by analogy with TaskSecondaryResources ("The secondary
 * resource cannot be the primary resource"): the ticket's primary resource is refused too.
 */
const secondaryResource: Rule = (link, ctx) => {
  if (ctx.mode !== 'create') return;
  if (siblings(ctx, 'TicketSecondaryResources', link).some((o) => o.resourceID === link.resourceID)) {
    throw writeError(`Resource ${String(link.resourceID)} is already a secondary resource of this ticket.`);
  }
  if (ticketOf(ctx, link)?.assignedResourceID === link.resourceID) {
    throw writeError(`Resource ${String(link.resourceID)} is the ticket's primary resource and cannot also be a secondary resource.`);
  }
};

export const TICKET_CHILD_RULES: Record<string, Rule[]> = {
  ticketchecklistitems: [checklistLimit],
  ticketadditionalcontacts: [additionalContact],
  ticketsecondaryresources: [secondaryResource],
};
