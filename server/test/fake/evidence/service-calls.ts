import { expect } from 'vitest';
import { call } from '../fake-helpers.js';
import type { Probe } from './types.js';

const TASK = 7001; // the inline tenant has no tasks: ServiceCallTasks.taskID is not checked against them
const CALL = { companyID: 101, startDateTime: '2024-03-06T09:00:00Z', endDateTime: '2024-03-06T11:00:00Z' };

async function newCall(fake: Parameters<typeof call>[0]): Promise<number> {
  const r = await call(fake, 'POST', 'ServiceCalls', { body: CALL });
  expect(r.status).toBe(200);
  return r.json.itemId as number;
}

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
  'servicecalls.task-child-routes': async ({ fake }) => {
    const id = await newCall(fake);
    expect((await call(fake, 'POST', 'ServiceCallTasks', { body: { serviceCallID: id, taskID: TASK } })).status).toBe(405);
    const link = await call(fake, 'POST', `ServiceCalls/${id}/Tasks`, { body: { serviceCallID: id, taskID: TASK } });
    expect(link.status).toBe(200);
    const sct = link.json.itemId as number;
    expect((await call(fake, 'POST', 'ServiceCallTaskResources', { body: { serviceCallTaskID: sct, resourceID: 4002 } })).status).toBe(405);
    expect((await call(fake, 'POST', `ServiceCallTasks/${sct}/Resources`, { body: { serviceCallTaskID: sct, resourceID: 4002 } })).status).toBe(200);
  },
  'servicecalls.required-fields': async ({ fake }) => {
    for (const missing of ['companyID', 'startDateTime', 'endDateTime']) {
      const body: Record<string, unknown> = { ...CALL };
      delete body[missing];
      const r = await call(fake, 'POST', 'ServiceCalls', { body });
      expect(r.status, missing).toBe(500);
      expect(JSON.stringify(r.json), missing).toContain(missing);
    }
    const id = await newCall(fake);
    expect((await call(fake, 'POST', `ServiceCalls/${id}/Tickets`, { body: {} })).status).toBe(500);
    expect((await call(fake, 'POST', `ServiceCalls/${id}/Tasks`, { body: {} })).status).toBe(500);
    const link = await call(fake, 'POST', `ServiceCalls/${id}/Tickets`, { body: { ticketID: 1001 } });
    expect(link.status).toBe(200);
    const noResource = await call(fake, 'POST', `ServiceCallTickets/${link.json.itemId as number}/Resources`, { body: {} });
    expect(noResource.status).toBe(500);
    expect(JSON.stringify(noResource.json)).toContain('resourceID');
  },
  'servicecalls.links-not-updatable': async ({ fake }) => {
    const id = await newCall(fake);
    const link = (await call(fake, 'POST', `ServiceCalls/${id}/Tickets`, { body: { ticketID: 1001 } })).json.itemId as number;
    const task = (await call(fake, 'POST', `ServiceCalls/${id}/Tasks`, { body: { taskID: TASK } })).json.itemId as number;
    const person = (await call(fake, 'POST', `ServiceCallTickets/${link}/Resources`, { body: { resourceID: 4002 } })).json.itemId as number;
    for (const method of ['PATCH', 'PUT'] as const) {
      expect((await call(fake, method, `ServiceCalls/${id}/Tickets`, { body: { id: link, ticketID: 1001 } })).status, method).toBe(405);
      expect((await call(fake, method, 'ServiceCallTickets', { body: { id: link, ticketID: 1001 } })).status, method).toBe(405);
      expect((await call(fake, method, `ServiceCalls/${id}/Tasks`, { body: { id: task, taskID: TASK } })).status, method).toBe(405);
      expect((await call(fake, method, `ServiceCallTickets/${link}/Resources`, { body: { id: person, resourceID: 4001 } })).status, method).toBe(405);
      expect((await call(fake, method, 'ServiceCallTicketResources', { body: { id: person, resourceID: 4001 } })).status, method).toBe(405);
    }
  },
};
