/** Session lifecycle limits: idle expiry and the cap on live sessions. */
import { afterEach, describe, expect, it } from 'vitest';
import { leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { initializeMessage, mcpPost, openRawSession, rawRequest } from '../helpers/raw.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  if (h) expect(leakedSentinels(h.logs)).toEqual([]);
  h = undefined;
});

async function waitUntil(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('sessions', () => {
  it('reaps idle sessions after the TTL; their id then gets 404', async () => {
    h = await startHarness({ env: { MCP_SESSION_IDLE_TTL_SECONDS: '1' } });
    const sid = await openRawSession(h.url);
    expect(h.http.sessions.has(sid)).toBe(true);
    const ping = await mcpPost(h.url, { jsonrpc: '2.0', id: 1, method: 'ping' }, { 'mcp-session-id': sid });
    expect(ping.status).toBe(200);

    await waitUntil(() => !h!.http.sessions.has(sid), 4_000);
    const after = await mcpPost(h.url, { jsonrpc: '2.0', id: 2, method: 'ping' }, { 'mcp-session-id': sid });
    expect(after.status).toBe(404);
    expect(after.json).toMatchObject({ error: { code: -32001 } });
    expect(h.logEvents()).toContainEqual(expect.objectContaining({ msg: 'session closed', session: sid, reason: 'idle' }));
  });

  it('never reaps a session while one of its calls is in flight', async () => {
    h = await startHarness({ env: { MCP_SESSION_IDLE_TTL_SECONDS: '1' } });
    h.fake.addFault({ route: /^ThresholdInformation$/i, times: 1, fault: { kind: 'delay', ms: 2_000 } });
    const client = await h.connect();
    const result = await client.callTool({ name: 'get_api_usage', arguments: {} });
    expect(result.isError).toBeFalsy();
  });

  it('refuses new sessions beyond MCP_MAX_SESSIONS with 503 + Retry-After, and accepts again when one ends', async () => {
    h = await startHarness({ env: { MCP_MAX_SESSIONS: '2' } });
    const first = await openRawSession(h.url);
    await openRawSession(h.url);
    const refused = await mcpPost(h.url, initializeMessage());
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.headers.get('content-type')).toContain('application/json');
    expect(refused.json.error.message).toContain('MCP_MAX_SESSIONS');
    expect(h.http.sessions.size).toBe(2);

    await rawRequest(h.url, { method: 'DELETE', headers: { 'mcp-session-id': first } });
    await expect(openRawSession(h.url)).resolves.toMatch(/^[0-9a-f-]{36}$/);
  });
});
