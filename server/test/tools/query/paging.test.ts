/** Cursor paging with query_entities over more than 1,000 records: no loss, no repeats, exact hasMore. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { call } from '../framework/call.js';
import { rowsOf } from '../results/support.js';

let h: Harness;
let client: Client;
beforeAll(async () => {
  h = await startHarness({ seed: buildDemoSeed({ scale: 3 }) });
  client = await h.connect();
});
afterAll(async () => {
  await h?.close();
});

async function walk(args: Record<string, unknown>): Promise<{ ids: number[]; pages: number }> {
  const ids: number[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const r = await call(client, 'query_entities', { ...args, ...(cursor ? { cursor } : {}) });
    expect(r.isError).toBe(false);
    pages += 1;
    ids.push(...rowsOf(r.structured).map((i) => i.id as number));
    expect(r.structured.hasMore).toBe(r.structured.nextCursor !== null);
    if (!r.structured.hasMore) break;
    cursor = r.structured.nextCursor;
    expect(pages).toBeLessThan(50);
  }
  return { ids, pages };
}

describe('query_entities paging', () => {
  it('walks all tickets of a 1,200-ticket tenant in pages of 500', async () => {
    const expected = h.fake.records('Tickets').map((t) => t.id).sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(1000);
    const { ids, pages } = await walk({ entity: 'Tickets', includeFields: ['ticketNumber'], limit: 500, order: 'oldest' });
    expect(pages).toBe(Math.ceil(expected.length / 500));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected);
    const newest = await walk({ entity: 'Tickets', includeFields: ['ticketNumber'], limit: 500 });
    expect(newest.pages).toBe(pages);
    expect(newest.ids).toEqual([...expected].reverse());
  });

  it('an oldest-first walk costs one Autotask request per 500-record page', async () => {
    h.fake.clearRequests();
    const { ids, pages } = await walk({ entity: 'Tickets', includeFields: ['ticketNumber'], limit: 500, order: 'oldest' });
    expect(ids).toHaveLength(h.fake.records('Tickets').length);
    // nextPageUrl is null on the last page (official "Advanced query features": follow it until null): no look-ahead request.
    expect(h.fake.requests.filter((r) => /^Tickets\/query/.test(r.route)).map((r) => r.route)).toEqual(Array(pages).fill('Tickets/query'));
  });

  it('keeps the filter on every page (odd page size, filtered notes)', async () => {
    const expected = h.fake.records('TicketNotes').filter((n) => n.publish === 2).map((n) => n.id).sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(1000);
    h.fake.clearRequests();
    for (const order of ['oldest', 'newest'] as const) {
      const { ids } = await walk({ entity: 'TicketNotes', filter: [{ op: 'eq', field: 'publish', value: 2 }], includeFields: ['publish'], limit: 333, order });
      expect(ids, order).toEqual(order === 'oldest' ? expected : [...expected].reverse());
    }
    for (const r of h.fake.requests.filter((q) => q.route === 'TicketNotes/query')) {
      expect((r.body as { filter: Array<{ field: string }> }).filter[0]).toEqual({ op: 'eq', field: 'publish', value: 2 });
    }
  });
});
