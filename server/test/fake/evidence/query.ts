import { expect } from 'vitest';
import { queryIds } from '../fake-helpers.js';
import { call } from '../fake-helpers.js';
import type { Probe } from './types.js';

export const QUERY_PROBES: Record<string, Probe> = {
  'query.null-never-matches': async ({ fake }) => {
    // In the test seed only 1001 and 1002 have an assignee (4002); the rest are null.
    expect(await queryIds(fake, 'Tickets', [{ op: 'noteq', field: 'assignedResourceID', value: 9999 }])).toEqual([1001, 1002]);
    expect(await queryIds(fake, 'Tickets', [{ op: 'notIn', field: 'assignedResourceID', value: [9999] }])).toEqual([1001, 1002]);
    expect((await queryIds(fake, 'Tickets', [{ op: 'notExist', field: 'assignedResourceID' }])).length).toBe(10);
  },
  'query.string-ops-strings-only': async ({ fake }) => {
    const r = await call(fake, 'POST', 'Tickets/query', { body: { filter: [{ op: 'contains', field: 'priority', value: '1' }] } });
    expect(r.status).toBe(400);
    expect(await queryIds(fake, 'Tickets', [{ op: 'contains', field: 'title', value: 'printer' }])).toEqual([1001, 1004]);
  },
  'query.case-insensitive': async ({ fake }) => {
    expect(await queryIds(fake, 'Tickets', [{ op: 'eq', field: 'title', value: 'PRINTER OFFLINE' }])).toEqual([1001]);
    expect(await queryIds(fake, 'Tickets', [{ op: 'beginsWith', field: 'title', value: 'PRINTER' }])).toEqual([1001, 1004]);
  },
  'query.operator-casing': async ({ fake }) => {
    for (const op of ['BeginsWith', 'beginswith', 'EQ']) {
      const r = await call(fake, 'POST', 'Tickets/query', { body: { filter: [{ op, field: 'title', value: 'Printer' }] } });
      expect(r.status, op).toBe(400);
    }
  },
};
