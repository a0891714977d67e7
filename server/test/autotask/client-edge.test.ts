/**
 * Edge cases against a scripted loopback server: redirects, credentials never sent to another
 * origin, Retry-After as an HTTP-date, thread-limit text on a 500, odd but tolerated wrappers,
 * empty write bodies, and the config factory.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AutotaskClient, createAutotaskClient } from '../../src/autotask/client.js';
import { AutotaskError } from '../../src/autotask/errors.js';
import type { AppConfig } from '../../src/config/types.js';
import { CREDS, captureLogger, json, leaks, rejection, startScriptedServer, type ScriptedServer } from './support.js';

let at: ScriptedServer;
let elsewhere: ScriptedServer;
const log = captureLogger();
const clients: AutotaskClient[] = [];

function client(overrides: Partial<ConstructorParameters<typeof AutotaskClient>[0]> = {}): AutotaskClient {
  const c = new AutotaskClient({
    credentials: CREDS,
    apiUrl: `${at.origin}/ATServicesRest/`,
    zoneLookupUrl: `${at.origin}/ATServicesRest/`,
    timeoutMs: 2_000,
    maxRetries: 2,
    logger: log.logger,
    retryPolicy: { baseDelayMs: 5, maxDelayMs: 10 },
    ...overrides,
  });
  clients.push(c);
  return c;
}

const ALL = { filter: [{ op: 'gte' as const, field: 'id', value: 0 }] };

beforeAll(async () => {
  at = await startScriptedServer();
  elsewhere = await startScriptedServer();
});
afterEach(() => {
  at.requests.length = 0;
  elsewhere.requests.length = 0;
});
afterAll(async () => {
  for (const c of clients) c.close();
  await at.close();
  await elsewhere.close();
});

describe('credentials stay on the REST base', () => {
  it('does not follow redirects', async () => {
    at.handle((_req, res) => json(res, 302, '', { location: `${elsewhere.origin}/steal` }));
    const e = (await rejection(() => client().get('Tickets', 1))) as AutotaskError;
    expect(e.kind).toBe('protocol');
    expect(e.message).toContain('redirect');
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('refuses nextPageUrls on another origin or with embedded credentials', async () => {
    const c = client();
    for (const next of [
      `${elsewhere.origin}/ATServicesRest/V1.0/Tickets/query/next?paging=x`,
      `${at.origin.replace('http://', 'http://u:p@')}/ATServicesRest/V1.0/Tickets/query/next?paging=x`,
      `${at.origin}/other/V1.0/Tickets/query/next?paging=x`,
      'not a url',
    ]) {
      const e = (await rejection(() => c.queryNext('Tickets', next, ALL))) as AutotaskError;
      expect(e.kind).toBe('validation');
    }
    expect(elsewhere.requests).toHaveLength(0);
    expect(at.requests).toHaveLength(0);
  });

  it('follows a same-origin nextPageUrl verbatim, whatever the path casing', async () => {
    const next = `${at.origin}/atservicesrest/v1.0/Tickets/query/next?paging=%7b%22pageSize%22%3a1%7d`;
    at.handle((_req, res) => json(res, 200, { items: [{ id: 2 }], pageDetails: { count: 1, requestCount: 1, prevPageUrl: null, nextPageUrl: null } }));
    const page = await client().queryNext('Tickets', next, ALL);
    expect(page).toEqual({ items: [{ id: 2 }], nextPageUrl: null });
    expect(at.requests[0].url).toBe('/atservicesrest/v1.0/Tickets/query/next?paging=%7b%22pageSize%22%3a1%7d');
    expect(JSON.parse(at.requests[0].body)).toEqual({ filter: ALL.filter });
    expect(at.requests[0].headers.secret).toBe(CREDS.secret);
  });
});

describe('zone detection', () => {
  it('reads PascalCase zone keys, sends no credentials, and retries a flaky lookup', async () => {
    let calls = 0;
    at.handle((req, res) => {
      if (req.url.includes('zoneInformation')) {
        calls++;
        if (calls === 1) return json(res, 503, 'busy');
        return json(res, 200, { ZoneName: 'Scripted', Url: `${at.origin}/ATServicesRest`, WebUrl: 'http://ui/', CI: 7 });
      }
      json(res, 200, { item: { id: 1 } });
    });
    const c = client({ apiUrl: null });
    const [a, b] = await Promise.all([c.get('Tickets', 1), c.get('Companies', 1)]);
    expect(a?.id).toBe(1);
    expect(b?.id).toBe(1);
    expect(await c.zone()).toEqual({ zoneName: 'Scripted', url: `${at.origin}/ATServicesRest/`, webUrl: 'http://ui/', ci: 7 });
    const zoneReqs = at.requests.filter((r) => r.url.includes('zoneInformation'));
    expect(zoneReqs).toHaveLength(2); // one failed attempt, one retry, shared by both callers
    expect(zoneReqs[0].url).toBe(`/ATServicesRest/V1.0/zoneInformation?user=${encodeURIComponent(CREDS.username)}`);
    expect(zoneReqs[0].headers.secret).toBeUndefined();
    expect(zoneReqs[0].headers.apiintegrationcode).toBeUndefined();
    const rest = at.requests.find((r) => r.url.includes('Tickets/1'));
    expect(rest?.headers).toMatchObject({ apiintegrationcode: CREDS.integrationCode, username: CREDS.username, secret: CREDS.secret, 'content-type': 'application/json' });
  });

  it('refuses a zone url that would carry the credentials over plain http', async () => {
    at.handle((req, res) => {
      if (req.url.includes('zoneInformation')) return json(res, 200, { zoneName: 'Downgraded', url: 'http://webservices3.autotask.invalid/ATServicesRest/', webUrl: '', ci: 1 });
      json(res, 200, { item: { id: 1 } });
    });
    const e = (await rejection(() => client({ apiUrl: null }).get('Tickets', 1))) as AutotaskError;
    expect(e).toBeInstanceOf(AutotaskError);
    expect(e.kind).toBe('protocol');
    expect(e.message).toMatch(/https/);
    expect(e.message).toContain('AUTOTASK_API_URL');
    expect(at.requests.filter((r) => !r.url.includes('zoneInformation'))).toHaveLength(0);
  });

  it('reports a zone answer without a url as a protocol error', async () => {
    at.handle((_req, res) => json(res, 200, { zoneName: 'x' }));
    const e = (await rejection(() => client({ apiUrl: null }).threshold())) as AutotaskError;
    expect(e.kind).toBe('protocol');
    expect(e.message).toContain('AUTOTASK_API_URL');
  });
});

describe('retries', () => {
  it('honours Retry-After given as an HTTP-date and retries thread-limit 500s', async () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    const delays: number[] = [];
    let n = 0;
    at.handle((_req, res) => {
      n++;
      if (n === 1) return json(res, 429, { errors: ['slow down'] }, { 'retry-after': 'Tue, 01 Jan 2030 00:00:05 GMT' });
      if (n === 2) return json(res, 500, { errors: ['Thread Threshold Exceeded (Itgenatr005)'] });
      json(res, 200, { queryCount: 3 });
    });
    const c = client({ now: () => now, sleep: async (ms) => void delays.push(ms), random: () => 0 });
    expect(await c.count('Tickets', ALL.filter)).toBe(3);
    expect(delays).toEqual([5_000, 5]);
  });

  it('sleeps up to 30 s for Retry-After; a longer one is answered at once with the wait Autotask asked for', async () => {
    const delays: number[] = [];
    let n = 0;
    at.handle((_req, res) => (n++ === 0 ? json(res, 429, '', { 'retry-after': '30' }) : json(res, 200, { item: null })));
    const c = client({ sleep: async (ms) => void delays.push(ms), random: () => 0 });
    expect(await c.get('Tickets', 5)).toBeNull();
    expect(delays).toEqual([30_000]);

    at.handle((_req, res) => json(res, 429, '', { 'retry-after': '3600' }));
    const e = (await rejection(() => c.get('Tickets', 6))) as AutotaskError;
    expect(e.kind).toBe('rate_limited');
    expect(e.message).toContain('asked to wait 3600 s');
    expect(delays).toEqual([30_000]);
  });

  it('a rate-limited write is refused, not retried, and says it can be repeated', async () => {
    at.handle((_req, res) => json(res, 429, { errors: ['Thread Threshold Exceeded'] }, { 'retry-after': '1' }));
    const e = (await rejection(() => client().create('Tickets', { title: 'x' }))) as AutotaskError;
    expect(e).toMatchObject({ kind: 'rate_limited', retryable: true });
    expect(e.message).toContain('should not have taken effect');
    expect(at.requests).toHaveLength(1);
  });
});

describe('tolerated wrappers and bodies', () => {
  it('reads {items:{…}} from a child GET and treats 404 on get-by-id as null', async () => {
    at.handle((req, res) => (req.url.endsWith('/Attachments/7') ? json(res, 200, { items: { id: 7, data: 'aGk=' } }) : json(res, 404, { errors: ['nope'] })));
    const c = client();
    expect(await c.getChild({ entity: 'Tickets', id: 3 }, 'Attachments', 7)).toEqual({ id: 7, data: 'aGk=' });
    expect(await c.get('Tickets', 3)).toBeNull();
    expect(await c.getChild({ entity: 'Tickets', id: 3 }, 'Attachments', 8)).toBeNull();
  });

  it('reads a root GET-by-id answered as {items:[…]} (sandbox: GET TicketAttachments/{id})', async () => {
    at.handle((req, res) =>
      req.url.endsWith('/TicketAttachments/7') ? json(res, 200, { items: [{ id: 7, ticketID: 3, data: 'aGk=' }] }) : json(res, 200, { items: [] }),
    );
    const c = client();
    expect(await c.get('TicketAttachments', 7)).toEqual({ id: 7, ticketID: 3, data: 'aGk=' });
    expect(await c.get('TicketAttachments', 8)).toBeNull();
  });

  it('accepts an empty body from PATCH and DELETE', async () => {
    at.handle((_req, res) => {
      res.writeHead(200);
      res.end();
    });
    const c = client();
    expect(await c.update('Tickets', { id: 12, title: 't' })).toBe(12);
    expect(await c.delete('TimeEntries', 13)).toBe(13);
    expect(at.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['PATCH /ATServicesRest/V1.0/Tickets', 'DELETE /ATServicesRest/V1.0/TimeEntries/13']);
  });

  it('reports an off-shape success body as a protocol error naming the request', async () => {
    at.handle((_req, res) => json(res, 200, { items: 'nope' }));
    const e = (await rejection(() => client().query('Tickets', ALL))) as AutotaskError;
    expect(e).toMatchObject({ kind: 'protocol', method: 'POST', path: 'Tickets/query' });
  });
});

describe('createAutotaskClient', () => {
  const config = (credentials: AppConfig['credentials']): AppConfig =>
    ({
      credentials,
      apiUrl: `${at.origin}/ATServicesRest/`,
      zoneLookupUrl: `${at.origin}/ATServicesRest/`,
      autotask: { timeoutMs: 1_000, maxRetries: 0, maxConcurrencyPerEntity: 3, metadataTtlMs: 1_000 },
    }) as AppConfig;

  it('builds a working client from AppConfig and refuses missing credentials', async () => {
    at.handle((_req, res) => json(res, 503, ''));
    const c = createAutotaskClient(config(CREDS), log.logger);
    clients.push(c);
    expect(at.requests).toHaveLength(0);
    const e = (await rejection(() => c.threshold())) as AutotaskError;
    expect(e.kind).toBe('unavailable');
    expect(at.requests).toHaveLength(1); // maxRetries 0 from the config
    expect(() => createAutotaskClient(config(null), log.logger)).toThrow(/credentials are missing/);
  });

  it('never logs a credential', () => {
    expect(log.lines.length).toBeGreaterThan(10);
    expect(leaks(log.text())).toEqual([]);
  });
});
