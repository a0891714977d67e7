import { expect } from 'vitest';
import { call, CREDS } from '../fake-helpers.js';
import type { Probe } from './types.js';

const all = [{ op: 'gte', field: 'id', value: 0 }];

export const SHAPES_PROBES: Record<string, Probe> = {
  'shapes.method-not-allowed-message': async ({ fake }) => {
    const r = await call(fake, 'GET', 'Tickets');
    expect(r.status).toBe(405);
    expect(r.json).toEqual({ Message: "The requested resource does not support http method 'GET'." });
  },
  'shapes.max-records-range': async ({ fake }) => {
    const over = await call(fake, 'POST', 'Tickets/query', { body: { filter: all, MaxRecords: 501 } });
    expect(over.status).toBe(500);
    expect(over.json.errors).toEqual(['maxCountOfRecordsToReturn must be between 1 and 500']);
    expect((await call(fake, 'POST', 'Tickets/query', { body: { filter: all, MaxRecords: 500 } })).status).toBe(200);
  },
  'shapes.max-records-type': async ({ fake }) => {
    const r = await call(fake, 'POST', 'Tickets/query', { body: { filter: all, MaxRecords: '10' } });
    expect(r.status).toBe(400);
    expect(r.json.errors[0]).toMatch(/MaxRecords must be an integer/);
  },
  'shapes.zone-name': async ({ fake }) => {
    const r = await call(fake, 'GET', `zoneInformation?user=${encodeURIComponent(CREDS.username)}`, { auth: false });
    expect(r.json.zoneName).toBe('AE02');
  },
};
