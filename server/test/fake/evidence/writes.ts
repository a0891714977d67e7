import { expect } from 'vitest';
import { call } from '../fake-helpers.js';
import type { Probe } from './types.js';

export const WRITES_PROBES: Record<string, Probe> = {
  'writes.unknown-field-refused': async ({ fake }) => {
    const r = await call(fake, 'POST', 'Tickets', { body: { title: 'x', companyID: 101, status: 1, priority: 2, queueID: 29682833, colour: 'red' } });
    expect(r.status).toBe(500);
    expect(r.json.errors[0]).toMatch(/colour/);
  },
  'writes.parent-fk-contradiction': async ({ fake }) => {
    const r = await call(fake, 'POST', 'Tickets/1002/Notes', { body: { ticketID: 1003, title: 'x', description: 'x', noteType: 1, publish: 2 } });
    expect(r.status).toBe(500);
    expect(r.json.errors[0]).toMatch(/contradicts/);
  },
};
