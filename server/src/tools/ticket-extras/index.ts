/** Tools of the 'ticket_extras' area: checklists, charges, history and extra people of tickets; project phases. */
import type { ToolDefinition } from '../types.js';
import { addChecklistItem, completeChecklistItem, listChecklistItems } from './checklist.js';
import { addTicketCharge, listTicketCharges } from './charges.js';
import { getTicketHistory } from './history.js';
import { addSecondaryResource, addTicketContact, listTicketPeople } from './people.js';
import { listProjectPhases } from './phases.js';

export const ticketExtrasTools: ToolDefinition[] = [
  listChecklistItems,
  addChecklistItem,
  completeChecklistItem,
  listTicketCharges,
  addTicketCharge,
  getTicketHistory,
  listTicketPeople,
  addTicketContact,
  addSecondaryResource,
  listProjectPhases,
];
