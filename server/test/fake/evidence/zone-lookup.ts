import { expect } from 'vitest';
import { CREDS, call } from '../fake-helpers.js';
import type { Probe } from './types.js';

const lookup = `zoneInformation?user=${encodeURIComponent(CREDS.username)}`;

export const ZONE_PROBES: Record<string, Probe> = {
  'zone.lookup-anonymous': async ({ fake }) => {
    const zone = await call(fake, 'GET', lookup, { auth: false });
    expect(zone.status).toBe(200);
    expect(zone.json.url).toBe(fake.restBase);
    expect((await call(fake, 'GET', 'Tickets/1001', { auth: false })).status).toBe(401);
  },
  'zone.lookup-no-redirect': async ({ fake }) => {
    const res = await fetch(`${fake.restBase}V1.0/${lookup}`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
  },
  'zone.moved-tenant-401': async ({ fake }) => {
    expect((await call(fake, 'GET', 'Tickets/1001')).status).toBe(200);
    const elsewhere = 'https://webservices2.autotask.net/ATServicesRest/';
    fake.moveTenant(elsewhere);
    expect((await call(fake, 'GET', lookup, { auth: false })).json.url).toBe(elsewhere);
    expect((await call(fake, 'GET', 'Tickets/1001')).status).toBe(401);
    expect((await call(fake, 'POST', 'Tickets/query', { body: { filter: [{ op: 'gte', field: 'id', value: 0 }] } })).status).toBe(401);
  },
};
