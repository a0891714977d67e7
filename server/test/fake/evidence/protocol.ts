import { expect } from 'vitest';
import { call } from '../fake-helpers.js';
import type { Probe } from './types.js';

export const PROTOCOL_PROBES: Record<string, Probe> = {
  'protocol.next-page-post-body': async ({ fake }) => {
    const filter = [{ op: 'gte', field: 'id', value: 0 }];
    const first = await call(fake, 'POST', 'Tickets/query', { body: { filter, MaxRecords: 5 } });
    const next = first.json.pageDetails.nextPageUrl as string;
    expect(next).toBeTruthy();
    expect((await call(fake, 'GET', next)).status).toBe(405);
    const second = await call(fake, 'POST', next, { body: { filter, MaxRecords: 5 } });
    expect(second.status).toBe(200);
    expect(second.json.items[0].id).toBeGreaterThan(first.json.items[4].id);
  },
  'protocol.patch-collection': async ({ fake }) => {
    expect((await call(fake, 'PATCH', 'Tickets/1001', { body: { title: 'x' } })).status).toBe(405);
    expect((await call(fake, 'PATCH', 'Tickets', { body: { id: 1001, title: 'Renamed' } })).status).toBe(200);
  },
  'protocol.ne-rejected': async ({ fake }) => {
    const r = await call(fake, 'POST', 'Tickets/query', { body: { filter: [{ op: 'ne', field: 'status', value: 5 }] } });
    expect(r.status).toBeGreaterThanOrEqual(400);
  },
};
