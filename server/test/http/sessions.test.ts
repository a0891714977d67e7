/** Session lifecycle: idle expiry (the cap on live sessions: ./session-cap.test.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { mcpPost, openRawSession } from '../helpers/raw.js';
import { waitUntil } from '../helpers/wait.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  if (h) expect(leakedSentinels(h.logs)).toEqual([]);
  h = undefined;
});


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
});
