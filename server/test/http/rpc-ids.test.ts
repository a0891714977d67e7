/**
 * JSON-RPC framing on /mcp that the SDK transport gets wrong on its own:
 *  - a request id already in flight in the session used to overwrite the first request's stream,
 *    so 4 of 5 same-id requests were never answered; now each duplicate is refused at once;
 *  - batches were executed whatever the protocol version; 2025-06-18 removed them, so sessions
 *    on 2025-06-18 or later get a JSON error, while 2025-03-26 sessions still have them run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { MCP_HEADERS, mcpPost, openRawSession, type RawResponse } from '../helpers/raw.js';
import type { Wire } from '../helpers/wire.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  if (h) expect(leakedSentinels(h.logs)).toEqual([]);
  h = undefined;
});

const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))]);

/** A whole SSE or JSON answer (fetch reads to the end of the stream): every JSON-RPC message in it. */
async function postAll(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; messages: Wire[] }> {
  const res = await fetch(url, { method: 'POST', headers: { ...MCP_HEADERS, ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  const messages = (res.headers.get('content-type') ?? '').includes('text/event-stream')
    ? text.split('\n').filter((l) => l.startsWith('data: ') && l.length > 6).map((l) => JSON.parse(l.slice(6)))
    : [JSON.parse(text)].flat();
  return { status: res.status, messages };
}

async function session(url: string, protocolVersion: string): Promise<Record<string, string>> {
  const init = await mcpPost(url, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion, capabilities: {}, clientInfo: { name: 'ids', version: '1' } } });
  const sid = init.headers.get('mcp-session-id')!;
  const headers = { 'mcp-session-id': sid, 'mcp-protocol-version': protocolVersion };
  await mcpPost(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers);
  return headers;
}

describe('duplicate request ids in flight', () => {
  it('five concurrent requests with one id: the first is answered, the other four refused at once', async () => {
    h = await startHarness();
    h.fake.addFault({ route: /^ThresholdInformation$/i, times: 10, fault: { kind: 'delay', ms: 800 } });
    const headers = { 'mcp-session-id': await openRawSession(h.url), 'mcp-protocol-version': '2025-11-25' };
    const msg = { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'get_api_usage', arguments: {} } };
    const first = mcpPost(h.url, msg, headers);
    await new Promise((r) => setTimeout(r, 100)); // the first is in flight
    const dups = await within(Promise.all([1, 2, 3, 4].map(() => mcpPost(h!.url, msg, headers))), 5_000, 'duplicates');
    for (const d of dups) {
      expect(d.status).toBe(400);
      expect(d.headers.get('content-type')).toContain('application/json');
      expect(d.json).toMatchObject({ jsonrpc: '2.0', id: 7, error: { code: -32600 } });
      expect(d.json.error.message).toMatch(/id 7 is already in use/);
    }
    const answered: RawResponse = await within(first, 10_000, 'first request');
    expect(answered.json).toMatchObject({ id: 7, result: { content: expect.any(Array) } });
    expect(answered.json.result.isError).toBeFalsy();

    // Once answered, the id is free again; the session still serves.
    const again = await within(mcpPost(h.url, msg, headers), 10_000, 'reuse after answer');
    expect(again.json).toMatchObject({ id: 7, result: {} });
  });

  it('the same id twice in one batch is refused too (2025-03-26 session)', async () => {
    h = await startHarness();
    const headers = await session(h.url, '2025-03-26');
    const r = await postAll(h.url, [{ jsonrpc: '2.0', id: 3, method: 'ping' }, { jsonrpc: '2.0', id: 3, method: 'tools/list' }], headers);
    expect(r.status).toBe(400);
    expect(r.messages[0]).toMatchObject({ error: { code: -32600 } });
  });

  it('ids 1 and "1" are different requests', async () => {
    h = await startHarness();
    h.fake.addFault({ route: /^ThresholdInformation$/i, times: 2, fault: { kind: 'delay', ms: 300 } });
    const headers = { 'mcp-session-id': await openRawSession(h.url), 'mcp-protocol-version': '2025-11-25' };
    const call = (id: number | string) => mcpPost(h!.url, { jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'get_api_usage', arguments: {} } }, headers);
    const [a, b] = await within(Promise.all([call(1), call('1')]), 10_000, 'both');
    expect(a.json).toMatchObject({ id: 1, result: {} });
    expect(b.json).toMatchObject({ id: '1', result: {} });
  });

  it('a cancelled request frees its id', async () => {
    h = await startHarness();
    h.fake.addFault({ route: /^ThresholdInformation$/i, times: 1, fault: { kind: 'delay', ms: 1_000 } });
    const headers = { 'mcp-session-id': await openRawSession(h.url), 'mcp-protocol-version': '2025-11-25' };
    const msg = { jsonrpc: '2.0', id: 11, method: 'tools/call', params: { name: 'get_api_usage', arguments: {} } };
    void mcpPost(h.url, msg, headers).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    const cancel = await mcpPost(h.url, { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 11, reason: 'test' } }, headers);
    expect(cancel.status).toBe(202);
    const again = await within(mcpPost(h.url, { ...msg, method: 'ping', params: {} }, headers), 5_000, 'reuse after cancel');
    expect(again.json).toMatchObject({ id: 11, result: {} });
  });
});

describe('JSON-RPC batches', () => {
  const batch = [
    { jsonrpc: '2.0', id: 21, method: 'ping' },
    { jsonrpc: '2.0', id: 22, method: 'tools/call', params: { name: 'get_api_usage', arguments: {} } },
  ];

  it.each(['2025-11-25', '2025-06-18'])('are refused with a JSON error in a %s session, and nothing runs', async (version) => {
    h = await startHarness();
    const headers = await session(h.url, version);
    h.fake.clearRequests();
    const r = await postAll(h.url, batch, headers);
    expect(r.status).toBe(400);
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32600 } });
    expect(r.messages[0].error.message).toMatch(/batch/i);
    expect(r.messages[0].error.message).toContain(version);
    expect(h.fake.requests.filter((q) => /ThresholdInformation/i.test(q.route))).toHaveLength(0);
  });

  it('still run in a 2025-03-26 session: every request answered', async () => {
    h = await startHarness();
    const headers = await session(h.url, '2025-03-26');
    const r = await postAll(h.url, batch, headers);
    expect(r.status).toBe(200);
    expect(r.messages.map((m) => m.id).sort()).toEqual([21, 22]);
    expect(r.messages.find((m) => m.id === 22)).toMatchObject({ result: { content: expect.any(Array) } });
  });

  it('an initialize inside a batch is refused with a message that says so', async () => {
    h = await startHarness();
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'b', version: '1' } } };
    const r = await postAll(h.url, [init], {});
    expect(r.status).toBe(400);
    expect(r.messages[0].error.message).toMatch(/initialize.*alone|batch/i);
  });
});
