/**
 * Who is on a ticket besides its contact and primary resource: list_ticket_people, and
 * add_ticket_contact / add_secondary_resource (through Tickets/{id}/AdditionalContacts and
 * Tickets/{id}/SecondaryResources). The rules the official pages state are checked before
 * anything is sent: an additional contact is of the ticket's company, is not the ticket contact,
 * at most 30; a secondary resource is not already on the ticket (nor its primary resource).
 */
import type { AutotaskRecord } from '../../autotask/types.js';
import { defineReadTool, defineWriteTool } from '../types.js';
import { ToolInputError } from '../results.js';
import { idSchema } from '../shared.js';
import { getOutput } from '../output.js';
import { zoneOf } from '../tenant-zone.js';
import { ROLE_LOOKUP } from '../enrich.js';
import { field, recordResult, ref, type Column } from '../rows.js';
import { requireRecord } from '../records.js';
import { assignmentRole, describeRole, resourceLabel } from '../time/roles.js';
import { closedTicketWarning, requireTicket, ticketChildren, ticketIdInput, ticketName } from './common.js';

export const ADDITIONAL_CONTACTS_MAX = 30;
export const SECONDARY_RESOURCES_MAX = 50;

const TICKET_COLUMNS: Column[] = [field('id'), field('ticketNumber'), ref('companyID'), ref('contactID'), ref('assignedResourceID'), ref('assignedResourceRoleID', 'assignedResourceRoleID', 'assignedResourceRoleName')];
const CONTACT_COLUMNS: Column[] = [field('id'), ref('contactID')];
const RESOURCE_COLUMNS: Column[] = [field('id'), ref('resourceID'), ref('roleID', 'roleID', 'roleName')];

export const listTicketPeople = defineReadTool({
  name: 'list_ticket_people',
  title: 'List people on a ticket',
  description: "A ticket's contact and primary resource, its additional contacts and its secondary resources (with roles).",
  toolset: 'ticket_extras',
  input: { ticketID: ticketIdInput },
  output: getOutput,
  async handler(args, ctx) {
    const ticket: Record<string, unknown> = { ...(await requireTicket(ctx, args.ticketID)) };
    const [contacts, resources] = await Promise.all([
      ticketChildren(ctx, 'TicketAdditionalContacts', args.ticketID, ADDITIONAL_CONTACTS_MAX + 20),
      ticketChildren(ctx, 'TicketSecondaryResources', args.ticketID, SECONDARY_RESOURCES_MAX + 50),
    ]);
    await Promise.all([ctx.names.enrich('Tickets', [ticket], ctx.signal), ctx.names.enrich('TicketAdditionalContacts', contacts.items, ctx.signal), ctx.names.enrich('TicketSecondaryResources', resources.items, ctx.signal)]);
    const roleIds = [...new Set([ticket.assignedResourceRoleID, ...resources.items.map((r) => r.roleID)].filter((v): v is number => typeof v === 'number'))];
    const roles = roleIds.length ? await ctx.names.lookup(ROLE_LOOKUP, roleIds, ctx.signal) : new Map<number, Record<string, unknown>>();
    const roleName = (id: unknown) => (typeof id === 'number' ? ((roles.get(id)?.name as string | undefined) ?? null) : null);
    ticket.assignedResourceRoleName = roleName(ticket.assignedResourceRoleID);
    for (const r of resources.items) r.roleName = roleName(r.roleID);
    return recordResult({
      head: `People on ${ticketName(ticket as AutotaskRecord)}:`,
      key: 'ticket',
      columns: TICKET_COLUMNS,
      record: ticket,
      zone: await zoneOf(ctx),
      sections: [
        { key: 'additionalContacts', title: `Additional contacts (${contacts.items.length}):`, columns: CONTACT_COLUMNS, records: contacts.items, empty: '(none)' },
        { key: 'secondaryResources', title: `Secondary resources (${resources.items.length}):`, columns: RESOURCE_COLUMNS, records: resources.items, empty: '(none)' },
      ],
    });
  },
});

export const addTicketContact = defineWriteTool({
  kind: 'create',
  name: 'add_ticket_contact',
  title: 'Add ticket additional contact',
  description: "Copy another contact of the ticket's company on a ticket (an additional contact, besides the ticket contact).",
  toolset: 'ticket_extras',
  input: { ticketID: ticketIdInput, contactID: idSchema.describe('search_contacts gives ids.') },
  async plan(args, ctx) {
    const ticket = await requireTicket(ctx, args.ticketID);
    const contact = await requireRecord(ctx, 'Contacts', args.contactID, 'contact', 'Use search_contacts to find the contact id.');
    const who = `${resourceLabel(contact)} (${contact.id})`;
    if (contact.companyID !== ticket.companyID) {
      throw new ToolInputError(`Contact ${who} belongs to company ${String(contact.companyID)}, not to the ticket's company ${String(ticket.companyID)}; Autotask only adds contacts of the ticket's company. Nothing was sent.`);
    }
    if (ticket.contactID === contact.id) throw new ToolInputError(`${who} is already the contact of ${ticketName(ticket)}; a ticket contact cannot also be an additional contact. Nothing was sent.`);
    const { items, more } = await ticketChildren(ctx, 'TicketAdditionalContacts', args.ticketID, ADDITIONAL_CONTACTS_MAX + 20, ['id', 'contactID']);
    if (items.some((i) => i.contactID === contact.id)) throw new ToolInputError(`${who} is already an additional contact of ${ticketName(ticket)}. Nothing was sent.`);
    if (items.length >= ADDITIONAL_CONTACTS_MAX || more) throw new ToolInputError(`${ticketName(ticket)} already has ${items.length} additional contacts, the most Autotask allows (${ADDITIONAL_CONTACTS_MAX}). Nothing was sent.`);
    const warnings = await closedTicketWarning(ctx, ticket);
    if (contact.isActive === 0) warnings.push(`${who} is inactive.`);
    return {
      operation: 'create',
      entity: 'TicketAdditionalContacts',
      parent: { entity: 'Tickets', id: args.ticketID },
      body: { ticketID: args.ticketID, contactID: args.contactID },
      summary: `Add ${who} as an additional contact of ${ticketName(ticket)}.`,
      warnings,
    };
  },
});

export const addSecondaryResource = defineWriteTool({
  kind: 'create',
  name: 'add_secondary_resource',
  title: 'Add ticket secondary resource',
  description: "Add a technician to a ticket as a secondary resource (besides the primary), in a role they have; roleID defaults to theirs.",
  toolset: 'ticket_extras',
  input: { ticketID: ticketIdInput, resourceID: idSchema.describe('search_resources gives ids.'), roleID: idSchema.optional() },
  async plan(args, ctx) {
    const ticket = await requireTicket(ctx, args.ticketID);
    const role = await assignmentRole(ctx, args.resourceID, args.roleID);
    const who = `${resourceLabel(role.resource)} (${args.resourceID})`;
    if (ticket.assignedResourceID === args.resourceID) throw new ToolInputError(`${who} is the primary resource of ${ticketName(ticket)} and cannot also be a secondary resource. Nothing was sent.`);
    const { items, more } = await ticketChildren(ctx, 'TicketSecondaryResources', args.ticketID, SECONDARY_RESOURCES_MAX + 50, ['id', 'resourceID']);
    if (items.some((i) => i.resourceID === args.resourceID)) throw new ToolInputError(`${who} is already a secondary resource of ${ticketName(ticket)}. Nothing was sent.`);
    if (items.length >= SECONDARY_RESOURCES_MAX || more) throw new ToolInputError(`${ticketName(ticket)} already has ${items.length} secondary resources, the most Autotask allows (${SECONDARY_RESOURCES_MAX}). Nothing was sent.`);
    return {
      operation: 'create',
      entity: 'TicketSecondaryResources',
      parent: { entity: 'Tickets', id: args.ticketID },
      body: { ticketID: args.ticketID, resourceID: args.resourceID, roleID: role.roleID },
      summary: `Add ${who} to ${ticketName(ticket)} as a secondary resource, ${describeRole(role)}.`,
      warnings: [...role.warnings, ...(await closedTicketWarning(ctx, ticket))],
    };
  },
});
