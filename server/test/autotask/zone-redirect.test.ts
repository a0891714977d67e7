/**
 * Redirects of the zone lookup. zoneInformation is anonymous, so a redirect there can be followed
 * without risking the credentials, but only to an https Autotask API host (webservices*.autotask.net)
 * or, when the configured lookup is itself on loopback (tests, demo), to loopback; at most 3 hops.
 * 127.0.0.2 plays a foreign host: it is loopback to the OS but not to the allowlist.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AutotaskClient } from '../../src/autotask/client.js';
import { AutotaskError } from '../../src/autotask/errors.js';
import { MAX_ZONE_REDIRECTS, zoneRedirectTarget } from '../../src/autotask/zone.js';
import { DEFAULT_ZONE_LOOKUP_URL } from '../../src/config/config.js';
import { CREDS, captureLogger, json, leaks, rejection, startScriptedServer, type ScriptedServer } from './support.js';

let lookup: ScriptedServer;
let zone: ScriptedServer;
let foreign: ScriptedServer;
const log = captureLogger();
const clients: AutotaskClient[] = [];
const user = encodeURIComponent(CREDS.username);

function client(): AutotaskClient {
  const c = new AutotaskClient({
    credentials: CREDS,
    apiUrl: null,
    zoneLookupUrl: `${lookup.origin}/ATServicesRest/`,
    timeoutMs: 2_000,
    maxRetries: 2,
    logger: log.logger,
    retryPolicy: { baseDelayMs: 5, maxDelayMs: 10 },
  });
  clients.push(c);
  return c;
}

/** `zone` serves the lookup it is redirected to and the REST calls of the tenant. */
function zoneServes(): void {
  zone.handle((req, res) => {
    if (req.url.toLowerCase().includes('zoneinformation')) return json(res, 200, { zoneName: 'AE02', url: `${zone.origin}/ATServicesRest/`, webUrl: '', ci: 1 });
    json(res, 200, { item: { id: 7 } });
  });
}

const credentialHeaders = (r: { headers: Record<string, unknown> }) => ['secret', 'apiintegrationcode', 'username'].filter((h) => r.headers[h] !== undefined);

beforeAll(async () => {
  lookup = await startScriptedServer();
  zone = await startScriptedServer();
  foreign = await startScriptedServer('127.0.0.2');
  foreign.handle((_req, res) => json(res, 200, { zoneName: 'stolen', url: `${foreign.origin}/ATServicesRest/`, webUrl: '', ci: 1 }));
});
afterEach(() => {
  for (const s of [lookup, zone, foreign]) s.requests.length = 0;
});
afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all([lookup.close(), zone.close(), foreign.close()]);
  expect(leaks(log.text())).toEqual([]);
});

describe('zone lookup redirects', () => {
  it('follows a redirect to an allowed host, without credentials, then uses the zone it names', async () => {
    lookup.handle((_req, res) => json(res, 302, '', { location: `${zone.origin}/ATServicesRest/V1.0/zoneInformation?user=${user}` }));
    zoneServes();
    expect((await client().get('Tickets', 7))?.id).toBe(7);
    expect(lookup.requests.map((r) => r.url)).toEqual([`/ATServicesRest/V1.0/zoneInformation?user=${user}`]);
    expect(zone.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET /ATServicesRest/V1.0/zoneInformation?user=${user}`, 'GET /ATServicesRest/V1.0/Tickets/7']);
    expect(credentialHeaders(lookup.requests[0])).toEqual([]);
    expect(credentialHeaders(zone.requests[0])).toEqual([]);
    expect(credentialHeaders(zone.requests[1])).toEqual(['secret', 'apiintegrationcode', 'username']);
    const hop = log.events().find((e) => e.msg === 'autotask zone lookup redirected');
    expect(hop).toMatchObject({ level: 30, status: 302, to: zone.origin, hop: 1 });
  });

  it('resolves a relative Location and counts hops (307, then 301)', async () => {
    lookup.handle((req, res) => {
      if (req.url.startsWith('/ATServicesRest/')) return json(res, 307, '', { location: `/moved/V1.0/zoneInformation?user=${user}` });
      json(res, 301, '', { location: `${zone.origin}/ATServicesRest/V1.0/zoneInformation?user=${user}` });
    });
    zoneServes();
    const c = client();
    expect((await c.zone()).url).toBe(`${zone.origin}/ATServicesRest/`);
    expect(lookup.requests.map((r) => r.url)).toEqual([`/ATServicesRest/V1.0/zoneInformation?user=${user}`, `/moved/V1.0/zoneInformation?user=${user}`]);
    expect(zone.requests).toHaveLength(1);
  });

  it.each([
    ['a host outside the allowlist', () => `${foreign.origin}/ATServicesRest/V1.0/zoneInformation?user=${user}`, /http:\/\/127\.0\.0\.2:\d+/],
    ['plain http to an Autotask host', () => 'http://webservices5.autotask.net/ATServicesRest/V1.0/zoneInformation', /http:\/\/webservices5\.autotask\.net/],
    ['an https host that only looks like Autotask', () => 'https://webservices5.autotask.net.example.org/ATServicesRest/', /webservices5\.autotask\.net\.example\.org/],
    ['a target with embedded credentials', () => `${zone.origin.replace('http://', 'http://u:p@')}/ATServicesRest/`, /credentials/],
  ])('refuses a redirect to %s, and contacts nobody there', async (_what, target, named) => {
    lookup.handle((_req, res) => json(res, 302, '', { location: target() }));
    zoneServes();
    const e = (await rejection(() => client().get('Tickets', 7))) as AutotaskError;
    expect(e).toBeInstanceOf(AutotaskError);
    expect(e).toMatchObject({ kind: 'protocol', path: 'zoneInformation' });
    expect(e.message).toMatch(named);
    expect(e.message).toContain('webservices*.autotask.net');
    expect(e.message).toContain('AUTOTASK_ZONE_LOOKUP_URL');
    expect(e.message).toContain('AUTOTASK_API_URL');
    expect(leaks(e.message)).toEqual([]);
    expect(lookup.requests).toHaveLength(1); // a refusal is not retried
    expect(foreign.requests).toHaveLength(0);
    expect(zone.requests).toHaveLength(0);
  });

  it(`stops after ${MAX_ZONE_REDIRECTS} hops`, async () => {
    lookup.handle((req, res) => json(res, 302, '', { location: `${req.url}&n=1` }));
    const e = (await rejection(() => client().zone())) as AutotaskError;
    expect(e).toMatchObject({ kind: 'protocol' });
    expect(e.message).toMatch(new RegExp(`more than ${MAX_ZONE_REDIRECTS} times`));
    expect(lookup.requests).toHaveLength(MAX_ZONE_REDIRECTS + 1);
  });

  it('REST calls still never follow a redirect (they carry the credentials)', async () => {
    lookup.handle((req, res) => {
      if (req.url.includes('zoneInformation')) return json(res, 200, { zoneName: 'x', url: `${lookup.origin}/ATServicesRest/`, webUrl: '', ci: 1 });
      json(res, 302, '', { location: `${zone.origin}/ATServicesRest/V1.0/Tickets/7` });
    });
    const e = (await rejection(() => client().get('Tickets', 7))) as AutotaskError;
    expect(e.kind).toBe('protocol');
    expect(zone.requests).toHaveLength(0);
  });
});

describe('zoneRedirectTarget (the allowlist)', () => {
  const from = `${DEFAULT_ZONE_LOOKUP_URL}V1.0/zoneInformation?user=x`;
  it.each(['https://webservices.autotask.net/ATServicesRest/V1.0/zoneInformation?user=x', 'https://webservices14.autotask.net/ATServicesRest/V1.0/zoneInformation?user=x', 'https://WebServices2.AutoTask.net/atservicesrest/v1.0/zoneinformation?user=x'])(
    'follows %s from the real lookup host',
    (to) => {
      expect(zoneRedirectTarget(DEFAULT_ZONE_LOOKUP_URL, from, to, 1)).toBe(new URL(to).href);
    },
  );
  it.each([
    'http://webservices14.autotask.net/ATServicesRest/',
    'https://webservices14.autotask.net:8443/ATServicesRest/',
    'https://autotask.net/ATServicesRest/',
    'https://ww14.autotask.net/ATServicesRest/',
    'https://evil.example/webservices.autotask.net/',
    'https://webservices14.autotask.net.evil.example/',
    'http://127.0.0.1:8080/ATServicesRest/', // loopback only when the configured lookup is loopback
    'http://localhost/ATServicesRest/',
    'javascript:alert(1)',
  ])('refuses %s from the real lookup host', (to) => {
    expect(() => zoneRedirectTarget(DEFAULT_ZONE_LOOKUP_URL, from, to, 1)).toThrow(AutotaskError);
  });
  it('refuses a Location that is not a URL', () => {
    expect(() => zoneRedirectTarget(DEFAULT_ZONE_LOOKUP_URL, from, 'http://[::1', 1)).toThrow(/not a URL/);
  });
});
