/**
 * A tenant that moves to another zone while the server runs: two strict fakes on loopback, zone A
 * (also the zone lookup host) and zone B. After A.moveTenant(B), A's zoneInformation names B and
 * A refuses every authenticated call with 401. The client must re-detect once (single-flight),
 * repeat the request once on B, and leave a 401 that re-detection does not explain standing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AutotaskClient, type AutotaskClientOptions } from '../../src/autotask/client.js';
import { AutotaskError } from '../../src/autotask/errors.js';
import { startFakeAutotask } from '../../src/fake/server.js';
import type { FakeAutotask, RecordedRequest } from '../../src/fake/types.js';
import { CREDS, captureLogger, leaks, rejection, smallSeed, type CapturedLogger } from './support.js';

let a: FakeAutotask;
let b: FakeAutotask;
let log: CapturedLogger;
const clients: AutotaskClient[] = [];

function client(overrides: Partial<AutotaskClientOptions> = {}): AutotaskClient {
  const c = new AutotaskClient({
    credentials: CREDS,
    apiUrl: null,
    zoneLookupUrl: a.restBase,
    timeoutMs: 2_000,
    maxRetries: 2,
    logger: log.logger,
    retryPolicy: { baseDelayMs: 5, maxDelayMs: 10 },
    ...overrides,
  });
  clients.push(c);
  return c;
}

const lines = (reqs: RecordedRequest[]) => reqs.map((r) => `${r.method} ${r.route} ${r.status}`);
const zoneLookups = (f: FakeAutotask) => f.requests.filter((r) => r.route === 'zoneInformation');

/** A client that has detected zone A and used it once; the fakes' logs are cleared afterwards. */
async function settledOnA(overrides: Partial<AutotaskClientOptions> = {}): Promise<AutotaskClient> {
  const c = client(overrides);
  expect((await c.get('Tickets', 100))?.id).toBe(100);
  expect(c.cachedZone()?.url).toBe(a.restBase);
  a.clearRequests();
  b.clearRequests();
  return c;
}

beforeEach(async () => {
  a = await startFakeAutotask({ credentials: CREDS, seed: smallSeed() });
  b = await startFakeAutotask({ credentials: CREDS, seed: smallSeed() });
  log = captureLogger();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await a.close();
  await b.close();
  expect(leaks(log.text())).toEqual([]);
});

describe('zone after a move', () => {
  it('re-detects after a 401 and repeats the read once on the new zone', async () => {
    const c = await settledOnA();
    a.moveTenant(b.restBase);
    expect((await c.get('Tickets', 101))?.id).toBe(101);
    expect(lines(a.requests)).toEqual(['GET Tickets/101 401', 'GET zoneInformation 200']);
    expect(lines(b.requests)).toEqual(['GET Tickets/101 200']);
    expect(c.cachedZone()?.url).toBe(b.restBase);
    // From now on straight to B, no further lookup.
    await c.count('Tickets', [{ op: 'gte', field: 'id', value: 0 }]);
    expect(a.requests).toHaveLength(2);
    expect(lines(b.requests)).toEqual(['GET Tickets/101 200', 'POST Tickets/query/count 200']);
    const moved = log.events().filter((e) => e.msg === 'autotask zone moved');
    expect(moved).toEqual([expect.objectContaining({ level: 30, from: a.restBase, to: b.restBase })]);
  });

  it('many concurrent 401s cause one zone lookup', async () => {
    const c = await settledOnA();
    a.moveTenant(b.restBase);
    const ids = [100, 101, 102, 103, 104, 105];
    const got = await Promise.all([...ids.map((id) => c.get('Tickets', id)), c.get('Companies', 1), c.get('Companies', 2)]);
    expect(got.map((r) => r?.id)).toEqual([...ids, 1, 2]);
    expect(zoneLookups(a)).toHaveLength(1);
    expect(a.requests.filter((r) => r.status === 401)).toHaveLength(8);
    expect(b.requests.filter((r) => r.status === 200)).toHaveLength(8);
    expect(log.events().filter((e) => e.msg === 'autotask zone moved')).toHaveLength(1);
  });

  it('repeats a write that got a 401 once on the new zone: a 401 is refused before processing', async () => {
    const c = await settledOnA();
    a.moveTenant(b.restBase);
    const before = { a: a.records('TicketNotes').length, b: b.records('TicketNotes').length };
    const id = await c.create('TicketNotes', { title: 'Moved', description: 'After the move', noteType: 1, publish: 1 }, { entity: 'Tickets', id: 101 });
    expect(lines(a.requests)).toEqual(['POST Tickets/101/Notes 401', 'GET zoneInformation 200']);
    expect(lines(b.requests)).toEqual(['POST Tickets/101/Notes 200']);
    // Exactly one note, on the zone that hosts the tenant now; nothing on the old one.
    expect(a.records('TicketNotes')).toHaveLength(before.a);
    expect(b.records('TicketNotes')).toHaveLength(before.b + 1);
    expect(b.records('TicketNotes').find((n) => n.id === id)?.title).toBe('Moved');
  });

  it('continues a query on the new zone from a nextPageUrl of the old one', async () => {
    const c = await settledOnA();
    const q = { filter: [{ op: 'gte' as const, field: 'id', value: 0 }], maxRecords: 3 };
    const first = await c.query('Tickets', q);
    expect(first.nextPageUrl?.startsWith(a.restBase)).toBe(true);
    a.moveTenant(b.restBase);
    const second = await c.queryNext('Tickets', first.nextPageUrl!, q);
    expect(second.items.map((t) => t.id)).toEqual([103, 104, 105]);
    expect(lines(a.requests)).toEqual(['POST Tickets/query 200', 'POST Tickets/query/next 401', 'GET zoneInformation 200']);
    expect(lines(b.requests)).toEqual(['POST Tickets/query/next 200']);
    expect(b.requests[0].query.paging).toBe(new URL(first.nextPageUrl!).searchParams.get('paging'));
  });

  it('lets the 401 stand when the zone did not change: the credentials are wrong', async () => {
    const wrong = client({ credentials: { ...CREDS, secret: 'SENTINEL-SECRET-wrong-0000' } });
    const e = (await rejection(() => wrong.get('Tickets', 100))) as AutotaskError;
    expect(e).toBeInstanceOf(AutotaskError);
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('AUTOTASK_SECRET');
    // Initial lookup, the refused call, one re-detection that names the same zone, no repeat.
    expect(lines(a.requests)).toEqual(['GET zoneInformation 200', 'GET Tickets/100 401', 'GET zoneInformation 200']);
    expect(b.requests).toHaveLength(0);
    expect(log.events().some((e) => e.msg === 'autotask zone moved')).toBe(false);
  });

  it('never re-detects a pinned zone', async () => {
    const c = await settledOnA({ apiUrl: a.restBase });
    a.moveTenant(b.restBase);
    const e = (await rejection(() => c.get('Tickets', 100))) as AutotaskError;
    expect(e.kind).toBe('auth');
    expect(lines(a.requests)).toEqual(['GET Tickets/100 401']);
    expect(b.requests).toHaveLength(0);
  });

  it('repeats a read only while the read budget leaves room for it', async () => {
    let t = 0;
    // Every clock reading advances 1 s: by the time the 401 is in, no 2 s attempt fits in 2.5 s.
    const c = await settledOnA({ now: () => (t += 1_000), readBudgetMs: 2_500 });
    a.moveTenant(b.restBase);
    const e = (await rejection(() => c.get('Tickets', 100))) as AutotaskError;
    expect(e).toMatchObject({ kind: 'unavailable', retryable: true });
    expect(e.message).toMatch(/moved this tenant to another zone/);
    expect(e.message).toMatch(/[Rr]etry/);
    expect(lines(a.requests)).toEqual(['GET Tickets/100 401', 'GET zoneInformation 200']);
    expect(b.requests).toHaveLength(0);
    // The new zone is known now: the next call goes there directly.
    expect((await c.get('Tickets', 100))?.id).toBe(100);
    expect(lines(b.requests)).toEqual(['GET Tickets/100 200']);
  });

  it('reports a failed re-detection as the lookup failure, and detects again on the next call', async () => {
    const c = await settledOnA();
    a.moveTenant(b.restBase);
    a.addFault({ route: /^zoneInformation$/, times: 3, fault: { kind: 'status', status: 503 } });
    const e = (await rejection(() => c.get('Tickets', 100))) as AutotaskError;
    expect(e).toMatchObject({ kind: 'unavailable', path: 'zoneInformation', retryable: true });
    expect(lines(a.requests)).toEqual(['GET Tickets/100 401', 'GET zoneInformation 503', 'GET zoneInformation 503', 'GET zoneInformation 503']);
    expect(b.requests).toHaveLength(0);
    expect((await c.get('Tickets', 100))?.id).toBe(100);
    expect(lines(a.requests).slice(4)).toEqual(['GET zoneInformation 200']);
    expect(lines(b.requests)).toEqual(['GET Tickets/100 200']);
  });

  it('repeats at most once: a 401 on the new zone too stands', async () => {
    const c = await settledOnA();
    a.moveTenant(b.restBase);
    b.moveTenant(a.restBase); // both refuse; B's own lookup is never asked
    const e = (await rejection(() => c.get('Tickets', 100))) as AutotaskError;
    expect(e.kind).toBe('auth');
    expect(lines(a.requests)).toEqual(['GET Tickets/100 401', 'GET zoneInformation 200']);
    expect(lines(b.requests)).toEqual(['GET Tickets/100 401']);
  });
});
