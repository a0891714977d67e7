/** Streamable HTTP sessions end to end: SDK clients and raw requests against the real server + strict fake. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { initializeMessage, mcpPost, openRawSession, rawRequest } from '../helpers/raw.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
  expect(leakedSentinels(h.logs)).toEqual([]);
});

const sessionOf = (c: Client) => (c.transport as StreamableHTTPClientTransport).sessionId;

describe('MCP over Streamable HTTP', () => {
  it('initializes, lists tools and calls a tool that reaches the fake Autotask', async () => {
    const client = await h.connect();
    expect(client.getServerVersion()).toMatchObject({ name: 'autotask-mcp', version: h.config.version });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('get_api_usage');

    h.fake.clearRequests();
    const result = await client.callTool({ name: 'get_api_usage', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(h.fake.requests.map((r) => r.route)).toContain('ThresholdInformation');

    // The request log names the JSON-RPC method, the tool and the session.
    const line = h.logEvents().find((e) => e.msg === 'http request' && e.tool === 'get_api_usage');
    expect(line).toMatchObject({ method: 'POST', path: '/mcp', status: 200, rpc: 'tools/call', session: sessionOf(client) });
    expect(typeof line?.ms).toBe('number');
  });

  it('serves two clients at once with independent sessions', async () => {
    const [a, b] = await Promise.all([h.connect({ name: 'a' }), h.connect({ name: 'b' })]);
    expect(sessionOf(a)).toBeTruthy();
    expect(sessionOf(a)).not.toBe(sessionOf(b));
    const [ra, rb] = await Promise.all([a.callTool({ name: 'get_api_usage', arguments: {} }), b.callTool({ name: 'get_api_usage', arguments: {} })]);
    expect(ra.isError).toBeFalsy();
    expect(rb.isError).toBeFalsy();

    // Ending one session leaves the other untouched.
    const endedId = sessionOf(a)!;
    await (a.transport as StreamableHTTPClientTransport).terminateSession();
    expect(h.http.sessions.has(endedId)).toBe(false);
    await expect(b.ping()).resolves.toEqual({});
    const stale = await mcpPost(h.url, { jsonrpc: '2.0', id: 9, method: 'ping' }, { 'mcp-session-id': endedId });
    expect(stale.status).toBe(404);
  });

  it('works for a client that initializes twice (a new session each time, the first stays usable)', async () => {
    const first = await h.connect({ name: 'twice' });
    const second = await h.connect({ name: 'twice' }); // mcp-remote probes, then connects again
    expect(sessionOf(first)).not.toBe(sessionOf(second));
    await expect(first.ping()).resolves.toEqual({});
    await expect(second.callTool({ name: 'get_api_usage', arguments: {} })).resolves.toMatchObject({ content: expect.any(Array) });

    // The same Client object reconnecting on a fresh transport gets a fresh session.
    const again = new Client({ name: 'reconnect', version: '1.0.0' });
    await again.connect(new StreamableHTTPClientTransport(new URL(h.url)));
    const firstSession = sessionOf(again);
    await again.close();
    await again.connect(new StreamableHTTPClientTransport(new URL(h.url)));
    expect(sessionOf(again)).not.toBe(firstSession);
    await expect(again.ping()).resolves.toEqual({});
    await again.close();

    // initialize repeated *inside* an existing session is refused by the SDK and does not break it.
    const repeat = await mcpPost(h.url, initializeMessage(7), { 'mcp-session-id': sessionOf(first)! });
    expect(repeat.status).toBe(400);
    expect(repeat.json).toMatchObject({ error: { code: -32600, message: expect.stringContaining('already initialized') } });
    await expect(first.listTools()).resolves.toMatchObject({ tools: expect.any(Array) });
  });

  it('answers 404 (JSON-RPC -32001) for an unknown session id', async () => {
    const res = await mcpPost(h.url, { jsonrpc: '2.0', id: 1, method: 'tools/list' }, { 'mcp-session-id': '00000000-0000-4000-8000-000000000000' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.json).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32001, message: expect.stringContaining('initialize') } });
    const get = await rawRequest(h.url, { headers: { Accept: 'text/event-stream', 'mcp-session-id': 'nope' } });
    expect(get.status).toBe(404);
  });

  it('answers 400 for a non-initialize request without a session id', async () => {
    const res = await mcpPost(h.url, { jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: -32000, message: expect.stringContaining('Mcp-Session-Id') } });
    const del = await rawRequest(h.url, { method: 'DELETE' });
    expect(del.status).toBe(400);
  });

  it('answers an initialize sent with a non-JSON Content-Type with 415, not a session error', async () => {
    const before = h.http.sessions.size;
    const res = await rawRequest(h.url, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify(initializeMessage()),
    });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.json).toMatchObject({ error: { message: expect.stringContaining('application/json') }, id: null });
    expect(res.json.error.message).not.toContain('Mcp-Session-Id');
    expect(h.http.sessions.size).toBe(before);
  });

  it('answers a malformed initialize with 400 -32600 saying what is wrong, not a session error', async () => {
    const before = h.http.sessions.size;
    const res = await mcpPost(h.url, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25' } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: -32600, message: expect.stringMatching(/initialize/i) }, id: null });
    expect(res.json.error.message).toMatch(/clientInfo/);
    expect(res.json.error.message).not.toContain('Mcp-Session-Id');
    expect(h.http.sessions.size).toBe(before);
  });

  it('ends a session on DELETE', async () => {
    const sid = await openRawSession(h.url);
    expect(h.http.sessions.has(sid)).toBe(true);
    const del = await rawRequest(h.url, { method: 'DELETE', headers: { 'mcp-session-id': sid } });
    expect(del.status).toBe(200);
    expect(h.http.sessions.has(sid)).toBe(false);
    expect((await mcpPost(h.url, { jsonrpc: '2.0', id: 2, method: 'ping' }, { 'mcp-session-id': sid })).status).toBe(404);
  });

  it('answers other methods on /mcp with 405 JSON and unknown routes with 404 JSON', async () => {
    const put = await rawRequest(h.url, { method: 'PUT', body: '{}', headers: { 'Content-Type': 'application/json' } });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST, DELETE');
    expect(put.json).toMatchObject({ error: { code: -32000 } });
    // express would route HEAD to the GET handler ("session required"); it is not an MCP method.
    for (const method of ['HEAD', 'OPTIONS', 'PATCH']) {
      const res = await rawRequest(h.url, { method });
      expect({ method, status: res.status, allow: res.headers.get('allow') }).toEqual({ method, status: 405, allow: 'GET, POST, DELETE' });
    }
    const missing = await rawRequest(`${h.origin}/nothing-here`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/json');
    expect(missing.json.error.message).toContain('/mcp');
  });
});
