/**
 * Property-based fuzzing of raw JSON-RPC bodies posted to /mcp: real and made-up methods, odd ids
 * (duplicates, null, objects), params of every shape, batches under both protocol eras, garbage
 * and truncated JSON, invalid UTF-8, and header variants (session, protocol version, content
 * type, accept). Properties: no 5xx, every error is JSON, every accepted request is answered, no
 * stack trace, file path, crash text or secret, nothing sent that the fake refused; afterwards no
 * secret in the log and both sessions still serve.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../helpers/harness.js';
import { rawRequest } from '../helpers/raw.js';
import { answerProblems, fakeProblems, logProblems, post } from './support/checks.js';
import { anyJson, hostileString, PROTO_KEYS } from './support/pools.js';
import { spliceDeep, DEEP } from './support/args.js';
import { cases, Figures, SEED, TIMEOUT_MS } from './support/profile.js';

const TOTAL = cases(500, 10_000);
const PER_ROUND = 2_000;

const figures = new Figures('jsonrpc');
let unhandled = 0;
const onUnhandled = () => void unhandled++;
process.on('unhandledRejection', onUnhandled);
afterAll(() => void process.off('unhandledRejection', onUnhandled));

const METHODS = ['initialize', 'ping', 'tools/list', 'tools/call', 'resources/list', 'resources/read', 'resources/templates/list', 'prompts/list', 'prompts/get', 'completion/complete', 'logging/setLevel', 'resources/subscribe', 'tasks/get', 'sampling/createMessage'];
const NOTIFICATIONS = ['notifications/initialized', 'notifications/cancelled', 'notifications/progress', 'notifications/roots/list_changed'];
const URIS = ['autotask://tickets/41001', 'autotask://companies/0', 'autotask://schema/Tickets', 'autotask://schema/constructor', 'autotask://tickets/__proto__', 'autotask://tickets/99999999999999999999', 'autotask://schema/%2e%2e', 'file:///etc/passwd', 'http://127.0.0.1/'];

/** params that fit the method now and then, anything otherwise. */
const paramsFor = (method: string): fc.Arbitrary<unknown> => {
  const fitting = new Map<string, fc.Arbitrary<unknown>>(Object.entries({
    'tools/call': fc.record(
      {
        name: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('get_ticket', 'search_tickets', 'query_entities', 'get_company', 'list_toolsets', 'update_ticket') }, hostileString),
        arguments: fc.oneof({ weight: 3, arbitrary: fc.constantFrom({ id: 41001 }, { limit: 2 }, { entity: 'Tickets', limit: 1 }, { id: 0 }, { id: 41002, title: 'Renamed' }) }, anyJson, fc.constant(DEEP.object)),
      },
      { requiredKeys: ['name'] },
    ),
    'resources/read': fc.record({ uri: fc.oneof(fc.constantFrom(...URIS), hostileString) }),
    'prompts/get': fc.record({ name: fc.oneof(fc.constantFrom('triage_ticket', 'queue_report', 'log_time'), hostileString), arguments: fc.dictionary(fc.oneof(fc.constantFrom('ticketId', 'queue', 'hours'), hostileString), fc.oneof(hostileString, fc.integer()), { maxKeys: 3 }) }),
    'completion/complete': fc.record({ ref: fc.oneof(fc.constant({ type: 'ref/resource', uri: 'autotask://schema/{entity}' }), fc.record({ type: fc.constantFrom('ref/prompt', 'ref/resource', 'ref/x'), name: hostileString })), argument: fc.record({ name: fc.oneof(fc.constant('entity'), hostileString), value: hostileString }) }),
    'logging/setLevel': fc.record({ level: fc.oneof(fc.constantFrom('debug', 'info', 'error', 'emergency'), hostileString) }),
    initialize: fc.record({ protocolVersion: fc.constantFrom('2025-11-25', '2025-03-26', '1999-01-01', 'constructor'), capabilities: fc.oneof(fc.constant({}), anyJson), clientInfo: fc.oneof(fc.constant({ name: 'fuzz', version: '1' }), anyJson) }),
    'notifications/cancelled': fc.record({ requestId: fc.oneof(fc.integer({ min: 1, max: 50 }), hostileString), reason: hostileString }),
  }));
  return fc.oneof({ weight: 6, arbitrary: fitting.get(method) ?? fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: anyJson });
};

const id = fc.oneof({ weight: 16, arbitrary: fc.integer({ min: 1, max: 40 }) }, fc.string({ maxLength: 6 }), fc.constant(null), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant({}), fc.constant(true), fc.constant(2 ** 53 + 1));
const method = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...METHODS) }, { weight: 2, arbitrary: fc.constantFrom(...NOTIFICATIONS) }, fc.constantFrom(...PROTO_KEYS), hostileString);
const notification = fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, fc.constant(true));
const message = fc.tuple(method, id, fc.oneof({ weight: 12, arbitrary: fc.constant('2.0') }, fc.constantFrom('1.0', 2, undefined)), notification).chain(([m, i, jsonrpc, notification]) =>
  paramsFor(m).map((params) => {
    const out: Record<string, unknown> = { jsonrpc, method: m };
    if (!notification && !m.startsWith('notifications/')) out.id = i;
    if (params !== undefined) out.params = params;
    return out;
  }),
);

/** The body text: one message, a batch, or something that is not a JSON-RPC message at all. */
const body = fc.oneof(
  { weight: 10, arbitrary: message.map((m) => spliceDeep(JSON.stringify(m))) },
  { weight: 3, arbitrary: fc.array(message, { maxLength: 4 }).map((ms) => spliceDeep(JSON.stringify(ms))) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom('{', '[]', '[[]]', 'null', '"x"', '42', '{"jsonrpc":"2.0","id":1,"method":"ping"', '\uFEFF{"jsonrpc":"2.0","id":1,"method":"ping"}', '{"jsonrpc":"2.0","id":1,"method":"ping"}{"x":1}'),
      fc.constant('['.repeat(5000) + ']'.repeat(5000)),
      fc.constant(`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_ticket","arguments":{"id":41001,"pad":"${'x'.repeat(200_000)}"}}}`),
    ),
  },
);
const rawBytes = fc.uint8Array({ maxLength: 64 });

interface Sessions {
  modern: string;
  legacy: string;
}

/** Header variants: mostly a valid session and version, sometimes anything. */
const headersArb = fc.record({
  session: fc.oneof({ weight: 8, arbitrary: fc.constantFrom<keyof Sessions>('modern', 'legacy') }, fc.constantFrom('none', 'unknown', 'garbage')),
  version: fc.oneof({ weight: 8, arbitrary: fc.constant('match') }, fc.constantFrom('none', '2024-11-05', '1999-01-01', 'x')),
  contentType: fc.oneof({ weight: 10, arbitrary: fc.constant('application/json') }, fc.constantFrom('text/plain', 'application/json; charset=latin1', 'application/x-www-form-urlencoded')),
  accept: fc.oneof({ weight: 10, arbitrary: fc.constant('application/json, text/event-stream') }, fc.constantFrom('application/json', '*/*', 'text/html')),
});

type HeaderChoice = { session: string; version: string; contentType: string; accept: string };

function headersFor(h: HeaderChoice, s: Sessions): Record<string, string> {
  const out: Record<string, string> = { 'Content-Type': h.contentType, Accept: h.accept };
  if (h.session === 'modern' || h.session === 'legacy') out['mcp-session-id'] = s[h.session];
  else if (h.session === 'unknown') out['mcp-session-id'] = randomUUID();
  else if (h.session === 'garbage') out['mcp-session-id'] = '../%00x';
  const negotiated = h.session === 'legacy' ? '2025-03-26' : '2025-11-25';
  if (h.version === 'match') out['mcp-protocol-version'] = negotiated;
  else if (h.version !== 'none') out['mcp-protocol-version'] = h.version;
  return out;
}

/** Request ids a 200 answer must carry responses for (unique ids of the requests in the body). */
function requestIds(text: string): Array<string | number> {
  try {
    const parsed = JSON.parse(text) as unknown;
    const list = (Array.isArray(parsed) ? parsed : [parsed]) as Array<Record<string, unknown>>;
    return list.filter((m) => m && typeof m === 'object' && typeof m.method === 'string' && (typeof m.id === 'string' || typeof m.id === 'number')).map((m) => m.id as string | number);
  } catch {
    return [];
  }
}

async function openSession(url: string, protocolVersion: string): Promise<string> {
  const init = await post(url, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion, capabilities: {}, clientInfo: { name: 'fuzz', version: '1' } } }), {});
  const sid = init.sessionId!;
  await post(url, JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }), { 'mcp-session-id': sid, 'mcp-protocol-version': protocolVersion });
  return sid;
}

async function round(n: number, seed: number): Promise<void> {
  const h: Harness = await startHarness();
  try {
    const sessions: Sessions = { modern: await openSession(h.url, '2025-11-25'), legacy: await openSession(h.url, '2025-03-26') };
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 12, arbitrary: body }, { weight: 1, arbitrary: rawBytes }), headersArb, async (b, hv) => {
        figures.add('cases');
        h.fake.clearRequests();
        const headers = headersFor(hv, sessions);
        const problems: string[] = [];
        try {
          const a = await post(h.url, b, headers);
          figures.add(`http${a.status}`);
          if (process.env.FUZZ_DEBUG && a.status === 400) figures.add(`400 ${String(a.messages[0]?.error?.message).slice(0, 50)}`);
          problems.push(...answerProblems(a, typeof b === 'string' ? requestIds(b) : []));
          // A fuzzed initialize may have opened a session: close it, as a client would.
          if (a.sessionId && a.sessionId !== sessions.modern && a.sessionId !== sessions.legacy) {
            figures.add('sessionsOpened');
            await rawRequest(h.url, { method: 'DELETE', headers: { 'mcp-session-id': a.sessionId } });
          }
        } catch (err) {
          problems.push(`no answer (${(err as Error).message})`);
        }
        figures.add('fakeRequests', h.fake.requests.length);
        problems.push(...fakeProblems(h.fake.requests, (entity, rid) => h.fake.records(entity).some((r) => r.id === rid), () => figures.add('knownFakeRefusals')));
        if (problems.length) {
          const what = `${JSON.stringify(headers)} ${typeof b === 'string' ? b.slice(0, 300) : `bytes ${Buffer.from(b).toString('hex')}`}`;
          for (const p of problems) figures.fail(`${p} <- ${what}`);
          throw new Error(`${problems.join('\n')}\nrequest: ${what}`);
        }
      }),
      { seed, numRuns: n },
    );
    // Both sessions still serve, and the log holds no secret.
    for (const [sid, version] of [
      [sessions.modern, '2025-11-25'],
      [sessions.legacy, '2025-03-26'],
    ] as const) {
      const a = await post(h.url, JSON.stringify({ jsonrpc: '2.0', id: 999_999, method: 'tools/call', params: { name: 'get_api_usage', arguments: {} } }), { 'mcp-session-id': sid, 'mcp-protocol-version': version });
      expect(a.messages.find((m) => m.id === 999_999)?.result?.isError, a.text).toBeFalsy();
    }
    expect(logProblems(h.logs)).toEqual([]);
  } finally {
    await h.close();
  }
}

describe('fuzzed JSON-RPC bodies', () => {
  it(
    `${TOTAL} bodies: no 5xx, JSON errors, every accepted request answered, no stack trace, path or secret`,
    async () => {
      try {
        for (let done = 0, r = 0; done < TOTAL; done += PER_ROUND, r++) await round(Math.min(PER_ROUND, TOTAL - done), SEED + 100 + r);
      } finally {
        figures.write(); // the figures of a failed run too
      }
      expect(unhandled).toBe(0);
      const out = figures.write();
      expect(out.failures).toEqual([]);
      expect(out.cases).toBeGreaterThanOrEqual(TOTAL);
    },
    TIMEOUT_MS,
  );
});
