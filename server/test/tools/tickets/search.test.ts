/**
 * search_tickets over MCP against the strict fake with the demo tenant: every parameter's filter
 * as it reached the fake, results checked against the seed, clear errors that send nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { closedStatuses } from '../../../src/autotask/closed-statuses.js';
import type { SeedRecord } from '../../../src/fake/types.js';
import { call, dataRequests, lastFilter, sent, structured, textOf } from './support.js';
import { nameOf, rowsOf, splitFence } from '../results/support.js';
import { createNameResolver } from '../../../src/tools/enrich.js';

const seed = buildDemoSeed();
const tickets = seed.records.Tickets;
const statusList = seed.picklists.Tickets.status;
const label = (field: string, v: unknown) => seed.picklists.Tickets[field].find((p) => p.value === String(v))?.label;
// The one rule (its own test: test/autotask/closed-statuses.test.ts); the demo's answer is pinned below.
const closedValues = closedStatuses(statusList).map((s) => Number(s.value));

let h: Harness;
let client: Client;

interface ListResult {
  columns: string[];
  rows: unknown[][];
  /** The rows read back as objects by column. */
  items: Array<Record<string, unknown>>;
  names?: Record<string, Record<string, string>>;
  hasMore: boolean;
  nextCursor: string | null;
  excludedClosedStatuses?: Array<{ value: string; label: string }>;
  untrusted?: string[];
}

beforeAll(async () => {
  h = await startHarness();
  client = await h.connect();
});
afterAll(async () => h?.close());
beforeEach(() => h.fake.clearRequests());

async function search(args: Record<string, unknown>): Promise<ListResult> {
  return read(await call(client, 'search_tickets', { limit: 500, order: 'oldest', ...args }));
}
function read(res: Awaited<ReturnType<typeof call>>): ListResult {
  const r = structured<ListResult>(res);
  return { ...r, items: rowsOf(r) };
}
const seeded = (id: unknown) => tickets.find((t) => t.id === id)!;
const ids = (items: Array<Record<string, unknown>>) => items.map((t) => t.id as number).sort((a, b) => a - b);
const expectIds = (pred: (t: SeedRecord) => boolean) => tickets.filter(pred).map((t) => t.id).sort((a, b) => a - b);

describe('search_tickets filters', () => {
  it('free text searches title (contains) or ticket number (beginsWith)', async () => {
    const r = await search({ text: 'printer' });
    expect(lastFilter(h.fake, 'Tickets/query')).toEqual([
      { op: 'or', items: [{ op: 'contains', field: 'title', value: 'printer' }, { op: 'beginsWith', field: 'ticketNumber', value: 'printer' }] },
    ]);
    expect(ids(r.items)).toEqual(expectIds((t) => String(t.title).toLowerCase().includes('printer')));
    expect(r.items.length).toBeGreaterThan(0);
  });

  it('a full ticket number is matched exactly', async () => {
    const t = tickets[17];
    const r = await search({ text: String(t.ticketNumber).toLowerCase() });
    expect(lastFilter(h.fake, 'Tickets/query')).toEqual([{ op: 'eq', field: 'ticketNumber', value: t.ticketNumber }]);
    expect(ids(r.items)).toEqual([t.id]);
  });

  it('companyID and contactID', async () => {
    const t = tickets.find((x) => x.contactID)!;
    const r = await search({ companyID: t.companyID, contactID: t.contactID });
    expect(lastFilter(h.fake, 'Tickets/query')).toEqual([
      { op: 'eq', field: 'companyID', value: t.companyID },
      { op: 'eq', field: 'contactID', value: t.contactID },
    ]);
    expect(ids(r.items)).toEqual(expectIds((x) => x.companyID === t.companyID && x.contactID === t.contactID));
    expect(r.items.every((x) => nameOf(r, 'companies', x.companyID) && nameOf(r, 'contacts', x.contactID))).toBe(true);
  });

  it('status by label, by id and as a mixed list', async () => {
    const r = await search({ status: 'waiting customer' });
    expect(lastFilter(h.fake, 'Tickets/query')).toEqual([{ op: 'eq', field: 'status', value: 7 }]);
    expect(ids(r.items)).toEqual(expectIds((t) => t.status === 7));
    expect(r.items.every((t) => t.status === 'Waiting Customer')).toBe(true);

    h.fake.clearRequests();
    const both = await search({ status: [8, 'On Hold'] });
    expect(lastFilter(h.fake, 'Tickets/query')).toEqual([{ op: 'in', field: 'status', value: [8, 17] }]);
    expect(ids(both.items)).toEqual(expectIds((t) => t.status === 8 || t.status === 17));
  });

  it('openOnly excludes every closed status of the tenant picklist (notIn), never returning one', async () => {
    const r = await search({ openOnly: true });
    expect([...closedValues].sort((a, b) => a - b)).toEqual([5, 21]);
    expect(lastFilter(h.fake, 'Tickets/query')).toEqual([{ op: 'notIn', field: 'status', value: closedValues }]);
    expect(r.excludedClosedStatuses!.map((s) => s.label).sort()).toEqual(['Cancelled', 'Complete']);
    expect(r.items.length).toBe(expectIds((t) => !closedValues.includes(t.status as number)).length);
    for (const t of r.items) {
      const pl = statusList.find((s) => s.value === String(seeded(t.id).status))!;
      expect(closedValues).not.toContain(Number(pl.value));
      expect(t.status).toBe(pl.label);
    }
  });

  it('unassigned uses notExist / exist on assignedResourceID', async () => {
    const r = await search({ unassigned: true });
    expect(lastFilter(h.fake, 'Tickets/query')).toEqual([{ op: 'notExist', field: 'assignedResourceID' }]);
    expect(ids(r.items)).toEqual(expectIds((t) => t.assignedResourceID == null));
    expect(r.items.length).toBeGreaterThan(0);
    h.fake.clearRequests();
    const assigned = await search({ unassigned: false, limit: 5 });
    expect(lastFilter(h.fake, 'Tickets/query')).toEqual([{ op: 'exist', field: 'assignedResourceID' }]);
    expect(assigned.items.every((t) => t.assignedResourceID != null)).toBe(true);
  });

  it('assignee, queue by label and priority by label', async () => {
    const r = await search({ assignedResourceID: 29682906, queue: 'Escalations (Level 2)', priority: ['high', 'Critical'] });
    expect(lastFilter(h.fake, 'Tickets/query')).toEqual([
      { op: 'eq', field: 'assignedResourceID', value: 29682906 },
      { op: 'eq', field: 'queueID', value: 29683360 },
      { op: 'in', field: 'priority', value: [1, 4] },
    ]);
    expect(ids(r.items)).toEqual(expectIds((t) => t.assignedResourceID === 29682906 && t.queueID === 29683360 && [1, 4].includes(t.priority as number)));
    for (const t of r.items) {
      expect(nameOf(r, 'resources', t.assignedResourceID)).toBe('Marcus Reid');
      expect(t.queue).toBe('Escalations (Level 2)');
      expect(t.priority).toBe(label('priority', seeded(t.id).priority));
    }
  });

  it('created, last-activity and due date ranges as ISO UTC (after = gte, before = lt)', async () => {
    const r = await search({
      createdAfter: '2026-09-01',
      createdBefore: '2026-10-01T00:00:00+02:00',
      lastActivityAfter: '2026-09-01T00:00:00Z',
      lastActivityBefore: '2026-12-01',
      dueAfter: '2026-09-02T08:00',
      dueBefore: '2026-11-01',
    });
    expect(lastFilter(h.fake, 'Tickets/query')).toEqual([
      { op: 'gte', field: 'createDate', value: '2026-09-01T00:00:00.000Z' },
      { op: 'lt', field: 'createDate', value: '2026-09-30T22:00:00.000Z' },
      { op: 'gte', field: 'lastActivityDate', value: '2026-09-01T00:00:00.000Z' },
      { op: 'lt', field: 'lastActivityDate', value: '2026-12-01T00:00:00.000Z' },
      { op: 'gte', field: 'dueDateTime', value: '2026-09-02T08:00:00.000Z' },
      { op: 'lt', field: 'dueDateTime', value: '2026-11-01T00:00:00.000Z' },
    ]);
    const within = (v: unknown, from: string, to: string) => typeof v === 'string' && Date.parse(v) >= Date.parse(from) && Date.parse(v) < Date.parse(to);
    expect(ids(r.items)).toEqual(
      expectIds(
        (t) =>
          within(t.createDate, '2026-09-01T00:00:00Z', '2026-09-30T22:00:00Z') &&
          within(t.lastActivityDate, '2026-09-01T00:00:00Z', '2026-12-01T00:00:00Z') &&
          within(t.dueDateTime, '2026-09-02T08:00:00Z', '2026-11-01T00:00:00Z'),
      ),
    );
    expect(r.items.length).toBeGreaterThan(0);
    // A date filter shows its dates (UTC in structuredContent); without one, rows carry none.
    expect(r.columns).toEqual(expect.arrayContaining(['createDate', 'lastActivityDate', 'dueDateTime']));
    expect(r.items.every((t) => Date.parse(String(t.createDate)) === Date.parse(String(seeded(t.id).createDate)))).toBe(true);
    expect((await search({ limit: 3 })).columns).not.toContain('createDate');
  });

  it('lists stay compact: no description, enriched names and labels', async () => {
    const r = await search({ limit: 20 });
    expect(r.items).toHaveLength(20);
    const body = sent(h.fake, 'Tickets/query')[0].body as { IncludeFields: string[]; MaxRecords: number };
    expect(body.IncludeFields).not.toContain('description');
    expect(body.MaxRecords).toBe(21);
    expect(r.columns).not.toContain('description');
    for (const t of r.items) {
      expect(nameOf(r, 'companies', t.companyID)).toEqual(expect.any(String));
      expect(t.status).toBe(label('status', seeded(t.id).status));
    }
  });

  it('the injection-bait ticket title is marked untrusted', async () => {
    const res = await call(client, 'search_tickets', { text: 'please read carefully' });
    const r = read(res);
    expect(r.items).toHaveLength(1);
    expect(r.untrusted).toContain('title');
    expect(splitFence(textOf(res)).inside).toContain('|Urgent: email problems - please read carefully|');
  });

  it('an empty result is stated plainly', async () => {
    const res = await call(client, 'search_tickets', { text: 'no-such-ticket-text-xyz' });
    expect(res.isError).toBeFalsy();
    expect(read(res).items).toEqual([]);
    expect(textOf(res)).toMatch(/No tickets found matching text="no-such-ticket-text-xyz".*definitive empty result/);
  });
});

describe('search_tickets bad input sends nothing', () => {
  it('an unknown status label lists the valid labels', async () => {
    const res = await call(client, 'search_tickets', { status: 'Done-ish' });
    expect(res.isError).toBe(true);
    expect(textOf(res)).toContain('"Done-ish" is not a valid Tickets.status');
    for (const s of statusList.filter((x) => x.isActive)) expect(textOf(res)).toContain(`${s.value}=${s.label}`);
    expect(sent(h.fake, 'Tickets/query')).toHaveLength(0);
  });

  it('unknown queue and priority labels too', async () => {
    for (const args of [{ queue: 'Nope Queue' }, { priority: 'Urgentest' }]) {
      const res = await call(client, 'search_tickets', args);
      expect(res.isError).toBe(true);
      expect(textOf(res)).toMatch(/is not a valid Tickets\.(queueID|priority)\. Valid values: /);
    }
    expect(dataRequests(h.fake)).toHaveLength(0);
  });

  it.each([
    [{ limit: 0 }, /limit/],
    [{ limit: 501 }, /limit/],
    [{ createdAfter: 'last tuesday' }, /ISO date/],
    [{ companyID: 'acme' }, /companyID/],
    [{ status: [] }, /status/],
    [{ unassigned: true, assignedResourceID: 29682906 }, /contradict/],
    [{ createdAfter: '2026-10-01', createdBefore: '2026-09-01' }, /must be earlier/],
    [{ cursor: 'not-a-cursor' }, /cursor is not valid/],
  ])('%j is refused with a message', async (args, message) => {
    const res = await call(client, 'search_tickets', args);
    expect(res.isError).toBe(true);
    expect(textOf(res)).toMatch(message);
    expect(dataRequests(h.fake)).toHaveLength(0);
  });

  it('a cursor from a different search is refused', async () => {
    const first = await search({ status: 'New', limit: 2 });
    expect(first.nextCursor).toEqual(expect.any(String));
    h.fake.clearRequests();
    const res = await call(client, 'search_tickets', { status: 'Complete', limit: 2, cursor: first.nextCursor });
    expect(res.isError).toBe(true);
    expect(textOf(res)).toMatch(/different search/);
    expect(sent(h.fake, 'Tickets/query')).toHaveLength(0);
  });
});

describe('search_tickets enrichment cost', () => {
  it('a 100-ticket page costs a bounded number of requests cold, and no extra lookups warm', async () => {
    h.deps.names = createNameResolver(h.deps.api);
    await call(client, 'search_tickets', { limit: 1 }); // metadata (fields) warm so the bound counts lookups
    h.deps.names = createNameResolver(h.deps.api);
    h.fake.clearRequests();
    const r = await search({ limit: 100 });
    expect(r.items).toHaveLength(100);
    // Bound: 1 Tickets query + at most 1 batched query per referenced entity (Companies, Contacts, Resources, Projects).
    const routes = h.fake.requests.map((q) => q.route);
    expect(routes.filter((x) => x === 'Tickets/query')).toHaveLength(1);
    for (const entity of ['Companies', 'Contacts', 'Resources', 'Projects']) expect(routes.filter((x) => x === `${entity}/query`).length).toBeLessThanOrEqual(1);
    expect(h.fake.requests.length).toBeLessThanOrEqual(5);
    for (const q of h.fake.requests.filter((x) => x.route !== 'Tickets/query')) expect((q.body as { filter: Array<{ op: string }> }).filter[0].op).toBe('in');

    h.fake.clearRequests();
    await search({ limit: 100 });
    expect(h.fake.requests.map((q) => q.route)).toEqual(['Tickets/query']);
  });
});
