import { expect } from 'vitest';
import { call } from '../fake-helpers.js';
import type { Probe } from './types.js';

const base = { title: 'Probe', companyID: 101, status: 1, priority: 2 };

export const TICKETS_PROBES: Record<string, Probe> = {
  'tickets.create-needs-owner': async ({ fake }) => {
    const none = await call(fake, 'POST', 'Tickets', { body: base });
    expect(none.status).toBe(500);
    expect(none.json.errors[0]).toBe('assignedResourceID, assignedResourceRoleID, and queueID cannot all be empty. Supply a queueID or both an assignedResourceID and assignedResourceRoleID.');
    expect((await call(fake, 'POST', 'Tickets', { body: { ...base, queueID: 29682833 } })).status).toBe(200);
  },
  'tickets.assignment-pair': async ({ fake }) => {
    const alone = await call(fake, 'POST', 'Tickets', { body: { ...base, assignedResourceID: 4002 } });
    expect(alone.status).toBe(500);
    expect(alone.json.errors[0]).toBe('When assigning a Resource, you must assign both a assignedResourceID and assignedResourceRoleID.');
    expect((await call(fake, 'POST', 'Tickets', { body: { ...base, assignedResourceID: 4002, assignedResourceRoleID: 7001 } })).status).toBe(200);
  },
};
