/**
 * Newest-first paging (src/tools/paging.ts) through the real client against the strict fake over
 * HTTP: the first page of a 20,000-ticket tenant within 3 Autotask requests, cursors that walk to
 * the oldest record without skipping or repeating one (compared with the fake's own store), the
 * entity-without-creation-date path, and windows that overflow or find nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AutotaskRecord, FilterExpression } from '../../../src/autotask/types.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { SeedRecord, TenantSeed } from '../../../src/fake/types.js';
import { queryPage, type Order } from '../../../src/tools/paging.js';
import { startFakeEnv, type FakeEnv } from '../../autotask/support.js';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const now = () => NOW;

/** Query requests (query, query/next, query/count) the fake received since `from`. */
function queries(env: FakeEnv, from: number): number {
  return env.fake.requests.slice(from).filter((r) => /\/query(\/|$)/i.test(r.route)).length;
}

/** Walk every page; returns the ids in the order shown and the requests each page cost. */
async function walk(env: FakeEnv, entity: string, filter: FilterExpression[], limit: number, order: Order, includeFields?: string[]) {
  const api = env.client();
  const ids: number[] = [];
  const costs: number[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 5000; guard++) {
    const before = env.fake.requests.length;
    const page = await queryPage(api, entity, filter, { limit, cursor, order, now, includeFields });
    costs.push(queries(env, before));
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((i) => i.id));
    if (!page.hasMore) {
      expect(page.nextCursor).toBeNull();
      return { ids, costs };
    }
    expect(page.items.length).toBe(limit);
    cursor = page.nextCursor as string;
  }
  throw new Error('walk did not end');
}

describe('newest first on the demo tenant scaled to 20,000 tickets', () => {
  let env: FakeEnv;
  let tickets: SeedRecord[];
  const expected = (pred: (t: SeedRecord) => boolean) => tickets.filter(pred).map((t) => t.id).sort((a, b) => b - a);

  beforeAll(async () => {
    const seed = buildDemoSeed({ scale: 50, now: new Date(NOW).toISOString() });
    tickets = seed.records.Tickets;
    expect(tickets.length).toBe(20_000);
    env = await startFakeEnv({ seed });
  }, 60_000);
  afterAll(async () => env?.close());

  const closed = [5, 13];
  const cases: Array<{ name: string; filter: FilterExpression[]; pred: (t: SeedRecord) => boolean }> = [
    { name: 'every ticket', filter: [], pred: () => true },
    { name: 'open tickets (status notIn closed)', filter: [{ op: 'notIn', field: 'status', value: closed }], pred: (t) => !closed.includes(t.status as number) },
    { name: 'one company', filter: [{ op: 'eq', field: 'companyID', value: 0 }], pred: (t) => t.companyID === 0 },
    { name: 'title text', filter: [{ op: 'contains', field: 'title', value: 'printer' }], pred: (t) => String(t.title).toLowerCase().includes('printer') },
    { name: 'nothing matches', filter: [{ op: 'eq', field: 'title', value: 'no such ticket title' }], pred: () => false },
  ];

  for (const c of cases) {
    it(`first page of 25 (${c.name}) costs at most 3 requests and is the 25 highest ids`, async () => {
      const before = env.fake.requests.length;
      const page = await queryPage(env.client(), 'Tickets', c.filter, { limit: 25, order: 'newest', now, includeFields: ['title', 'status', 'companyID'] });
      const want = expected(c.pred);
      expect(page.items.map((i) => i.id)).toEqual(want.slice(0, 25));
      expect(page.hasMore).toBe(want.length > 25);
      expect(queries(env, before)).toBeLessThanOrEqual(3);
      expect(page.requests).toBe(queries(env, before));
      // The creation date was read to size windows, but not asked for: it is not returned.
      for (const i of page.items) expect(i).not.toHaveProperty('createDate');
    });
  }

  it('walks every page of every ticket newest first (500 a page): none skipped, none repeated', async () => {
    const { ids, costs } = await walk(env, 'Tickets', [], 500, 'newest', ['status']);
    expect(ids).toEqual(expected(() => true));
    // Pages after the first move by id windows sized from the page before: about one request each.
    const avg = costs.slice(1).reduce((a, b) => a + b, 0) / (costs.length - 1);
    expect(avg).toBeLessThanOrEqual(2.2);
  }, 60_000);

  it('walks one company and the open tickets 25 a page to the oldest', async () => {
    for (const c of [cases[1], cases[2]]) {
      const { ids } = await walk(env, 'Tickets', c.filter, 25, 'newest', ['status']);
      expect(ids, c.name).toEqual(expected(c.pred));
    }
  }, 60_000);

  it('order "oldest" keeps one request per page in ascending id order', async () => {
    const { ids, costs } = await walk(env, 'Tickets', cases[2].filter, 100, 'oldest');
    expect(ids).toEqual(expected(cases[2].pred).reverse());
    expect(Math.max(...costs)).toBe(1);
  });

  it('refuses a newest cursor in an oldest search with what to do', async () => {
    const page = await queryPage(env.client(), 'Tickets', [], { limit: 5, order: 'newest', now });
    await expect(queryPage(env.client(), 'Tickets', [], { limit: 5, order: 'oldest', cursor: page.nextCursor as string, now })).rejects.toThrow(/order "newest"/);
  });
});

/** Records with gaps in their ids and creation dates that run with the ids, jittered by up to `jitterMs`. */
function synthetic(count: number, opts: { rng: () => number; jitterMs: number; spanDays: number; datesMissing?: number }): SeedRecord[] {
  const out: SeedRecord[] = [];
  let id = 1000;
  for (let i = 0; i < count; i++) {
    id += 1 + Math.floor(opts.rng() * (opts.rng() < 0.05 ? 400 : 4));
    const t = NOW - opts.spanDays * 86_400_000 * (1 - i / count) + (opts.rng() - 0.5) * 2 * opts.jitterMs;
    const dated = opts.datesMissing === undefined || opts.rng() >= opts.datesMissing;
    out.push({ id, title: `N${i}`, companyID: 1 + Math.floor(opts.rng() * 7), status: opts.rng() < 0.3 ? 1 : 5, priority: 2, createDate: dated ? new Date(t).toISOString() : null });
  }
  return out;
}

function mulberry(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('newest first on irregular tenants', () => {
  const shapes = [
    { name: 'a burst of recent records', seed: 1, count: 3000, spanDays: 2, jitterMs: 1000 },
    { name: 'ten years of sparse records', seed: 2, count: 1200, spanDays: 3650, jitterMs: 60_000 },
    { name: 'no creation dates at all', seed: 3, count: 1500, spanDays: 30, jitterMs: 0, datesMissing: 1 },
  ];
  for (const s of shapes) {
    it(`walks ${s.name} exactly (limit 25 and 7, filtered and not)`, async () => {
      const records = synthetic(s.count, { ...s, rng: mulberry(s.seed) });
      const seed: TenantSeed = { records: { Tickets: records }, picklists: {} };
      const env = await startFakeEnv({ seed });
      try {
        for (const [filter, pred] of [
          [[], () => true],
          [[{ op: 'eq', field: 'companyID', value: 3 }], (r: SeedRecord) => r.companyID === 3],
        ] as Array<[FilterExpression[], (r: SeedRecord) => boolean]>) {
          for (const limit of [25, 7]) {
            const want = records.filter(pred).map((r) => r.id).sort((a, b) => b - a);
            const { ids } = await walk(env, 'Tickets', filter, limit, 'newest');
            expect(ids, `${s.name} limit ${limit}`).toEqual(want);
          }
        }
      } finally {
        await env.close();
      }
    }, 60_000);
  }

  it('an entity without a creation date anchors on its first page and a count, then pages exactly', async () => {
    const rng = mulberry(9);
    const locations: SeedRecord[] = [];
    let id = 5;
    for (let i = 0; i < 2600; i++) {
      id += 1 + Math.floor(rng() * (i > 2000 ? 1 : 30)); // dense at the top: the estimate of the top is off
      locations.push({ id, name: `Site ${i}`, companyID: 1 + (i % 3), isActive: rng() < 0.8 });
    }
    const env = await startFakeEnv({ seed: { records: { CompanyLocations: locations }, picklists: {} } });
    try {
      const before = env.fake.requests.length;
      const first = await queryPage(env.client(), 'CompanyLocations', [], { limit: 25, order: 'newest', now });
      const all = locations.map((l) => l.id).sort((a, b) => b - a);
      expect(first.items.map((i: AutotaskRecord) => i.id)).toEqual(all.slice(0, 25));
      expect(queries(env, before)).toBeLessThanOrEqual(12); // a lopsided id density: bisection steps
      const { ids } = await walk(env, 'CompanyLocations', [{ op: 'eq', field: 'isActive', value: true }], 50, 'newest');
      expect(ids).toEqual(locations.filter((l) => l.isActive).map((l) => l.id).sort((a, b) => b - a));
    } finally {
      await env.close();
    }
  }, 60_000);
});
