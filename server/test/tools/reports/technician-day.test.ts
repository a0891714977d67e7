/**
 * report_technician_day over MCP against the fixed demo tenant (a day given explicitly does not
 * depend on the clock, so the request count is pinned exactly): the day read in the tenant zone,
 * each list one query, names batched in a fixed order, refusals that send nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { buildDemoSeed, DEMO_NOW } from '../../../src/demo/seed.js';
import { call, dataRequests, filterOf, sent, structured, textOf } from '../tickets/support.js';
import { refused, useHarness } from '../companies/flow.js';
import { createNameResolver } from '../../../src/tools/enrich.js';
import { nameOf, rowsOf } from '../results/support.js';
import { DAY_MAX_REQUESTS } from '../../../src/tools/reports/technician-day.js';
import { DAY, dayOf, queriesSent, sum } from './support.js';
import type { Wire } from '../../helpers/wire.js';

const seed = buildDemoSeed();
const recs = (e: string) => seed.records[e] ?? [];
const s = useHarness({ seed });
beforeEach(() => {
  s.h.deps.names = createNameResolver(s.h.deps.api); // a cold name cache: the pinned counts hold without earlier lookups
});
const CLOSED = [5, 21];
const ms = (v: unknown) => Date.parse(String(v));

describe('report_technician_day', () => {
  // A past day on which a technician had a service call, time entries and an appointment.
  const links = recs('ServiceCallTickets');
  const callResources = recs('ServiceCallTicketResources');
  const pick = (() => {
    for (const c of recs('ServiceCalls').filter((x) => ms(x.startDateTime) < ms(DEMO_NOW) - DAY).reverse()) {
      const day = dayOf(c.startDateTime);
      const link = links.find((l) => l.serviceCallID === c.id)!;
      for (const cr of callResources.filter((x) => x.serviceCallTicketID === link?.id)) {
        const time = recs('TimeEntries').filter((t) => t.resourceID === cr.resourceID && dayOf(t.dateWorked) === day);
        if (time.length && dayOf(c.endDateTime) === day) return { day, resourceID: cr.resourceID as number, call: c, ticketID: link.ticketID };
      }
    }
    throw new Error('no technician day with a service call and time in the demo');
  })();
  const start = ms(`${pick.day}T00:00:00Z`);
  const end = start + DAY;
  const overlaps = (r: Record<string, unknown>) => ms(r.startDateTime) < end && ms(r.endDateTime) > start;

  it('reads the day in the tenant zone: time, tickets, tasks, appointments and service calls, each one query', async () => {
    const out = structured<Record<string, Wire>>(await call(s.client, 'report_technician_day', { resourceID: pick.resourceID, day: pick.day }));
    const time = recs('TimeEntries').filter((t) => t.resourceID === pick.resourceID && dayOf(t.dateWorked) === pick.day);
    expect(out.day).toMatchObject({ resourceID: pick.resourceID, day: pick.day, timeEntries: time.length, hoursLogged: sum(time.map((t) => t.hoursWorked as number)) });
    expect(rowsOf(out.timeEntries).map((r) => r.id).sort()).toEqual(time.map((t) => t.id).sort());
    const appts = recs('Appointments').filter((a) => a.resourceID === pick.resourceID && overlaps(a));
    expect(rowsOf(out.appointments).map((r) => r.id).sort()).toEqual(appts.map((a) => a.id).sort());
    const calls = rowsOf(out.serviceCalls);
    expect(calls.map((c) => c.id)).toContain(pick.call.id);
    expect(calls.find((c) => c.id === pick.call.id)!.ticketID).toBe(pick.ticketID);
    const tasks = recs('Tasks').filter((t) => t.assignedResourceID === pick.resourceID && ms(t.startDateTime) < end && ms(t.endDateTime) >= start);
    expect(rowsOf(out.tasks).map((r) => r.id).sort()).toEqual(tasks.map((t) => t.id).sort());
    const tickets = recs('Tickets').filter((t) => t.assignedResourceID === pick.resourceID && (!CLOSED.includes(t.status as number) || (t.completedDate && ms(t.completedDate) >= start && ms(t.completedDate) < end)));
    expect(rowsOf(out.tickets).map((r) => r.id).sort()).toEqual(tickets.map((t) => t.id).sort());
    expect(nameOf(out, 'resources', pick.resourceID)).toEqual(expect.any(String));

    const window = [{ op: 'lt', field: 'startDateTime', value: new Date(end).toISOString() }];
    expect(filterOf(sent(s.h.fake, 'TimeEntries/query', 'POST')[0])).toEqual([
      { op: 'eq', field: 'resourceID', value: pick.resourceID },
      { op: 'gte', field: 'dateWorked', value: `${pick.day}T00:00:00.000Z` },
      { op: 'lt', field: 'dateWorked', value: new Date(end).toISOString() },
    ]);
    expect(filterOf(sent(s.h.fake, 'Appointments/query', 'POST')[0])).toEqual([{ op: 'eq', field: 'resourceID', value: pick.resourceID }, ...window, { op: 'gt', field: 'endDateTime', value: new Date(start).toISOString() }]);
    expect(filterOf(sent(s.h.fake, 'ServiceCalls/query', 'POST')[0])).toEqual([...window, { op: 'gt', field: 'endDateTime', value: new Date(start).toISOString() }]);
    expect(filterOf(sent(s.h.fake, 'ServiceCallTicketResources/query', 'POST')[0])).toEqual([{ op: 'in', field: 'serviceCallTicketID', value: expect.any(Array) }, { op: 'eq', field: 'resourceID', value: pick.resourceID }]);
    // The report's own queries once each; names batched; the whole within the stated bound.
    const q = queriesSent(s);
    for (const route of ['TimeEntries', 'Appointments', 'ServiceCalls', 'ServiceCallTickets', 'ServiceCallTasks', 'ServiceCallTicketResources']) expect(q).toContain(`${route}/query x1`);
    expect(sent(s.h.fake, 'Tasks/query', 'POST').length).toBeLessThanOrEqual(2); // the list, and task titles
    expect(sent(s.h.fake, 'Tickets/query', 'POST').length).toBeLessThanOrEqual(2); // the list, and ticket numbers
    // Pinned for this fixed tenant and day: 14 requests (names in a fixed order, a cold cache).
    expect(q).toEqual([
      'Appointments/query x1', 'Companies/query x1', 'Contacts/query x1', 'Resources/query x1', 'Roles/query x1', 'ServiceCallTaskResources/query x1', 'ServiceCallTasks/query x1',
      'ServiceCallTicketResources/query x1', 'ServiceCallTickets/query x1', 'ServiceCalls/query x1', 'Tasks/query x1', 'Tickets/query x2', 'TimeEntries/query x1',
    ]);
    expect(dataRequests(s.h.fake).length).toBeLessThanOrEqual(DAY_MAX_REQUESTS);
    expect(out.coverage).toMatch(new RegExp(`${pick.day} from .* \\(UTC\\).*at most ${DAY_MAX_REQUESTS} Autotask queries`));
  });

  it('finds the technician by name, and refuses an ambiguous name listing the candidates', async () => {
    const who = recs('Resources').find((r) => r.id === pick.resourceID)!;
    const r = await call(s.client, 'report_technician_day', { resource: `${String(who.firstName)} ${String(who.lastName)}`, day: pick.day });
    expect(structured<Record<string, Wire>>(r).day.resourceID).toBe(pick.resourceID);
    expect(textOf(r)).toMatch(/Covers: /);
    s.h.fake.clearRequests();
    const text = await refused(s, 'report_technician_day', { resource: 'a', day: pick.day }, /"a" matches .* resources: .*\(\d+\).* Give resourceID/, 'reads');
    expect(text).toBeTruthy();
    expect(queriesSent(s)).toEqual(['Resources/query x1']);
  });

  it.each([
    [{ day: '2026-11-02' }, /Give resourceID or resource/],
    [{ resourceID: 29682906, resource: 'Marcus Reid' }, /Give resourceID or resource/],
    [{ resourceID: 29682906, day: '2026-11-02T09:00:00' }, /calendar day/],
    [{ resourceID: 29682906, day: '2026-02-30' }, /not a real date/],
  ])('refuses %j and sends nothing', async (args, message) => {
    await refused(s, 'report_technician_day', args, message);
  });

  it('reads today in the tenant zone when no day is given', async () => {
    const today = new Date().toISOString().slice(0, 10); // the harness pins the zone to UTC
    const out = structured<{ day: { day: string }; coverage: string }>(await call(s.client, 'report_technician_day', { resourceID: pick.resourceID }));
    expect(out.day.day).toBe(today);
    expect(filterOf(sent(s.h.fake, 'TimeEntries/query', 'POST')[0])[1]).toEqual({ op: 'gte', field: 'dateWorked', value: `${today}T00:00:00.000Z` });
  });

  it('refuses an unknown resource id after one lookup', async () => {
    await refused(s, 'report_technician_day', { resourceID: 1, day: pick.day }, /No resource with id 1 exists/, 'reads');
    expect(queriesSent(s)).toEqual(['Resources/query x1']);
  });
});

describe('report_technician_day in a tenant zone east of UTC', () => {
  const k = useHarness({ seed, env: { AUTOTASK_TIME_ZONE: 'Asia/Kolkata' } });

  it('bounds the day at local midnight (18:30 UTC the day before), and keeps dateWorked a calendar day', async () => {
    const r = await call(k.client, 'report_technician_day', { resourceID: 29682906, day: '2026-10-20' });
    expect(r.isError, textOf(r)).toBeFalsy();
    const range = [{ op: 'lt', field: 'startDateTime', value: '2026-10-20T18:30:00.000Z' }, { op: 'gt', field: 'endDateTime', value: '2026-10-19T18:30:00.000Z' }];
    expect(filterOf(sent(k.h.fake, 'Appointments/query', 'POST')[0])).toEqual([{ op: 'eq', field: 'resourceID', value: 29682906 }, ...range]);
    expect(filterOf(sent(k.h.fake, 'ServiceCalls/query', 'POST')[0])).toEqual(range);
    expect(filterOf(sent(k.h.fake, 'TimeEntries/query', 'POST')[0])).toEqual([
      { op: 'eq', field: 'resourceID', value: 29682906 },
      { op: 'gte', field: 'dateWorked', value: '2026-10-20T00:00:00.000Z' },
      { op: 'lt', field: 'dateWorked', value: '2026-10-21T00:00:00.000Z' },
    ]);
    expect(structured<{ coverage: string }>(r).coverage).toMatch(/2026-10-20 from 2026-10-19T18:30:00.000Z to 2026-10-20T18:30:00.000Z \(Asia\/Kolkata\)/);
  });
});
