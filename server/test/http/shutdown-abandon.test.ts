/** Shutdown with a call that outlives the grace period: the client gets a JSON-RPC error, not an empty stream. */
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

async function hangingCallStarted(harness: Harness): Promise<void> {
  await waitUntil(() => harness.fake.requests.some((r) => r.route === 'ThresholdInformation' && r.endedAt === 0), 5_000, 'the call never reached the fake');
}

describe('shutdown after the grace period', () => {
  it('answers a call still running with a JSON-RPC error on its SSE stream (SDK client)', async () => {
    h = await startHarness({ env: { AUTOTASK_TIMEOUT_SECONDS: '60' } });
    h.fake.addFault({ route: /^ThresholdInformation$/i, times: 1, fault: { kind: 'hang' } });
    const client = await h.connect();
    client.onerror = () => undefined;
    const call = client.callTool({ name: 'get_api_usage', arguments: {} }, undefined, { timeout: 10_000 }).then(
      () => 'answered',
      (e: Error) => e.message,
    );
    await hangingCallStarted(h);
    const started = Date.now();
    await h.http.close(300);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await call).toMatch(/shutting down.*check whether it was applied/);
    expect(h.logEvents()).toContainEqual(expect.objectContaining({ msg: 'shutdown grace period over; answering unfinished calls with an error', inFlight: 1 }));
  });

  it('writes the error into the raw SSE body', async () => {
    h = await startHarness({ env: { AUTOTASK_TIMEOUT_SECONDS: '60' } });
    h.fake.addFault({ route: /^ThresholdInformation$/i, times: 1, fault: { kind: 'hang' } });
    const sid = await openRawSession(h.url);
    const pending = mcpPost(h.url, { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'get_api_usage', arguments: {} } }, { 'mcp-session-id': sid });
    await hangingCallStarted(h);
    await h.http.close(200);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ jsonrpc: '2.0', id: 7, error: { code: -32000, message: expect.stringContaining('shutting down') } });
  });
});
