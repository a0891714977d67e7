/**
 * report_waiting_customer and report_sla_at_risk over MCP against a
 * current demo tenant: filters as they reached the fake, exact request counts within the stated
 * bounds, the rows computed here from the seed, refusals that send nothing, the coverage line.
 */
import { describe, expect, it } from 'vitest';
import { call, dataRequests, filterOf, sent, structured, textOf } from '../tickets/support.js';
import { list, refused } from '../companies/flow.js';
import { nameOf } from '../results/support.js';
import { WAITING_MAX_REQUESTS } from '../../../src/tools/reports/waiting.js';
import { SLA_MAX_REQUESTS } from '../../../src/tools/reports/sla.js';
import { DAY, queriesSent, recs, useReportHarness } from './support.js';

const s = useReportHarness();
const HOUR = 3_600_000;
const CLOSED = [5, 21]; // the demo's Complete and Cancelled
const WAITING = 7;
const ms = (v: unknown) => Date.parse(String(v));
const NAMES = ['Companies/query x1', 'Contacts/query x1', 'Resources/query x1'];

describe('report_waiting_customer', () => {
  it('finds the tenant\'s "Waiting Customer" tickets idle for N days by lastActivityDate, longest idle first', async () => {
    const t0 = Date.now();
    const r = await list(s, 'report_waiting_customer', { days: 3 });
    const [f] = sent(s.h.fake, 'Tickets/query', 'POST').map(filterOf);
    expect(f).toHaveLength(2);
    expect(f[0]).toEqual({ op: 'eq', field: 'status', value: WAITING });
    expect(f[1]).toMatchObject({ op: 'lt', field: 'lastActivityDate' });
    const cutoff = ms(f[1].value);
    expect(Math.abs(cutoff - (t0 - 3 * DAY))).toBeLessThan(60_000);
    const want = recs('Tickets').filter((t) => t.status === WAITING && ms(t.lastActivityDate) < cutoff).sort((a, b) => ms(a.lastActivityDate) - ms(b.lastActivityDate));
    expect(want.length).toBeGreaterThan(1);
    expect(r.items.map((i) => i.id)).toEqual(want.map((t) => t.id));
    expect(r.items[0].idleDays).toBe(Math.floor((t0 - ms(want[0].lastActivityDate)) / DAY));
    expect(r.items[0].status).toBe('Waiting Customer');
    expect(nameOf(r, 'companies', r.items[0].companyID)).toEqual(expect.any(String));
    expect(queriesSent(s)).toEqual(['Tickets/query x1', ...NAMES].sort());
    expect(dataRequests(s.h.fake).length).toBeLessThanOrEqual(WAITING_MAX_REQUESTS);
    expect(r.coverage).toMatch(/status "Waiting Customer" \(7\).*lastActivityDate.*TicketHistory would cost one request per ticket.*at most 4 Autotask queries/);
  });

  it('takes another status by label and a company, and says the coverage in text', async () => {
    const t = recs('Tickets').find((x) => x.status === 12)!;
    const r = await call(s.client, 'report_waiting_customer', { days: 1, status: 'waiting vendor', companyID: t.companyID });
    expect(filterOf(sent(s.h.fake, 'Tickets/query', 'POST')[0])).toEqual([
      { op: 'eq', field: 'status', value: 12 },
      { op: 'lt', field: 'lastActivityDate', value: expect.any(String) },
      { op: 'eq', field: 'companyID', value: t.companyID },
    ]);
    expect(textOf(r)).toMatch(/Covers: tickets in status "Waiting Vendor" \(12\)/);
  });

  it('reads at most 500 tickets and says the rest were not', async () => {
    const one = recs('Tickets').find((t) => t.status === WAITING)!;
    const store = s.h.fake.records('Tickets');
    const extra = Array.from({ length: 510 }, (_, k) => ({ ...one, id: 97_000_000 + k, ticketNumber: `T20200101.${String(k).padStart(4, '0')}`, lastActivityDate: '2026-01-01T00:00:00.000Z' }));
    store.push(...extra);
    try {
      const r = await call(s.client, 'report_waiting_customer', { days: 3, limit: 10 });
      const out = structured<{ complete: boolean; matched: number }>(r);
      expect(out).toMatchObject({ complete: false, matched: 500 });
      expect(sent(s.h.fake, 'Tickets/query', 'POST').filter((q) => filterOf(q)[0].field === 'status')).toHaveLength(1);
      expect(textOf(r)).toMatch(/More than 500 tickets match: the 500 with the lowest ids \(the oldest\) were read/);
    } finally {
      store.splice(store.length - extra.length, extra.length);
    }
  });

  it('refuses an unknown status after reading only metadata, and bad days with nothing sent', async () => {
    await refused(s, 'report_waiting_customer', { status: 'Waiting Godot' }, /"Waiting Godot" is not a valid Tickets.status/, 'metadata');
    await refused(s, 'report_waiting_customer', { days: 0 }, /days/);
    await refused(s, 'report_waiting_customer', { days: 1000 }, /days/);
  });
});

describe('report_sla_at_risk', () => {
  const unmet = (t: Record<string, unknown>, lo: number, hi: number) =>
    [['firstResponseDueDateTime', 'firstResponseDateTime'], ['resolutionPlanDueDateTime', 'resolutionPlanDateTime'], ['resolvedDueDateTime', 'resolvedDateTime']]
      .filter(([due, met]) => t[due] && ms(t[due]) >= lo && ms(t[due]) < hi && !t[met]);

  it('sends one query: open statuses, and per milestone due in the window and not met; soonest first', async () => {
    const t0 = Date.now();
    const r = await list(s, 'report_sla_at_risk', { withinHours: 24, limit: 500 });
    const f = filterOf(sent(s.h.fake, 'Tickets/query', 'POST')[0]);
    expect(f[0]).toEqual({ op: 'notIn', field: 'status', value: CLOSED });
    const [from, to] = [ms((f[1].items![0].items![0]).value), ms((f[1].items![0].items![1]).value)];
    expect(Math.abs(from - t0)).toBeLessThan(60_000);
    expect(to - from).toBe(24 * HOUR);
    expect(f[1]).toEqual({
      op: 'or',
      items: [
        ['firstResponseDueDateTime', 'firstResponseDateTime'],
        ['resolutionPlanDueDateTime', 'resolutionPlanDateTime'],
        ['resolvedDueDateTime', 'resolvedDateTime'],
      ].map(([due, met]) => ({ op: 'and', items: [{ op: 'gte', field: due, value: new Date(from).toISOString() }, { op: 'lt', field: due, value: new Date(to).toISOString() }, { op: 'notExist', field: met }] })),
    });
    const want = recs('Tickets').filter((t) => !CLOSED.includes(t.status as number) && unmet(t, from, to).length);
    expect(want.length).toBeGreaterThan(0);
    expect(r.items.map((i) => i.id).sort()).toEqual(want.map((t) => t.id).sort());
    for (const row of r.items) {
      expect(row.hoursLeft).toBeGreaterThanOrEqual(0);
      expect(row.hoursLeft).toBeLessThanOrEqual(24);
    }
    expect(r.items.map((i) => ms(i.due))).toEqual([...r.items.map((i) => ms(i.due))].sort((a, b) => a - b));
    expect(queriesSent(s)).toEqual(['Tickets/query x1', ...NAMES].sort());
    expect(dataRequests(s.h.fake).length).toBeLessThanOrEqual(SLA_MAX_REQUESTS);
    expect(r.coverage).toMatch(/left out: Complete, Cancelled.*not met \(overdue ones: includeOverdue\).*at most 4 Autotask queries/);
  });

  it('with includeOverdue adds the breached ones (negative hoursLeft) and drops the lower bound', async () => {
    const r = await list(s, 'report_sla_at_risk', { withinHours: 4, includeOverdue: true, limit: 500 });
    const f = filterOf(sent(s.h.fake, 'Tickets/query', 'POST')[0]);
    expect(f[1].items!.map((m) => m.items!.map((x) => x.op))).toEqual([['lt', 'notExist'], ['lt', 'notExist'], ['lt', 'notExist']]);
    const to = ms((f[1].items![0].items![0]).value);
    const want = recs('Tickets').filter((t) => !CLOSED.includes(t.status as number) && unmet(t, -Infinity, to).length);
    expect(r.items.map((i) => i.id).sort()).toEqual(want.map((t) => t.id).sort());
    expect(r.overdue).toBe(r.items.filter((i) => i.hoursLeft < 0).length);
    expect(r.overdue).toBeGreaterThan(0);
  });

  it('refuses an out-of-range horizon and sends nothing', async () => {
    await refused(s, 'report_sla_at_risk', { withinHours: 0 }, /withinHours/);
    await refused(s, 'report_sla_at_risk', { withinHours: 500 }, /withinHours/);
  });
});

