import { expect } from 'vitest';
import { call, startTestFake } from '../fake-helpers.js';
import type { Probe } from './types.js';

const ALL = [{ op: 'gte', field: 'id', value: 0 }];

/** Every id of a query, page after page, in the order the fake sent them. */
async function walk(fake: Parameters<Probe>[0]['fake'], pageSize: number): Promise<number[]> {
  const ids: number[] = [];
  let r = await call(fake, 'POST', 'Tickets/query', { body: { filter: ALL, MaxRecords: pageSize, IncludeFields: ['id'] } });
  for (;;) {
    expect(r.status).toBe(200);
    ids.push(...(r.json.items as Array<{ id: number }>).map((i) => i.id));
    const next = r.json.pageDetails.nextPageUrl as string | null;
    if (!next) return ids;
    r = await call(fake, 'POST', next, { body: { filter: ALL, MaxRecords: pageSize, IncludeFields: ['id'] } });
  }
}

export const RESULTS_PROBES: Record<string, Probe> = {
  'results.ascending-id-order': async ({ fake }) => {
    const ids = await walk(fake, 5);
    expect(ids.length).toBeGreaterThan(10);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // The option for the opposite reverses the order and still pages through every record once.
    const newestFirst = await startTestFake({ resultOrder: 'descending' });
    try {
      expect(await walk(newestFirst, 5)).toEqual([...ids].reverse());
    } finally {
      await newestFirst.close();
    }
  },
  'results.no-prev-page-url': async ({ fake }) => {
    const first = await call(fake, 'POST', 'Tickets/query', { body: { filter: ALL, MaxRecords: 5 } });
    expect(first.json.pageDetails).toMatchObject({ prevPageUrl: null, nextPageUrl: expect.any(String) });
    const second = await call(fake, 'POST', first.json.pageDetails.nextPageUrl as string, { body: { filter: ALL, MaxRecords: 5 } });
    expect(second.status).toBe(200);
    expect(second.json.pageDetails.prevPageUrl).toBeNull();
  },
  'results.include-fields': async ({ fake }) => {
    const r = await call(fake, 'POST', 'Tickets/query', { body: { filter: ALL, MaxRecords: 2, IncludeFields: ['title', 'status'] } });
    expect(r.status).toBe(200);
    expect(r.json.items).toHaveLength(2);
    for (const item of r.json.items as Array<Record<string, unknown>>) expect(Object.keys(item).sort()).toEqual(['id', 'status', 'title', 'userDefinedFields']);
    const bad = await call(fake, 'POST', 'Tickets/query', { body: { filter: ALL, IncludeFields: ['title', 'noSuchField'] } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('noSuchField');
  },
};
