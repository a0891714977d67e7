/** Ticket child records: history, checklist items, additional contacts, secondary resources. */
import type { Evidence } from './types.js';

export const TICKET_EXTRAS_EVIDENCE: Evidence[] = [
  {
    id: 'extras.history-one-ticket-filter',
    behaviour: 'A TicketHistory query is answered only when its filter is exactly one term, ticketID eq <id>; any other field, operator or a second term is refused.',
    status: 'verified',
    sources: [
      'official: SOAP "TicketHistory" entity ("requires users to supply and only accepts a single TicketID Equals filter. Attempting to filter by any other fields or operators will return an error. Attempting to use multiple filters during one query call will also return an error")',
      'msoukhomlinov/n8n-nodes-autotask nodes/Autotask/resources/ticketHistories/execute.ts (refuses anything but one ticketID eq filter before calling the REST API)',
    ],
    realDiffers: '[unverified] the refusal\'s status and text; the fake answers 400 like its other query validation.',
  },
  {
    id: 'extras.history-fields-not-queryable',
    behaviour: 'TicketHistory action, detail, date and resourceID are not queryable (refused in filters and IncludeFields); the tools read history without IncludeFields.',
    status: 'verified',
    sources: ['official: SOAP "TicketHistory" entity, "Fields that cannot be queried": ID, Action, Detail, Date, ResourceID'],
    realDiffers: 'id is listed too; the fake keeps id queryable for its own paging probes, and the one-filter rule refuses an id filter on TicketHistory anyway.',
  },
  {
    id: 'extras.checklist-max-40',
    behaviour: 'A ticket holds at most 40 TicketChecklistItems: creating a 41st is refused with a 500.',
    status: 'verified',
    sources: ['official: "TicketChecklistItems" REST entity ("There is a limit of 40 TicketChecklistItems per ticketID")'],
    realDiffers: '[unverified] the error text.',
  },
  {
    id: 'extras.additional-contact-rules',
    behaviour: "A TicketAdditionalContacts create is refused (500) when the contact belongs to another company than the ticket, when it is the ticket's own contact, or when the ticket already has 30 additional contacts.",
    status: 'verified',
    sources: [
      'official: "TicketAdditionalContacts" REST entity ("Contacts must be associated with the ticket\'s Company"; "A ticket can have no more than 30 additional contacts"; "The same Contact cannot be both the Ticket Contact (Ticket.contactID) and a Ticket Additional Contact")',
    ],
    realDiffers: "[unverified] the page also says the ticket contact would be cleared from the ticket when added as an additional contact; whether the API clears it instead of refusing is not shown. The fake refuses, and add_ticket_contact never sends it.",
  },
  {
    id: 'extras.secondary-resource-rules',
    behaviour: "A TicketSecondaryResources create is refused (500) when the resource is already a secondary resource of the ticket or is its primary resource.",
    status: 'verified',
    sources: [
      'official: "Tickets" REST entity ("You also will not be able to add a secondary resource that is already assigned as a secondary resource")',
      'official: "TaskSecondaryResources" REST entity ("The secondary resource cannot be the primary resource on the task") - for tickets by analogy',
    ],
    realDiffers: '[unverified] that the primary resource is refused as a secondary one on tickets (stated for tasks only), and the error texts.',
  },
];
