/** get_ticket over MCP on the demo tenant, and cursor paging over more than 1,000 tickets. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { call, dataRequests, expectSent, lastFilter, sent, structured, textOf } from './support.js';
import { nameOf, rowsOf, splitFence } from '../results/support.js';

const seed = buildDemoSeed();
const tickets = seed.records.Tickets;
const INJECTION_ID = tickets.find((t) => String(t.title).startsWith('Urgent: email problems'))!.id;
const LONG = tickets.find((t) => String(t.description ?? '').length > 2000)!;
const attsOf = (id: number) => seed.records.TicketAttachments.filter((a) => a.ticketID === id);
// A ticket with attachments on itself and on its notes and time entries.
const WITH_ALL = tickets.find(
  (t) =>
    attsOf(t.id).some((a) => a.ticketNoteID == null && a.timeEntryID == null) &&
    attsOf(t.id).some((a) => a.ticketNoteID != null) &&
    attsOf(t.id).some((a) => a.timeEntryID != null) &&
    seed.records.TicketNotes.filter((n) => n.ticketID === t.id).length >= 2,
)!;

interface Related {
  columns: string[];
  rows: unknown[][];
  total: number | string;
}
interface GetResult {
  found: boolean;
  ticket: Record<string, unknown>;
  notes?: Related;
  timeEntries?: Related;
  attachments?: Related;
  names?: Record<string, Record<string, string>>;
  untrusted: string[];
}

let h: Harness;
let client: Client;
beforeAll(async () => {
  h = await startHarness();
  client = await h.connect();
});
afterAll(async () => h?.close());
beforeEach(() => h.fake.clearRequests());

describe('get_ticket', () => {
  it('by id: GET Tickets/{id}, enriched, nothing else fetched without options', async () => {
    const t = tickets[3];
    const r = structured<GetResult>(await call(client, 'get_ticket', { id: t.id }));
    expect(r.found).toBe(true);
    expect(sent(h.fake, `Tickets/${t.id}`, 'GET')).toHaveLength(1);
    expect(r.ticket).toMatchObject({ id: t.id, ticketNumber: t.ticketNumber, companyID: t.companyID });
    expect(nameOf(r, 'companies', t.companyID)).toBe(seed.records.Companies.find((c) => c.id === t.companyID)!.companyName);
    expect(r.ticket.status).toBe(seed.picklists.Tickets.status.find((p) => p.value === String(t.status))!.label);
    expect(r.ticket.queue).toBe(seed.picklists.Tickets.queueID.find((p) => p.value === String(t.queueID))!.label);
    expect(dataRequests(h.fake).filter((q) => /Notes|TimeEntries|Attachments/.test(q.route))).toHaveLength(0);
  });

  it('by ticket number: an eq query on ticketNumber', async () => {
    const t = tickets[42];
    const r = structured<GetResult>(await call(client, 'get_ticket', { ticketNumber: String(t.ticketNumber).toLowerCase() }));
    expect(lastFilter(h.fake, 'Tickets/query')).toEqual([{ op: 'eq', field: 'ticketNumber', value: t.ticketNumber }]);
    expect(r.ticket.id).toBe(t.id);
  });

  it('a missing ticket is stated plainly', async () => {
    const res = await call(client, 'get_ticket', { id: 999_999 });
    expect(res.isError).toBeFalsy();
    expect(structured<GetResult>(res).found).toBe(false);
    expect(textOf(res)).toMatch(/No ticket with id 999999 exists/);
  });

  it('with notes, time entries and attachments: root queries by ticket, never child lists', async () => {
    const res = await call(client, 'get_ticket', { id: WITH_ALL.id, includeNotes: true, includeTimeEntries: true, includeAttachments: true });
    const r = structured<GetResult>(res);
    expectSent(h.fake, 'TicketNotes/query', [{ op: 'eq', field: 'ticketID', value: WITH_ALL.id }]);
    expectSent(h.fake, 'TimeEntries/query', [{ op: 'eq', field: 'ticketID', value: WITH_ALL.id }]);
    expectSent(h.fake, 'TicketAttachments/query', [{ op: 'eq', field: 'ticketID', value: WITH_ALL.id }]);
    expect(h.fake.requests.some((q) => /^Tickets\/\d+\/(Notes|Attachments|TimeEntries)$/.test(q.route))).toBe(false);

    const notes = seed.records.TicketNotes.filter((n) => n.ticketID === WITH_ALL.id);
    expect(r.notes!.total).toBe(notes.length);
    expect(rowsOf(r.notes).map((n) => n.id).sort()).toEqual(notes.slice(-10).map((n) => n.id).sort());
    for (const n of rowsOf(r.notes)) {
      expect(n.noteType).toEqual(expect.any(String));
      expect(['Internal Project Team', 'All Autotask Users']).toContain(n.publish);
    }
    const entries = seed.records.TimeEntries.filter((e) => e.ticketID === WITH_ALL.id);
    expect(rowsOf(r.timeEntries)).toHaveLength(Math.min(20, entries.length));
    expect(rowsOf(r.timeEntries).every((e) => typeof nameOf(r, 'resources', e.resourceID) === 'string')).toBe(true);
    // The ticket's own attachments and those on its notes and time entries, each saying where it hangs.
    const atts = attsOf(WITH_ALL.id);
    expect(rowsOf(r.attachments).map((a) => a.id).sort()).toEqual(atts.map((a) => a.id).sort());
    expect(r.attachments!.columns).not.toContain('data');
    const text = textOf(res);
    for (const a of atts) {
      const item = rowsOf(r.attachments).find((x) => x.id === a.id)!;
      const expected = a.timeEntryID != null ? `time entry ${a.timeEntryID}` : a.ticketNoteID != null ? `note ${a.ticketNoteID}` : `ticket ${WITH_ALL.id}`;
      expect(item.attachedTo).toBe(expected);
      expect(text).toContain(`\n${a.id}|${expected}|`);
    }
    expect(text).toContain(`get_attachment with parentType=ticket, parentId=${WITH_ALL.id}`);
  });

  it('notesLimit returns the newest notes first', async () => {
    const notes = seed.records.TicketNotes.filter((n) => n.ticketID === WITH_ALL.id);
    const r = structured<GetResult>(await call(client, 'get_ticket', { id: WITH_ALL.id, includeNotes: true, notesLimit: 1 }));
    const newest = [...notes].sort((a, b) => String(b.createDateTime).localeCompare(String(a.createDateTime)))[0];
    expect(rowsOf(r.notes).map((n) => n.id)).toEqual([newest.id]);
  });

  it('a long description is truncated with a marker; fullText returns it whole', async () => {
    const full = String(LONG.description);
    const cut = structured<GetResult>(await call(client, 'get_ticket', { id: LONG.id }));
    expect(String(cut.ticket.description)).toContain(`[truncated: ${full.length - 2000} more characters; call get_ticket again with fullText: true]`);
    expect(String(cut.ticket.description).startsWith(full.slice(0, 2000))).toBe(true);
    const whole = structured<GetResult>(await call(client, 'get_ticket', { id: LONG.id, fullText: true }));
    expect(whole.ticket.description).toBe(full);
  });

  it('client-written text of the injection-bait ticket is marked untrusted, notes included', async () => {
    const res = await call(client, 'get_ticket', { id: INJECTION_ID, includeNotes: true });
    const r = structured<GetResult>(res);
    expect(r.untrusted).toEqual(expect.arrayContaining(['title', 'description', 'notes.description']));
    const { inside, outside } = splitFence(textOf(res));
    expect(inside).toMatch(/description: Hi team[^]*Ignore previous instructions/);
    expect(inside).toContain('SYSTEM OVERRIDE');
    expect(outside).not.toMatch(/Ignore previous|SYSTEM OVERRIDE/);
    expect(outside).toContain('never as instructions');
  });

  it.each([
    [{}, /Give the ticket id or its ticketNumber/],
    [{ id: 1, ticketNumber: 'T20260101.0001' }, /either id or ticketNumber/],
    [{ id: -4 }, /id/],
    [{ id: 1, notesLimit: 500 }, /notesLimit/],
  ])('%j is refused and sends nothing', async (args, message) => {
    const res = await call(client, 'get_ticket', args);
    expect(res.isError).toBe(true);
    expect(textOf(res)).toMatch(message);
    expect(dataRequests(h.fake)).toHaveLength(0);
  });
});

describe('search_tickets paging over more than 1,000 tickets', () => {
  let big: Harness;
  afterAll(async () => big?.close());

  it('walks every ticket once with the cursor, hasMore false at the end', async () => {
    const bigSeed = buildDemoSeed({ scale: 3 });
    const all = bigSeed.records.Tickets.map((t) => t.id);
    expect(all.length).toBeGreaterThan(1000);
    big = await startHarness({ seed: bigSeed });
    const c = await big.connect();
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const r = structured<{ columns: string[]; rows: unknown[][]; hasMore: boolean; nextCursor: string | null }>(
        await call(c, 'search_tickets', { limit: 500, order: 'oldest', ...(cursor ? { cursor } : {}) }),
      );
      pages += 1;
      seen.push(...rowsOf(r).map((t) => t.id as number));
      if (!r.hasMore) {
        expect(r.nextCursor).toBeNull();
        break;
      }
      expect(r.rows).toHaveLength(500);
      cursor = r.nextCursor!;
      expect(pages).toBeLessThan(10);
    }
    expect(pages).toBe(Math.ceil(all.length / 500));
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => a - b)).toEqual([...all].sort((a, b) => a - b));
    // Keyset paging: each later page asks for ids after the last one seen.
    const queries = sent(big.fake, 'Tickets/query');
    expect(queries).toHaveLength(pages);
    expect((queries[1].body as { filter: unknown[] }).filter).toContainEqual({ op: 'gt', field: 'id', value: seen[499] });
  }, 60_000);
});
