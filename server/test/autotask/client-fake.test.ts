/**
 * The real client against the strict fake Autotask over real HTTP: zone detection, paging,
 * routes, retries (reads only), the per-endpoint limit, metadata caching, abort/timeout, error
 * mapping and, throughout, that no credential ever reaches an error or a log line.
 */
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AutotaskError } from '../../src/autotask/errors.js';
import type { QueryRequest } from '../../src/autotask/types.js';
import { catalogue as defaultCatalogue } from '../../src/catalogue/index.js';
import { errorToResult } from '../../src/tools/results.js';
import { CREDS, leaks, rejection, startFakeEnv, type FakeEnv } from './support.js';

let env: FakeEnv;
/** Every error the tests provoke; the last test proves none of them leaks a credential. */
const provoked: unknown[] = [];

async function failure(fn: () => Promise<unknown>): Promise<AutotaskError> {
  const e = await rejection(fn);
  provoked.push(e);
  expect(e).toBeInstanceOf(AutotaskError);
  return e as AutotaskError;
}

const requestsTo = (method: string, route: string) => env.fake.requests.filter((r) => r.method === method && r.route.toLowerCase() === route.toLowerCase());
const ALL: QueryRequest = { filter: [{ op: 'gte', field: 'id', value: 0 }] };

beforeAll(async () => {
  env = await startFakeEnv();
});
afterEach(() => {
  env.fake.clearFaults();
  env.fake.clearRequests();
  env.fake.resetInFlightStats();
});
afterAll(async () => {
  await env.close();
});

describe('zone detection', () => {
  it('contacts nothing at construction, then detects the zone once for concurrent first calls', async () => {
    const c = env.client();
    await new Promise((r) => setTimeout(r, 30));
    expect(env.fake.requests).toHaveLength(0);
    const got = await Promise.all([c.get('Tickets', 100), c.get('Tickets', 101), c.count('Tickets', ALL.filter), c.threshold()]);
    expect(got[0]?.id).toBe(100);
    await c.get('Tickets', 102);
    const zoneCalls = requestsTo('GET', 'zoneInformation');
    expect(zoneCalls).toHaveLength(1);
    expect(zoneCalls[0].query.user).toBe(CREDS.username);
    // zoneInformation goes without credentials; every REST call carries all three headers.
    expect(zoneCalls[0].headerNames.map((h) => h.toLowerCase())).not.toContain('secret');
    for (const r of env.fake.requests.filter((x) => x.route !== 'zoneInformation')) {
      expect(r.headerNames.map((h) => h.toLowerCase())).toEqual(expect.arrayContaining(['apiintegrationcode', 'username', 'secret']));
    }
    expect((await c.zone()).url).toBe(env.fake.restBase);
  });

  it('a pinned apiUrl skips detection', async () => {
    const c = env.client({ apiUrl: env.fake.restBase.replace(/\/$/, '') });
    expect(c.cachedZone()?.url).toBe(env.fake.restBase);
    await c.get('Tickets', 100);
    expect(requestsTo('GET', 'zoneInformation')).toHaveLength(0);
  });

  it('does not cache a failed detection; an unknown user is an auth error naming the setting', async () => {
    env.fake.addFault({ route: /^zoneInformation$/, times: 1, fault: { kind: 'status', status: 500, body: { errors: ['Zone information could not be determined'] } } });
    const c = env.client();
    const e = await failure(() => c.get('Tickets', 100));
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('AUTOTASK_USERNAME');
    expect((await c.get('Tickets', 100))?.id).toBe(100);
    expect(requestsTo('GET', 'zoneInformation')).toHaveLength(2);

    const stranger = env.client({ credentials: { ...CREDS, username: 'nobody@else.example' } });
    expect((await failure(() => stranger.threshold())).kind).toBe('auth');
  });
});

describe('reads and paging', () => {
  it('query, queryNext and queryAll walk 3 pages, POSTing the same body to nextPageUrl', async () => {
    const c = env.client();
    const q: QueryRequest = { ...ALL, maxRecords: 3 };
    const p1 = await c.query('Tickets', q);
    expect(p1.items.map((t) => t.id)).toEqual([100, 101, 102]);
    expect(p1.nextPageUrl).toMatch(/\/Tickets\/query\/next\?paging=/);
    const p2 = await c.queryNext('Tickets', p1.nextPageUrl as string, q);
    expect(p2.items.map((t) => t.id)).toEqual([103, 104, 105]);

    env.fake.clearRequests();
    const all = await c.queryAll('Tickets', q, 100);
    expect(all.items.map((t) => t.id)).toEqual([100, 101, 102, 103, 104, 105, 106]);
    expect(all.truncated).toBe(false);
    const first = requestsTo('POST', 'Tickets/query');
    const next = requestsTo('POST', 'Tickets/query/next');
    expect(first).toHaveLength(1);
    expect(next).toHaveLength(2);
    for (const r of next) expect(r.body).toEqual(first[0].body);
    expect(first[0].body).toEqual({ filter: ALL.filter, MaxRecords: 3 });
  });

  it('queryAll stops at the cap and says so', async () => {
    const c = env.client();
    const capped = await c.queryAll('Tickets', { ...ALL, maxRecords: 3 }, 5);
    expect(capped.items.map((t) => t.id)).toEqual([100, 101, 102, 103, 104]);
    expect(capped.truncated).toBe(true);
    const exact = await c.queryAll('Tickets', { ...ALL, maxRecords: 3 }, 7);
    expect(exact).toMatchObject({ truncated: false });
    expect(exact.items).toHaveLength(7);
    // Without maxRecords the page size follows the cap.
    env.fake.clearRequests();
    const small = await c.queryAll('Tickets', ALL, 2);
    expect(small).toMatchObject({ truncated: true });
    expect(requestsTo('POST', 'Tickets/query')[0].body).toMatchObject({ MaxRecords: 2 });
  });

  it('count, get (record / null) and getChild', async () => {
    const c = env.client();
    expect(await c.count('Tickets', [{ op: 'eq', field: 'status', value: 1 }])).toBe(5);
    expect(requestsTo('POST', 'Tickets/query/count')).toHaveLength(1);
    expect(await c.get('Tickets', 99_999)).toBeNull();
    expect(await c.get('tickets', 106)).toMatchObject({ id: 106, title: 'Ticket 7' });
    expect(await c.getChild({ entity: 'Tickets', id: 100 }, 'notes', 900)).toMatchObject({ id: 900, description: 'Hello' });
    expect(requestsTo('GET', 'Tickets/100/Notes/900')).toHaveLength(1);
  });

  it('rejects bad queries and foreign nextPageUrls before sending anything', async () => {
    const c = env.client({ apiUrl: env.fake.restBase });
    expect((await failure(() => c.query('Tickets', { ...ALL, maxRecords: 501 }))).message).toContain('at most 500');
    expect((await failure(() => c.query('Tickets', { filter: [{ op: 'ne' as never, field: 'status', value: 1 }] }))).kind).toBe('validation');
    expect((await failure(() => c.get('NoSuchEntities', 1))).kind).toBe('validation');
    const foreign = 'http://127.0.0.1:9/ATServicesRest/V1.0/Tickets/query/next?paging=x';
    expect((await failure(() => c.queryNext('Tickets', foreign, ALL))).message).toContain('Refusing to follow');
    const otherEntity = `${env.fake.restBase}V1.0/Companies/query/next?paging=x`;
    expect((await failure(() => c.queryNext('Tickets', otherEntity, ALL))).message).toContain('does not continue a Tickets query');
    expect(env.fake.requests).toHaveLength(0);
  });
});

describe('writes', () => {
  it('creates a child-only entity through its parent route', async () => {
    const c = env.client();
    const id = await c.create('TicketNotes', { title: 'Call back', description: 'Customer called', noteType: 1, publish: 1 }, { entity: 'Tickets', id: 101 });
    expect(requestsTo('POST', 'Tickets/101/Notes')).toHaveLength(1);
    expect(env.fake.records('TicketNotes').find((n) => n.id === id)).toMatchObject({ ticketID: 101, title: 'Call back' });
    const e = await failure(() => c.create('TicketNotes', { title: 'x' }));
    expect(e.message).toContain("pass parent {entity:'Tickets', id}");
  });

  it('updates with PATCH to the collection URL, id in the body', async () => {
    const c = env.client();
    expect(await c.update('Tickets', { id: 104, title: 'Renamed' })).toBe(104);
    const patches = requestsTo('PATCH', 'Tickets');
    expect(patches).toHaveLength(1);
    expect(patches[0].body).toEqual({ id: 104, title: 'Renamed' });
    expect(env.fake.records('Tickets').find((t) => t.id === 104)?.title).toBe('Renamed');
  });

  it('never retries a write after a 503 or a reset', async () => {
    const c = env.client();
    const body = { title: 'New', companyID: 1, status: 1, priority: 2 };
    env.fake.addFault({ method: 'POST', route: /^Tickets$/, times: 1, fault: { kind: 'status', status: 503 } });
    const e = await failure(() => c.create('Tickets', body));
    expect(e.kind).toBe('unavailable');
    expect(e.message).toContain('may have been applied: check before repeating it');
    await new Promise((r) => setTimeout(r, 50));
    expect(requestsTo('POST', 'Tickets')).toHaveLength(1);

    env.fake.clearRequests();
    env.fake.addFault({ method: 'POST', route: /^Tickets$/, times: 1, fault: { kind: 'reset' } });
    const reset = await failure(() => c.create('Tickets', body));
    expect(reset.message).toContain('reset');
    expect(requestsTo('POST', 'Tickets')).toHaveLength(1);
  });
});

describe('read retries', () => {
  it('retries after 429 and waits at least Retry-After', async () => {
    const c = env.client();
    await c.zone();
    env.fake.addFault({ method: 'POST', route: /^Tickets\/query$/, times: 1, fault: { kind: 'status', status: 429, headers: { 'Retry-After': '1' } } });
    const started = Date.now();
    const page = await c.query('Tickets', ALL);
    const waited = Date.now() - started;
    expect(page.items.length).toBe(7);
    expect(waited).toBeGreaterThanOrEqual(1_000);
    const calls = requestsTo('POST', 'Tickets/query');
    expect(calls.map((r) => r.status)).toEqual([429, 200]);
    expect(calls[1].startedAt - calls[0].endedAt).toBeGreaterThanOrEqual(990);
  });

  it('retries after 503 and after a reset, then gives up with an unavailable error', async () => {
    const c = env.client();
    env.fake.addFault({ method: 'GET', route: /^Tickets\/100$/, times: 2, fault: { kind: 'status', status: 503 } });
    expect((await c.get('Tickets', 100))?.id).toBe(100);
    expect(requestsTo('GET', 'Tickets/100').map((r) => r.status)).toEqual([503, 503, 200]);

    env.fake.clearRequests();
    env.fake.addFault({ method: 'GET', route: /^Tickets\/101$/, times: 1, fault: { kind: 'reset' } });
    expect((await c.get('Tickets', 101))?.id).toBe(101);
    expect(requestsTo('GET', 'Tickets/101')).toHaveLength(2);

    env.fake.clearRequests();
    env.fake.addFault({ method: 'GET', route: /^Tickets\/102$/, fault: { kind: 'status', status: 502 } });
    const e = await failure(() => c.get('Tickets', 102));
    expect(e).toMatchObject({ kind: 'unavailable', status: 502, retryable: true });
    expect(e.message).toContain('after 4 attempts');
    expect(requestsTo('GET', 'Tickets/102')).toHaveLength(4);
  });
});

describe('per-endpoint concurrency', () => {
  /**
   * Autotask's definition, not the client's bucketing (official "API thread limiting"): three
   * threads per object endpoint and tracking identifier, ZoneInformation not limited. An object
   * endpoint is an entity, whatever the operation: GET Tickets/1, POST Tickets/query and GET
   * Tickets/entityInformation/fields are one endpoint; Tickets and Companies are two. Whether
   * Tickets/{id}/Notes counts to Tickets or TicketNotes is [unverified] (evidence limits.thread-limit);
   * the fake and the client count it to Tickets, and so does this test. Concurrency is worked out
   * from when the fake saw each request, not from the fake's own counter.
   */
  it('stays within 3 in flight per Autotask object endpoint, and different endpoints run in parallel', async () => {
    const c = env.client();
    await c.zone();
    env.fake.clearRequests();
    env.fake.addFault({ route: /^(Tickets|Companies|TicketNotes)\//i, fault: { kind: 'delay', ms: 40 } });
    const calls: Array<Promise<unknown>> = [
      ...Array.from({ length: 12 }, (_, i) => c.get('Tickets', 100 + (i % 7))),
      ...Array.from({ length: 4 }, () => c.query('Tickets', ALL)),
      c.fields('Tickets'),
      ...Array.from({ length: 4 }, (_, i) => c.getChild({ entity: 'Tickets', id: 100 + i }, 'Notes', 1)),
      ...Array.from({ length: 4 }, () => c.query('TicketNotes', ALL)),
      ...Array.from({ length: 6 }, () => c.get('Companies', 1)),
    ];
    await Promise.all(calls);
    const entities = new Map(Object.values(defaultCatalogue.entities).map((e) => [e.name.toLowerCase(), e.name]));
    const endpoint = (route: string): string | null => {
      const first = route.split('?')[0].split('/')[0];
      const entity = entities.get(first.toLowerCase()) ?? first;
      return entity.toLowerCase() === 'zoneinformation' ? null : entity;
    };
    const log = env.fake.requests.filter((r) => r.route !== '');
    expect(log.filter((r) => r.status === 429)).toEqual([]);
    const peak = (inBucket: (r: (typeof log)[number]) => boolean): number => {
      const mine = log.filter(inBucket);
      return Math.max(0, ...mine.map((r) => mine.filter((o) => o.startedAt <= r.startedAt && r.startedAt < o.endedAt).length));
    };
    const buckets = new Set(log.map((r) => endpoint(r.route)).filter((b): b is string => b !== null));
    expect([...buckets].sort()).toEqual(['Companies', 'TicketNotes', 'Tickets']);
    for (const b of buckets) expect(peak((r) => endpoint(r.route) === b), b).toBeLessThanOrEqual(3);
    // The limit is used, per endpoint, not one queue for everything.
    expect(peak((r) => endpoint(r.route) === 'Tickets')).toBe(3);
    expect(peak(() => true), 'requests of several endpoints in flight together').toBeGreaterThan(3);
  });

  it('serves queued requests first come, first served', async () => {
    const c = env.client();
    await c.zone();
    env.fake.addFault({ method: 'GET', route: /^Tickets\//, fault: { kind: 'delay', ms: 60 } });
    const done: number[] = [];
    await Promise.all(Array.from({ length: 9 }, (_, i) => c.get('Tickets', 100 + (i % 7)).then(() => done.push(i))));
    // Three slots: the calls finish in waves of three, in the order they were made.
    const waves = [done.slice(0, 3), done.slice(3, 6), done.slice(6, 9)].map((w) => [...w].sort());
    expect(waves).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
    ]);
  });
});

describe('metadata', () => {
  it('10 concurrent fields() calls cost one request; the TTL expires', async () => {
    let now = 1_000_000;
    const c = env.client({ metadataTtlMs: 5_000, now: () => now });
    const all = await Promise.all(Array.from({ length: 10 }, () => c.fields('Tickets')));
    expect(new Set(all).size).toBe(1);
    expect(requestsTo('GET', 'Tickets/entityInformation/fields')).toHaveLength(1);
    expect((await c.picklist('Tickets', 'status')).map((v) => v.label)).toEqual(['New', 'Complete']);
    expect(await c.picklist('Tickets', 'title')).toEqual([]);
    expect((await failure(() => c.picklist('Tickets', 'nope'))).kind).toBe('validation');
    expect(requestsTo('GET', 'Tickets/entityInformation/fields')).toHaveLength(1);
    now += 5_001;
    await c.fields('Tickets');
    expect(requestsTo('GET', 'Tickets/entityInformation/fields')).toHaveLength(2);
    expect(await c.entityInformation('Tickets')).toMatchObject({ canCreate: true, canDelete: false });
    expect(await c.userDefinedFields('Tickets')).toEqual([]);
  });

  it('normalises PascalCase field names from the tenant', async () => {
    const pascal = await startFakeEnv({ fieldNameCase: 'pascal' });
    try {
      const c = pascal.client();
      const fields = await c.fields('Tickets');
      expect(pascal.fake.requests.length).toBeGreaterThan(0);
      expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining(['id', 'companyID', 'assignedResourceID', 'status']));
      expect(fields.every((f) => /^[a-z]/.test(f.name))).toBe(true);
      expect((await c.picklist('Tickets', 'status')).map((v) => v.value)).toEqual(['1', '5']);
    } finally {
      await pascal.close();
    }
  });
});

describe('abort and timeout', () => {
  it('abort cancels a request in flight, a queued one and a retry wait', async () => {
    const c = env.client();
    await c.zone();
    env.fake.addFault({ method: 'GET', route: /^Tickets\/10[0-3]$/, fault: { kind: 'hang' } });
    const ac = new AbortController();
    const pending = [100, 101, 102, 103].map((id) => rejection(() => c.get('Tickets', id, { signal: ac.signal })));
    await new Promise((r) => setTimeout(r, 100));
    expect(requestsTo('GET', 'Tickets/103')).toHaveLength(0); // queued behind three hung requests
    const started = Date.now();
    ac.abort(new Error('user cancelled'));
    for (const e of await Promise.all(pending)) expect((e as Error).message).toBe('user cancelled');
    expect(Date.now() - started).toBeLessThan(5_000); // not waiting for the hung requests (they never end)
    env.fake.clearFaults();
    expect((await c.get('Tickets', 104))?.id).toBe(104); // the slots were released

    env.fake.addFault({ method: 'GET', route: /^Tickets\/105$/, fault: { kind: 'status', status: 429, headers: { 'Retry-After': '20' } } });
    const ac2 = new AbortController();
    setTimeout(() => ac2.abort(new Error('gave up waiting')), 100);
    const t0 = Date.now();
    expect(((await rejection(() => c.get('Tickets', 105, { signal: ac2.signal }))) as Error).message).toBe('gave up waiting');
    expect(Date.now() - t0).toBeLessThan(10_000); // well below the 20 s Retry-After it must not sleep
  });

  it('times out a hung read (retried) and a hung write (not retried)', async () => {
    const c = env.client({ timeoutMs: 200, maxRetries: 1 });
    await c.zone();
    env.fake.addFault({ route: /^Tickets(\/100)?$/, fault: { kind: 'hang' } });
    const read = await failure(() => c.get('Tickets', 100));
    expect(read.kind).toBe('unavailable');
    expect(read.message).toContain('within 200 ms after 2 attempts');
    expect(requestsTo('GET', 'Tickets/100')).toHaveLength(2);
    const write = await failure(() => c.create('Tickets', { title: 'x', companyID: 1, status: 1, priority: 2 }));
    expect(write.message).toContain('may have been applied');
    expect(requestsTo('POST', 'Tickets')).toHaveLength(1);
  });
});

describe('read budget', () => {
  it('does not start a retry that would outlast the call budget (MCP clients time out at 60 s)', async () => {
    const c = env.client({ timeoutMs: 300, maxRetries: 3, readBudgetMs: 500 });
    await c.zone();
    env.fake.addFault({ route: /^Tickets\/101$/, fault: { kind: 'hang' } });
    const read = await failure(() => c.get('Tickets', 101));
    expect(read.kind).toBe('unavailable');
    expect(requestsTo('GET', 'Tickets/101')).toHaveLength(1); // no retry started (the count, not the clock)
  });

  it('answers a long Retry-After at once instead of sleeping past the budget', async () => {
    const c = env.client({ readBudgetMs: 10_000 });
    await c.zone();
    env.fake.addFault({ method: 'POST', route: /^Tickets\/query$/, times: 1, fault: { kind: 'status', status: 429, headers: { 'Retry-After': '20' } } });
    const started = Date.now();
    const e = await failure(() => c.query('Tickets', ALL));
    expect(Date.now() - started).toBeLessThan(5_000); // at once, not at the 10 s budget nor after 20 s
    expect(e.kind).toBe('rate_limited');
    expect(e.message).toMatch(/20 s/);
    expect(requestsTo('POST', 'Tickets/query')).toHaveLength(1);
  });
});

describe('error mapping', () => {
  it("keeps Autotask's errors[] text and maps kinds", async () => {
    const c = env.client();
    const missing = await failure(() => c.create('Tickets', { title: 'No company' }));
    expect(missing).toMatchObject({ kind: 'validation', status: 500, method: 'POST', path: 'Tickets' });
    expect(missing.details.join(' ')).toContain('companyID');
    const badField = await failure(() => c.query('Tickets', { filter: [{ op: 'eq', field: 'nope', value: 1 }] }));
    expect(badField.details.join(' ')).toContain('nope');

    env.fake.addFault({ route: /^Companies\/1$/, times: 1, fault: { kind: 'status', status: 403, body: { errors: ['No access.'] } } });
    expect((await failure(() => c.get('Companies', 1))).kind).toBe('forbidden');
    env.fake.addFault({ route: /^Companies\/2$/, times: 1, fault: { kind: 'malformed' } });
    expect((await failure(() => c.get('Companies', 2))).kind).toBe('protocol');
  });

  it("reads a 405's bare {Message} body (not errors[]) into an actionable validation error", async () => {
    // A tenant whose Tickets route lacks get-by-id: the fake answers as ASP.NET routing does.
    const catalogue = structuredClone(defaultCatalogue);
    catalogue.entities.Tickets.get = false;
    const other = await startFakeEnv({ catalogue });
    try {
      const e = await failure(() => other.client().get('Tickets', 100));
      expect(e).toMatchObject({ kind: 'validation', status: 405, method: 'GET', path: 'Tickets/100', retryable: false });
      expect(e.details).toEqual(["The requested resource does not support http method 'GET'."]);
      expect(e.message).toMatch(/does not allow GET Tickets\/100 \(HTTP 405\).*describe_entity/);
      const shown = JSON.stringify(errorToResult(e).content);
      expect(shown).toContain("Autotask said: The requested resource does not support http method 'GET'.");
    } finally {
      await other.close();
    }
  });

  it('a MaxRecords outside 1..500 is a validation error carrying Autotask\'s text', async () => {
    const c = env.client();
    // The client never sends one (its pages cap at 500), so the fake's answer is replayed as a fault.
    env.fake.addFault({ route: /^Tickets\/query$/, times: 1, fault: { kind: 'status', status: 500, body: { errors: ['maxCountOfRecordsToReturn must be between 1 and 500'] } } });
    const e = await failure(() => c.query('Tickets', ALL));
    expect(e).toMatchObject({ kind: 'validation', status: 500, details: ['maxCountOfRecordsToReturn must be between 1 and 500'] });
  });

  it('maps bad credentials to auth errors', async () => {
    const badSecret = env.client({ credentials: { ...CREDS, secret: 'WRONG-SECRET-VALUE-1' } });
    expect(await failure(() => badSecret.get('Tickets', 100))).toMatchObject({ kind: 'auth', status: 401 });
    const badCode = env.client({ credentials: { ...CREDS, integrationCode: 'WRONG-CODE-VALUE-1' } });
    const e = await failure(() => badCode.get('Tickets', 100));
    expect(e).toMatchObject({ kind: 'auth', status: 500 });
    expect(e.details).toEqual(['IntegrationCode is invalid.']);
  });

  it('redacts credentials that Autotask echoes back', async () => {
    const c = env.client();
    const echo = `User ${CREDS.username} with secret ${CREDS.secret} and code ${CREDS.integrationCode} is not allowed`;
    env.fake.addFault({ route: /^Tickets\/100$/, times: 1, fault: { kind: 'status', status: 500, body: { errors: [echo] } } });
    const e = await failure(() => c.get('Tickets', 100));
    expect(e.details[0]).toBe('User [REDACTED] with secret [REDACTED] and code [REDACTED] is not allowed');
  });
});

describe('secrets', () => {
  it('no credential appears in any provoked error or in the debug log', () => {
    expect(provoked.length).toBeGreaterThanOrEqual(20);
    for (const e of provoked) {
      const err = e as AutotaskError;
      const text = [err.message, JSON.stringify(err), String(err), inspect(err, { depth: 5 }), err.stack ?? ''].join('\n');
      expect(leaks(text)).toEqual([]);
    }
    const log = env.log.text();
    expect(env.log.events().filter((l) => l.msg === 'autotask request').length).toBeGreaterThan(50);
    expect(env.log.events().some((l) => l.msg === 'autotask read retry')).toBe(true);
    expect(leaks(log)).toEqual([]);
    // Log lines carry method, path, status, duration and attempt.
    const line = env.log.events().find((l) => l.msg === 'autotask request' && l.status === 200);
    expect(line).toMatchObject({ method: expect.any(String), path: expect.any(String), ms: expect.any(Number), attempt: 1 });
  });
});
