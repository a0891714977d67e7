import { expect } from 'vitest';
import { buildTestSeed, call, queryIds, startTestFake } from '../fake-helpers.js';
import type { Probe } from './types.js';

/** A time entry on ticket 1001 by resource 4002 (the test seed's technician) from start to end. */
const entry = (startDateTime: string, endDateTime: string) => ({ resourceID: 4002, roleID: 7001, ticketID: 1001, dateWorked: `${startDateTime.slice(0, 10)}T00:00:00Z`, startDateTime, endDateTime, summaryNotes: 'Probe' });

export const TIME_PROBES: Record<string, Probe> = {
  'time.utc-values': async ({ fake }) => {
    // Ticket 1001 is due 2024-03-01T12:00:00Z.
    const due = (value: string) => queryIds(fake, 'Tickets', [{ op: 'eq', field: 'dueDateTime', value }]);
    expect(await due('2024-03-01T12:00:00')).toEqual([1001]);
    expect(await due('2024-03-01T17:30:00+05:30')).toEqual([1001]);
    expect(await due('2024-03-01T12:00:00+01:00')).toEqual([]);
  },
  'time.internal-location-zone': async ({ fake }) => {
    const r = await call(fake, 'POST', 'InternalLocations/query', { body: { filter: [{ op: 'eq', field: 'isDefault', value: true }] } });
    expect(r.status).toBe(200);
    expect(r.json.items).toHaveLength(1);
    expect(typeof r.json.items[0].timeZone).toBe('string');
    expect(r.json.items[0].timeZone).toMatch(/^\d+$/);
    expect((await call(fake, 'POST', 'InternalLocations', { body: { name: 'New office', timeZone: '35' } })).status).toBe(405);
  },
  'time.midnight-span-refused': async ({ fake }) => {
    expect((await call(fake, 'POST', 'TimeEntries', { body: entry('2024-03-04T23:00:00Z', '2024-03-05T01:00:00Z') })).status).toBe(500);
    // 23:00-01:00 at +05:30 is 17:30-19:30 UTC: local midnight only.
    const local = await call(fake, 'POST', 'TimeEntries', { body: entry('2024-03-04T23:00:00+05:30', '2024-03-05T01:00:00+05:30') });
    expect(local.status).toBe(200);
    const id = local.json.itemId as number;
    expect((await call(fake, 'PATCH', 'TimeEntries', { body: { id, endDateTime: '2024-03-05T02:00:00Z' } })).status).toBe(500);
    const allowing = await startTestFake({ seed: { ...buildTestSeed(), timeEntriesOverMidnight: true } });
    try {
      expect((await call(allowing, 'POST', 'TimeEntries', { body: entry('2024-03-04T23:00:00Z', '2024-03-05T01:00:00Z') })).status).toBe(200);
    } finally {
      await allowing.close();
    }
  },
  'time.midnight-refusal-shape': async ({ fake }) => {
    const r = await call(fake, 'POST', 'TimeEntries', { body: entry('2024-03-04T22:00:00Z', '2024-03-05T00:30:00Z') });
    expect(r.status).toBe(500);
    expect(r.json.errors.join(' ')).toMatch(/span over midnight/);
  },
  'time.midnight-exact-end': async ({ fake }) => {
    expect((await call(fake, 'POST', 'TimeEntries', { body: entry('2024-03-04T23:00:00Z', '2024-03-05T00:00:00Z') })).status).toBe(200);
    expect((await call(fake, 'POST', 'TimeEntries', { body: entry('2024-03-04T23:00:00Z', '2024-03-05T00:00:01Z') })).status).toBe(500);
  },
};
