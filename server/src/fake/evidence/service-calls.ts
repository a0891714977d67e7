/** Service calls: where their tickets, tasks and technicians are written, and what a write needs. */
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
  {
    id: 'servicecalls.task-child-routes',
    behaviour: 'A task joins a service call only through POST ServiceCalls/{id}/Tasks and a resource joins a service call task only through POST ServiceCallTasks/{id}/Resources (their root POSTs are 405).',
    status: 'verified',
    sources: [
      'official: "ServiceCalls" REST entity (ServiceCallTasks need a serviceCallID; "The same relationship exists between a ServiceCallTaskResources and ServiceCallTasks")',
      'msoukhomlinov/n8n-nodes-autotask nodes/Autotask/constants/entities.ts (ServiceCallTask childOf ServiceCall, subname Tasks; ServiceCallTaskResource childOf ServiceCallTask, subname Resources; create via parent)',
    ],
  },
  {
    id: 'servicecalls.required-fields',
    behaviour: 'A ServiceCalls create without companyID, startDateTime or endDateTime, and a ticket, task or resource link without its ticketID, taskID or resourceID, is refused with a 500 naming the missing field.',
    status: 'verified',
    sources: [
      'official: "ServiceCalls" REST entity (the link entities require serviceCallID, serviceCallTicketID, serviceCallTaskID)',
      'moldypenguins/AutotaskNET AutotaskNET/Entities/ServiceCall.cs (AccountID, StartDateTime, EndDateTime marked Required), ServiceCallTicketResource.cs and ServiceCallTaskResource.cs (the link id and ResourceID marked Required)',
    ],
    realDiffers: '[unverified] the error text.',
  },
  {
    id: 'servicecalls.links-not-updatable',
    behaviour: 'ServiceCallTickets, ServiceCallTasks and their Resources links are created and deleted, never updated: PATCH and PUT are 405 (a technician is moved by deleting one link and creating another).',
    status: 'verified',
    sources: [
      'msoukhomlinov/n8n-nodes-autotask nodes/Autotask/constants/entities.ts (the four link entities offer create, query, delete and count, no update)',
      'moldypenguins/AutotaskNET AutotaskNET/Entities/ServiceCallTicketResource.cs and ServiceCallTaskResource.cs (CanUpdate false)',
    ],
  },
];
