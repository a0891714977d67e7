/** Service calls: where their tickets and resources are written. */
import type { Evidence } from './types.js';

export const SERVICE_CALLS_EVIDENCE: Evidence[] = [
  {
    id: 'servicecalls.child-routes',
    behaviour: 'ServiceCalls are created at the root; a ticket joins one only through POST ServiceCalls/{id}/Tickets and a resource joins a service call ticket only through POST ServiceCallTickets/{id}/Resources (their root POSTs are 405).',
    status: 'verified',
    sources: [
      'official: "ServiceCalls" REST entity (ServiceCallTickets need a serviceCallID; ServiceCallTicketResources are associated with a ServiceCallTickets and need a serviceCallTicketID)',
      'msoukhomlinov/n8n-nodes-autotask nodes/Autotask/constants/entities.ts (ServiceCallTicket childOf ServiceCall, subname Tickets; ServiceCallTicketResource childOf ServiceCallTicket, subname Resources; create via parent)',
    ],
  },
];
