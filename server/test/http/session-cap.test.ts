/**
 * The session cap never locks clients out: at the cap the least recently used idle session is
 * evicted; 503 only when every session has a call in progress. A call that never ends does not
 * pin its session forever.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { initializeMessage, mcpPost, openRawSession } from '../helpers/raw.js';
import { waitUntil } from '../helpers/wait.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  if (h) expect(leakedSentinels(h.logs)).toEqual([]);
  h = undefined;
});

const ping = (url: string, sid: string) => mcpPost(url, { jsonrpc: '2.0', id: 99, method: 'ping' }, { 'mcp-session-id': sid });


/** Opens a client the way mcp-remote 0.15 does: initialize, GET stream, a few calls, no DELETE on exit. */
async function mcpRemoteLike(url: string, name: string, call: boolean): Promise<void> {
  const client = new Client({ name, version: '0.15.1' });
  client.onerror = () => undefined; // its GET stream dies with it
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { reconnectionOptions: { maxRetries: 0, initialReconnectionDelay: 10, maxReconnectionDelay: 10, reconnectionDelayGrowFactor: 1 } }));
  await client.listTools();
  if (call) {
    const result = await client.callTool({ name: 'get_api_usage', arguments: {} });
    expect(result.isError).toBeFalsy();
  }
  await client.close(); // aborts its streams; sends no DELETE
}

describe('session cap', () => {
  it('serves an mcp-remote-like client restarting 60 times (2 sessions a run, no DELETE) with the defaults', async () => {
    h = await startHarness();
    expect(h.config.http).toMatchObject({ maxSessions: 100, sessionIdleTtlMs: 1_800_000 });
    for (let run = 1; run <= 60; run++) {
      await mcpRemoteLike(h.url, `probe-${run}`, false);
      await mcpRemoteLike(h.url, `run-${run}`, true);
      expect(h.http.sessions.size).toBeLessThanOrEqual(100);
    }
    expect(h.http.sessions.size).toBe(100);
    const evicted = h.logEvents().filter((e) => e.msg === 'session closed' && e.reason === 'evicted');
    expect(evicted).toHaveLength(20);
    expect(h.logEvents().some((e) => e.msg === 'http request' && e.status === 503)).toBe(false);
  }, 120_000);

  it('evicts the least recently used idle session, preferring one without an open stream', async () => {
    h = await startHarness({ env: { MCP_MAX_SESSIONS: '3' } });
    const streaming = await h.connect({ name: 'streaming' }); // oldest, but holds a GET stream
    const a = await openRawSession(h.url);
    const b = await openRawSession(h.url);
    expect((await ping(h.url, a)).status).toBe(200); // b is now the least recently used

    const c = await openRawSession(h.url);
    expect(h.http.sessions.has(b)).toBe(false);
    expect((await ping(h.url, b)).status).toBe(404);
    expect((await ping(h.url, a)).status).toBe(200);
    await expect(streaming.ping()).resolves.toEqual({});

    // a was used after c was opened: c goes next, then a; the streaming client outlasts both.
    const d = await openRawSession(h.url);
    expect([h.http.sessions.has(c), h.http.sessions.has(a)]).toEqual([false, true]);
    await openRawSession(h.url);
    expect([h.http.sessions.has(a), h.http.sessions.has(d)]).toEqual([false, true]);
    await expect(streaming.ping()).resolves.toEqual({});
    const log = h.logEvents().find((e) => e.msg === 'session closed' && e.session === b);
    expect(log).toMatchObject({ reason: 'evicted' });
  });

  it('answers 503 only when every session has a call in progress, and recovers when one ends', async () => {
    h = await startHarness({ env: { MCP_MAX_SESSIONS: '2' } });
    h.fake.addFault({ route: /^ThresholdInformation$/i, times: 2, fault: { kind: 'delay', ms: 2_500 } });
    const [x, y] = await Promise.all([h.connect({ name: 'x' }), h.connect({ name: 'y' })]);
    const calls = [x.callTool({ name: 'get_api_usage', arguments: {} }), y.callTool({ name: 'get_api_usage', arguments: {} })];
    await waitUntil(() => h!.fake.requests.filter((r) => r.route === 'ThresholdInformation').length >= 2, 5_000);

    const refused = await mcpPost(h.url, initializeMessage());
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.json.error.message).toMatch(/call in progress/);
    expect(refused.json.error.message).toContain('MCP_MAX_SESSIONS');

    for (const r of await Promise.all(calls)) expect(r.isError).toBeFalsy();
    await expect(openRawSession(h.url)).resolves.toMatch(/^[0-9a-f-]{36}$/);
    expect(h.http.sessions.size).toBe(2);
  });

  it('does not let a call that never ends pin its session: it is answered and the session reaped after the bound', async () => {
    h = await startHarness({ env: { MCP_SESSION_IDLE_TTL_SECONDS: '1', AUTOTASK_TIMEOUT_SECONDS: '60' }, http: { maxBusyMs: 1_500 } });
    h.fake.addFault({ route: /^ThresholdInformation$/i, times: 1, fault: { kind: 'hang' } });
    const client = await h.connect();
    client.onerror = () => undefined;
    const sid = (client.transport as StreamableHTTPClientTransport).sessionId!;
    const started = Date.now();
    const outcome = await client.callTool({ name: 'get_api_usage', arguments: {} }, undefined, { timeout: 10_000 }).then(
      (r) => ({ result: r }),
      (e: Error) => ({ error: e.message }),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(outcome).toMatchObject({ error: expect.stringMatching(/did not finish/) });
    expect(h.http.sessions.has(sid)).toBe(false);
    expect(h.logEvents()).toContainEqual(expect.objectContaining({ msg: 'session closed', session: sid, reason: 'stuck' }));
  });
});
