/**
 * The tenant time zone over MCP: where it comes from (AUTOTASK_TIME_ZONE, the tenant's default
 * internal location, else UTC), what a date-only filter becomes when it reaches the fake in
 * +05:30, +09:30, -05:00 and across DST changes, and how times are rendered. Expected instants
 * are written out by hand, not computed with the code under test.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { SeedRecord, TenantSeed } from '../../../src/fake/types.js';
import type { FilterExpression } from '../../../src/autotask/types.js';
import { call, expectSent, sent, structured, textOf } from '../tickets/support.js';
import { list, useHarness, type Session } from '../companies/flow.js';
import { rowsOf } from '../results/support.js';

const seed = buildDemoSeed();
const tickets = seed.records.Tickets;

function withLocations(locations: SeedRecord[] | undefined): TenantSeed {
  const s = buildDemoSeed();
  if (locations) s.records.InternalLocations = locations;
  else delete s.records.InternalLocations;
  return s;
}

const connection = async (s: Session) => {
  const r = await call(s.client, 'test_connection', {});
  return { text: textOf(r), zone: structured<{ timeZone: { name: string; source: string; detail: string } }>(r).timeZone };
};

describe('where the tenant zone comes from', () => {
  describe('AUTOTASK_TIME_ZONE set', () => {
    const s = useHarness({ env: { AUTOTASK_TIME_ZONE: 'Asia/Kolkata' } });
    it('is used as configured, and the tenant is not asked', async () => {
      const { text, zone } = await connection(s);
      expect(zone).toEqual({ name: 'Asia/Kolkata', source: 'configured', detail: 'configured with AUTOTASK_TIME_ZONE' });
      expect(text).toMatch(/Time zone: Asia\/Kolkata \(configured with AUTOTASK_TIME_ZONE\)/);
      await list(s, 'search_tickets', { createdAfter: '2026-11-01' });
      expect(sent(s.h.fake, 'InternalLocations/query')).toEqual([]);
    });
  });

  describe('unset, the demo tenant', () => {
    const s = useHarness({ env: { AUTOTASK_TIME_ZONE: '' } });
    it('reads the default internal location (Microsoft index 85 = GMT Standard Time): Europe/London', async () => {
      const { text, zone } = await connection(s);
      expect(zone).toMatchObject({ name: 'Europe/London', source: 'tenant' });
      expect(zone.detail).toMatch(/internal location 1 \(default\), timeZone 85 = GMT Standard Time/);
      expect(text).toMatch(/Time zone: Europe\/London \(read from the tenant/);
      expect(sent(s.h.fake, 'InternalLocations/query')).toHaveLength(1);
    });

    it('asks once and keeps it: later date inputs use it without asking again', async () => {
      await list(s, 'search_tickets', { createdAfter: '2026-07-01' });
      expectSent(s.h.fake, 'Tickets/query', [{ op: 'gte', field: 'createDate', value: '2026-06-30T23:00:00.000Z' }]); // BST
      expect(sent(s.h.fake, 'InternalLocations/query')).toEqual([]);
    });
  });

  describe('unset, a tenant whose default location is in India', () => {
    const s = useHarness({ env: { AUTOTASK_TIME_ZONE: '' }, seed: withLocations([{ id: 7, name: 'Pune', isDefault: true, timeZone: '190' }, { id: 8, name: 'Perth', isDefault: false, timeZone: '225' }]) });
    it('maps index 190 to Asia/Kolkata', async () => {
      expect((await connection(s)).zone).toMatchObject({ name: 'Asia/Kolkata', source: 'tenant', detail: expect.stringMatching(/location 7 \(default\), timeZone 190 = India Standard Time/) });
    });
  });

  describe('unset, a tenant without internal locations', () => {
    const s = useHarness({ env: { AUTOTASK_TIME_ZONE: '' }, seed: withLocations(undefined) });
    it('falls back to UTC and says why and what to set', async () => {
      const { zone, text } = await connection(s);
      expect(zone).toMatchObject({ name: 'UTC', source: 'default' });
      expect(text).toMatch(/default UTC: the tenant has no internal location; set AUTOTASK_TIME_ZONE/);
    });
  });

  describe('unset, a location with a value we cannot map', () => {
    const s = useHarness({ env: { AUTOTASK_TIME_ZONE: '' }, seed: withLocations([{ id: 1, name: 'HQ', isDefault: true, timeZone: '9999' }]) });
    it('falls back to UTC naming the value', async () => {
      expect((await connection(s)).zone).toMatchObject({ name: 'UTC', source: 'default', detail: expect.stringMatching(/timeZone "9999", which is not a known Microsoft time zone index/) });
    });
  });
});

describe('unset, and the tenant does not let the API user read InternalLocations', () => {
  const s = useHarness({ env: { AUTOTASK_TIME_ZONE: '', AUTOTASK_MAX_RETRIES: '0' } });

  it('Autotask unreachable for that read: test_connection names the step, nothing is kept', async () => {
    s.h.fake.addFault({ route: /^InternalLocations\/query$/, times: 1, fault: { kind: 'status', status: 503 } });
    const r = await call(s.client, 'test_connection', {});
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/Connection test failed while reading the tenant's time zone/);
  });

  it('permission refused: UTC by default, saying why', async () => {
    s.h.fake.addFault({ route: /^InternalLocations\/query$/, fault: { kind: 'status', status: 403, body: { errors: ['The logged in Resource does not have the adequate permissions to query this entity type.'] } } });
    const { zone } = await connection(s);
    expect(zone).toMatchObject({ name: 'UTC', source: 'default', detail: expect.stringMatching(/^default UTC: InternalLocations could not be read \(forbidden: /) });
    s.h.fake.clearFaults();
  });
});

/** The createDate filter sent for createdAfter/createdBefore, in a harness pinned to `zone`. */
function zoneSuite(zone: string, cases: Array<[args: Record<string, unknown>, filter: unknown[]]>) {
  describe(`tenant zone ${zone}: date inputs as they reach the fake`, () => {
    const s = useHarness({ env: { AUTOTASK_TIME_ZONE: zone } });
    it.each(cases)('%j is sent as %j', async (args, filter) => {
      const r = await list(s, 'search_tickets', { limit: 500, ...args });
      expectSent(s.h.fake, 'Tickets/query', filter as FilterExpression[]);
      // And the fake answered by instants: the tickets created in that window, no others.
      const bounds = filter as Array<{ op: string; field: string; value: string }>;
      const inRange = (t: SeedRecord) => bounds.every((b) => b.field !== 'createDate' || (b.op === 'gte' ? Date.parse(String(t.createDate)) >= Date.parse(b.value) : Date.parse(String(t.createDate)) < Date.parse(b.value)));
      if (bounds.every((b) => b.field === 'createDate')) expect(r.items.map((i) => i.id).sort()).toEqual(tickets.filter(inRange).map((t) => t.id).sort());
    });
  });
}

zoneSuite('Asia/Kolkata', [
  [{ createdAfter: '2026-10-20', createdBefore: '2026-10-21' }, [{ op: 'gte', field: 'createDate', value: '2026-10-19T18:30:00.000Z' }, { op: 'lt', field: 'createDate', value: '2026-10-20T18:30:00.000Z' }]],
  [{ createdAfter: '2026-10-20T09:00' }, [{ op: 'gte', field: 'createDate', value: '2026-10-20T03:30:00.000Z' }]],
  [{ createdAfter: '2026-10-20T09:00:00Z' }, [{ op: 'gte', field: 'createDate', value: '2026-10-20T09:00:00.000Z' }]],
  [{ createdAfter: '2026-10-20T09:00:00-02:00' }, [{ op: 'gte', field: 'createDate', value: '2026-10-20T11:00:00.000Z' }]],
]);
zoneSuite('Australia/Darwin', [
  [{ dueBefore: '2026-11-30' }, [{ op: 'lt', field: 'dueDateTime', value: '2026-11-29T14:30:00.000Z' }]],
  [{ createdAfter: '2026-10-20', createdBefore: '2026-10-21' }, [{ op: 'gte', field: 'createDate', value: '2026-10-19T14:30:00.000Z' }, { op: 'lt', field: 'createDate', value: '2026-10-20T14:30:00.000Z' }]],
]);
zoneSuite('America/Bogota', [
  [{ createdAfter: '2026-10-20', createdBefore: '2026-10-21' }, [{ op: 'gte', field: 'createDate', value: '2026-10-20T05:00:00.000Z' }, { op: 'lt', field: 'createDate', value: '2026-10-21T05:00:00.000Z' }]],
  [{ lastActivityAfter: '2026-10-31T23:30' }, [{ op: 'gte', field: 'lastActivityDate', value: '2026-11-01T04:30:00.000Z' }]],
]);
zoneSuite('America/New_York', [
  // 1 November 2026 has 25 hours: EDT (-04:00) at midnight, EST (-05:00) from 02:00.
  [{ createdAfter: '2026-11-01', createdBefore: '2026-11-02' }, [{ op: 'gte', field: 'createDate', value: '2026-11-01T04:00:00.000Z' }, { op: 'lt', field: 'createDate', value: '2026-11-02T05:00:00.000Z' }]],
  // 01:30 happens twice: the earlier (EDT) is meant; 02:30 on 8 March does not exist: 03:30 EDT.
  [{ createdAfter: '2026-11-01T01:30' }, [{ op: 'gte', field: 'createDate', value: '2026-11-01T05:30:00.000Z' }]],
  [{ createdAfter: '2026-03-08T02:30' }, [{ op: 'gte', field: 'createDate', value: '2026-03-08T07:30:00.000Z' }]],
]);
zoneSuite('Europe/Berlin', [
  // 25 October 2026: CEST (+02:00) at midnight, CET (+01:00) from 03:00.
  [{ createdAfter: '2026-10-25', createdBefore: '2026-10-26' }, [{ op: 'gte', field: 'createDate', value: '2026-10-24T22:00:00.000Z' }, { op: 'lt', field: 'createDate', value: '2026-10-25T23:00:00.000Z' }]],
]);

describe('zone-independent rules (tenant zone Asia/Kolkata)', () => {
  const s = useHarness({ env: { AUTOTASK_TIME_ZONE: 'Asia/Kolkata' } });
  const priya = 29682904;

  it('a date-worked range stays calendar days (dateWorked is stored as midnight UTC)', async () => {
    await list(s, 'search_time_entries', { resourceID: priya, workedAfter: '2026-10-12', workedBefore: '2026-10-16' });
    expectSent(s.h.fake, 'TimeEntries/query', [
      { op: 'eq', field: 'resourceID', value: priya },
      { op: 'gte', field: 'dateWorked', value: '2026-10-12T00:00:00.000Z' },
      { op: 'lt', field: 'dateWorked', value: '2026-10-16T00:00:00.000Z' },
    ]);
  });

  it('the generic query layer keeps Autotask\'s UTC reading of a plain date', async () => {
    await call(s.client, 'query_entities', { entity: 'Tickets', filter: [{ op: 'gte', field: 'createDate', value: '2026-11-01' }] });
    expectSent(s.h.fake, 'Tickets/query', [{ op: 'gte', field: 'createDate', value: '2026-11-01T00:00:00Z' }]);
  });

  it('text renderings show tenant time with the offset; structuredContent keeps Autotask\'s UTC', async () => {
    const ticket = s.h.fake.records('Tickets').find((t) => t.id === tickets[0].id)!;
    ticket.dueDateTime = '2026-11-30T03:45:00Z';
    ticket.lastActivityDate = '2026-11-29T20:00:00Z';
    // Rows show the dates a search filters on.
    const r = await call(s.client, 'search_tickets', { text: String(ticket.ticketNumber), dueBefore: '2026-12-31', lastActivityAfter: '2026-01-01' });
    expect(textOf(r)).toContain('|2026-11-30T01:30+05:30|2026-11-30T09:15+05:30');
    const row = rowsOf(structured(r))[0];
    expect(row.dueDateTime).toMatch(/Z$/);
    expect(Date.parse(row.dueDateTime)).toBe(Date.parse('2026-11-30T03:45:00Z'));
    expect(Date.parse(row.lastActivityDate)).toBe(Date.parse('2026-11-29T20:00:00Z'));
  });

  it('a time entry row shows its work day as stored, never shifted by the zone', async () => {
    const entry = s.h.fake.records('TimeEntries').find((t) => t.resourceID === priya)!;
    Object.assign(entry, { dateWorked: '2026-11-30T00:00:00Z', startDateTime: '2026-11-29T18:45:00Z', endDateTime: '2026-11-29T19:15:00Z', hoursWorked: 0.5 });
    const r = await call(s.client, 'search_time_entries', { resourceID: priya, workedAfter: '2026-11-30', workedBefore: '2026-12-01' });
    expect(textOf(r)).toContain(`\n${entry.id}|2026-11-30|0.5|`);
    expect(rowsOf(structured(r)).find((t) => t.id === entry.id)).toMatchObject({ dateWorked: '2026-11-30', hoursWorked: 0.5 });
  });
});
