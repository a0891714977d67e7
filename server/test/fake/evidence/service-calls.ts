import { expect } from 'vitest';
import { call } from '../fake-helpers.js';
import type { Probe } from './types.js';

export const SERVICE_CALLS_PROBES: Record<string, Probe> = {
  'servicecalls.child-routes': async ({ fake }) => {
    const sc = await call(fake, 'POST', 'ServiceCalls', { body: { companyID: 101, startDateTime: '2024-03-06T09:00:00Z', endDateTime: '2024-03-06T11:00:00Z' } });
    expect(sc.status).toBe(200);
    const id = sc.json.itemId as number;
    expect((await call(fake, 'POST', 'ServiceCallTickets', { body: { serviceCallID: id, ticketID: 1001 } })).status).toBe(405);
    const link = await call(fake, 'POST', `ServiceCalls/${id}/Tickets`, { body: { serviceCallID: id, ticketID: 1001 } });
    expect(link.status).toBe(200);
    const sct = link.json.itemId as number;
    expect((await call(fake, 'POST', 'ServiceCallTicketResources', { body: { serviceCallTicketID: sct, resourceID: 4002 } })).status).toBe(405);
    expect((await call(fake, 'POST', `ServiceCallTickets/${sct}/Resources`, { body: { serviceCallTicketID: sct, resourceID: 4002 } })).status).toBe(200);
  },
};
