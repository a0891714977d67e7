/**
 * Resumability: SSE events carry ids and a retry hint; a client that loses its stream mid-call
 * reconnects with Last-Event-ID and still gets the answer (raw sockets and the SDK client).
 */
import { request as httpRequest, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { MCP_HEADERS, openRawSession, rawRequest } from '../helpers/raw.js';
import { EventBudget, SessionEventStore } from '../../src/http/event-store.js';

interface SseEvent {
  id?: string;
  retry?: number;
  data: string;
}

/** An SSE request whose events can be awaited one by one and whose socket can be cut. */
function sse(url: string, init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: object }) {
  const u = new URL(url);
  const events: SseEvent[] = [];
  let buffer = '';
  let status = 0;
  let ended = false;
  const req: ClientRequest = httpRequest({ host: u.hostname, port: u.port, path: u.pathname, method: init.method, headers: init.headers, agent: false }, (res) => {
    status = res.statusCode ?? 0;
    res.setEncoding('utf8');
    res.on('data', (c: string) => {
      buffer += c;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const e: SseEvent = { data: '' };
        for (const l of block.split('\n')) {
          if (l.startsWith('id: ')) e.id = l.slice(4);
          else if (l.startsWith('retry: ')) e.retry = Number(l.slice(7));
          else if (l.startsWith('data: ')) e.data += l.slice(6);
        }
        if (!block.startsWith(':')) events.push(e); // keep-alive comments are not events
      }
    });
    res.on('end', () => (ended = true));
    res.on('error', () => (ended = true));
  });
  req.on('error', () => (ended = true));
  if (init.body) req.write(JSON.stringify(init.body));
  req.end();
  return {
    events,
    status: () => status,
    ended: () => ended,
    async waitFor(pred: (e: SseEvent) => boolean, ms = 10_000): Promise<SseEvent> {
      const end = Date.now() + ms;
      for (;;) {
        const found = events.find(pred);
        if (found) return found;
        if (Date.now() > end) throw new Error(`no such SSE event in ${ms} ms; got ${JSON.stringify(events)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    cut: () => req.destroy(),
  };
}

const sessionHeaders = (sid: string) => ({ 'mcp-session-id': sid, 'mcp-protocol-version': LATEST_PROTOCOL_VERSION });
const call = (id: number) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'get_api_usage', arguments: {} } });

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
  expect(leakedSentinels(h.logs)).toEqual([]);
});

async function callFinishedAtFake(count: number): Promise<void> {
  const end = Date.now() + 10_000;
  while (h.fake.requests.filter((r) => r.route === 'ThresholdInformation' && r.endedAt > 0).length < count) {
    if (Date.now() > end) throw new Error('the fake never answered');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('resumable SSE streams', () => {
  it('sends a priming event with an id and a retry hint, and ids on every message', async () => {
    const sid = await openRawSession(h.url);
    const s = sse(h.url, { method: 'POST', headers: { ...MCP_HEADERS, ...sessionHeaders(sid) }, body: { jsonrpc: '2.0', id: 3, method: 'ping' } });
    const answer = await s.waitFor((e) => e.data.includes('"id":3'));
    expect(s.events[0]).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{12}-\d+$/), retry: 1_000, data: '' });
    expect(answer.id).toMatch(/^[0-9a-f]{12}-\d+$/);
  });

  it('replays the answer of a call whose stream was cut, on GET with Last-Event-ID', async () => {
    const sid = await openRawSession(h.url);
    h.fake.clearRequests();
    h.fake.addFault({ route: /^ThresholdInformation$/i, times: 1, fault: { kind: 'delay', ms: 800 } });
    const post = sse(h.url, { method: 'POST', headers: { ...MCP_HEADERS, ...sessionHeaders(sid) }, body: call(11) });
    const priming = await post.waitFor((e) => e.id !== undefined);
    post.cut();
    await callFinishedAtFake(1);
    await new Promise((r) => setTimeout(r, 100));

    const resumed = sse(h.url, { method: 'GET', headers: { Accept: 'text/event-stream', ...sessionHeaders(sid), 'last-event-id': priming.id! } });
    const answer = await resumed.waitFor((e) => e.data.includes('"id":11'));
    expect(resumed.status()).toBe(200);
    expect(JSON.parse(answer.data)).toMatchObject({ jsonrpc: '2.0', id: 11, result: { content: expect.any(Array) } });
    expect(JSON.parse(answer.data).result.isError).toBeFalsy();
    resumed.cut();
  });

  it('delivers the answer on the resumed stream when the client reconnects before it is ready', async () => {
    const sid = await openRawSession(h.url);
    h.fake.clearRequests();
    h.fake.addFault({ route: /^ThresholdInformation$/i, times: 1, fault: { kind: 'delay', ms: 1_500 } });
    const post = sse(h.url, { method: 'POST', headers: { ...MCP_HEADERS, ...sessionHeaders(sid) }, body: call(12) });
    const priming = await post.waitFor((e) => e.id !== undefined);
    post.cut();
    const resumed = sse(h.url, { method: 'GET', headers: { Accept: 'text/event-stream', ...sessionHeaders(sid), 'last-event-id': priming.id! } });
    const answer = await resumed.waitFor((e) => e.data.includes('"id":12'));
    expect(JSON.parse(answer.data)).toMatchObject({ id: 12, result: expect.any(Object) });
    await expect.poll(() => resumed.ended(), { timeout: 2_000 }).toBe(true); // the stream ends with its answer
  });

  it('never replays another session’s events', async () => {
    const a = await openRawSession(h.url);
    const b = await openRawSession(h.url);
    const post = sse(h.url, { method: 'POST', headers: { ...MCP_HEADERS, ...sessionHeaders(a) }, body: { jsonrpc: '2.0', id: 4, method: 'ping' } });
    const priming = await post.waitFor((e) => e.id !== undefined);
    await post.waitFor((e) => e.data.includes('"id":4'));
    const stolen = await rawRequest(h.url, { headers: { Accept: 'text/event-stream', ...sessionHeaders(b), 'last-event-id': priming.id! } });
    expect(stolen.status).toBe(400);
    expect(stolen.headers.get('content-type')).toContain('application/json');
  });

  it('SDK client: a call survives its stream being cut mid-call', async () => {
    let cutNext = false;
    let cuts = 0;
    // Cuts the response body of the next tools/call right after its first chunk (the priming event).
    const cuttingFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const body = typeof init?.body === 'string' ? init.body : '';
      if (!cutNext || !body.includes('"tools/call"') || !res.body) return res;
      cutNext = false;
      const reader = res.body.getReader();
      const cut = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { value, done } = await reader.read();
          if (done) return controller.close();
          controller.enqueue(value);
          cuts++;
          await reader.cancel();
          controller.error(new TypeError('network connection lost'));
        },
      });
      return new Response(cut, { status: res.status, headers: res.headers });
    };
    const client = new Client({ name: 'resuming', version: '1.0.0' });
    const errors: string[] = [];
    client.onerror = (e) => errors.push(e.message);
    await client.connect(new StreamableHTTPClientTransport(new URL(h.url), { fetch: cuttingFetch }));
    h.fake.clearRequests();
    h.fake.addFault({ route: /^ThresholdInformation$/i, times: 1, fault: { kind: 'delay', ms: 1_000 } });
    cutNext = true;
    const result = await client.callTool({ name: 'get_api_usage', arguments: {} }, undefined, { timeout: 15_000 });
    expect(cuts).toBe(1);
    expect(errors.some((m) => m.includes('SSE stream disconnected'))).toBe(true);
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result.content)).toMatch(/requests|usage|threshold/i);
    // Exactly one Autotask request: the client resumed, it did not repeat the call.
    expect(h.fake.requests.filter((r) => r.route === 'ThresholdInformation')).toHaveLength(1);
    await client.close();
  });
});

describe('SessionEventStore bounds', () => {
  const msg = (n: number, pad = 0) => ({ jsonrpc: '2.0' as const, id: n, result: { pad: 'x'.repeat(pad) } });
  const replay = async (store: SessionEventStore, after: string) => {
    const got: Array<{ id: string; message: unknown }> = [];
    const stream = await store.replayEventsAfter(after, { send: async (id, message) => void got.push({ id, message }) });
    return { stream, got };
  };

  it('keeps at most maxEvents, oldest out first', async () => {
    const store = new SessionEventStore({ maxEvents: 3, maxBytes: 1e6, maxEventBytes: 1e5 });
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await store.storeEvent('s', msg(i)));
    expect(store.size.events).toBe(3);
    expect(await store.getStreamIdForEventId(ids[0])).toBeUndefined();
    const { stream, got } = await replay(store, ids[2]);
    expect(stream).toBe('s');
    expect(got.map((g) => (g.message as { id: number }).id)).toEqual([3, 4]);
  });

  it('keeps at most maxBytes and replaces an answer over maxEventBytes with an error saying to repeat the call', async () => {
    const store = new SessionEventStore({ maxEvents: 100, maxBytes: 2_000, maxEventBytes: 1_000 });
    const first = await store.storeEvent('s', {} as never); // priming event: kept, never replayed
    await store.storeEvent('s', msg(1, 5_000));
    const { got } = await replay(store, first);
    expect(got).toHaveLength(1);
    expect(got[0].message).toMatchObject({ id: 1, error: { message: expect.stringContaining('Repeat the call') } });
    for (let i = 2; i < 10; i++) await store.storeEvent('t', msg(i, 400));
    expect(store.size.bytes).toBeLessThanOrEqual(2_000);
    store.clear();
    expect(store.size).toEqual({ events: 0, bytes: 0 });
  });

  it('shares a budget across sessions: the oldest event of any session goes first; clear() releases it', async () => {
    const budget = new EventBudget(3_000);
    const limits = { maxEvents: 100, maxBytes: 1e6, maxEventBytes: 1e5 };
    const a = new SessionEventStore(limits, budget);
    const b = new SessionEventStore(limits, budget);
    const a1 = await a.storeEvent('s', msg(1, 900));
    const b1 = await b.storeEvent('s', msg(2, 900));
    await a.storeEvent('s', msg(3, 900));
    await b.storeEvent('s', msg(4, 900));
    expect(budget.bytes).toBeLessThanOrEqual(3_000);
    expect(await a.getStreamIdForEventId(a1)).toBeUndefined(); // oldest overall
    expect(await b.getStreamIdForEventId(b1)).toBe('s');
    a.clear();
    expect(budget.stores.has(a)).toBe(false);
    expect(budget.bytes).toBe(b.size.bytes);
    await a.storeEvent('s', msg(5, 900)); // a late answer of a closed session is not kept
    expect(budget.bytes).toBe(b.size.bytes);
  });

  it('releases a session’s store when the session ends (DELETE, eviction, reaping)', async () => {
    const before = h.http.sessions.eventStoreUsage().stores;
    const sid = await openRawSession(h.url);
    expect(h.http.sessions.eventStoreUsage().stores).toBe(before + 1);
    await rawRequest(h.url, { method: 'DELETE', headers: sessionHeaders(sid) });
    expect(h.http.sessions.eventStoreUsage().stores).toBe(before);
  });

  it('replays only the stream of the given event', async () => {
    const store = new SessionEventStore({ maxEvents: 100, maxBytes: 1e6, maxEventBytes: 1e5 });
    const a0 = await store.storeEvent('a', {} as never);
    await store.storeEvent('b', msg(1));
    await store.storeEvent('a', msg(2));
    const { stream, got } = await replay(store, a0);
    expect(stream).toBe('a');
    expect(got.map((g) => (g.message as { id: number }).id)).toEqual([2]);
  });
});
