/**
 * get_ticket's "newest notes / time entries" must be the newest, also on a ticket with more
 * related records than one Autotask page (500): Autotask returns ascending ids, so the newest
 * are on the last page, not the first; newest-first paging reaches them without walking there.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { structured } from '../tickets/support.js';
import { useHarness } from '../companies/flow.js';
import { call } from '../tickets/support.js';
import { rowsOf } from '../results/support.js';

const TICKET = 41289;
const seed = buildDemoSeed();
// After the ticket's own notes: ids grow with creation time, as Autotask assigns them.
const base = Date.parse('2026-11-02T08:00:00Z');
for (let i = 0; i < 620; i++) {
  const at = new Date(base + i * 3_600_000).toISOString();
  seed.records.TicketNotes.push({ id: 30090000 + i, ticketID: TICKET, createDateTime: at, lastActivityDate: at, createdByContactID: null, creatorResourceID: 29682904, title: 'Monitoring', description: `Alert update ${i}`, noteType: 3, publish: 2 });
  seed.records.TimeEntries.push({
    id: 31090000 + i, createDateTime: at, ticketID: TICKET, taskID: null, resourceID: 29682904, roleID: 29683355, dateWorked: `${at.slice(0, 10)}T00:00:00.000Z`, startDateTime: at, endDateTime: at,
    hoursWorked: 0.25, hoursToBill: 0.25, summaryNotes: `Checked alert ${i}`, internalNotes: '', isNonBillable: false, showOnInvoice: true, timeEntryType: 2, billingCodeID: 29683502, contractID: null,
  });
}
const notes = seed.records.TicketNotes.filter((n) => n.ticketID === TICKET);
const times = seed.records.TimeEntries.filter((n) => n.ticketID === TICKET);
const s = useHarness({ seed });

describe('get_ticket related lists beyond one page', () => {
  it('returns the really newest notes and time entries, with the exact totals', async () => {
    const r = structured<{ notes: { columns: string[]; rows: unknown[][]; total: unknown }; timeEntries: { columns: string[]; rows: unknown[][]; total: unknown } }>(
      await call(s.client, 'get_ticket', { id: TICKET, includeNotes: true, notesLimit: 5, includeTimeEntries: true }),
    );
    const newest = (list: typeof notes, field: string, n: number) =>
      [...list].sort((a, b) => String(b[field]).localeCompare(String(a[field])) || b.id - a.id).slice(0, n).map((x) => x.id);
    expect(rowsOf(r.notes).map((n) => n.id)).toEqual(newest(notes, 'createDateTime', 5));
    expect(r.notes.total).toBe(notes.length);
    expect(rowsOf(r.timeEntries).map((t) => t.id)).toEqual(newest(times, 'dateWorked', 20));
    expect(r.timeEntries.total).toBe(times.length);
    // Newest-first paging finds them without walking every page: the first page (which alone
    // answers a ticket with up to 500), a count and a few windows, however many records the
    // ticket has (walking cost one request per 500).
    for (const entity of ['TicketNotes', 'TimeEntries']) {
      const sent = s.h.fake.requests.filter((q) => q.route.startsWith(`${entity}/query`));
      expect(sent.length, entity).toBeLessThanOrEqual(7);
      expect(sent.some((q) => q.route.endsWith('/next')), entity).toBe(false);
    }
  });
});
