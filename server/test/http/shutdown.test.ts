/** Graceful shutdown of the real process: SIGTERM while a tool call is in flight. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startFakeAutotask } from '../../src/fake/server.js';
import type { FakeAutotask } from '../../src/fake/types.js';
import { buildDemoSeed } from '../../src/demo/seed.js';
import { SENTINELS, leakedSentinels } from '../helpers/harness.js';
import { childEnv, spawnServer, type SpawnedServer } from '../helpers/spawn.js';
import { waitUntil } from '../helpers/wait.js';

let fake: FakeAutotask;
let server: SpawnedServer | undefined;
beforeAll(async () => {
  fake = await startFakeAutotask({ credentials: { integrationCode: SENTINELS.integrationCode, username: SENTINELS.username, secret: SENTINELS.secret }, seed: buildDemoSeed() });
});
afterAll(async () => {
  server?.kill();
  await fake?.close();
});


describe('graceful shutdown', () => {
  it('lets an in-flight call finish on SIGTERM, then exits 0 within a few seconds', async () => {
    server = spawnServer(childEnv(fake.restBase, { MCP_HTTP_HOST: '127.0.0.1', MCP_HTTP_PORT: '0', MCP_AUTH_TOKEN: SENTINELS.authToken }));
    const listening = await server.waitForLog((e) => e.msg === 'MCP server listening', 30_000);
    const url = String(listening.url);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);

    const client = new Client({ name: 'shutdown-test', version: '1.0.0' });
    client.onerror = () => undefined; // the standalone GET stream ends with the server
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${SENTINELS.authToken}` } } }));

    fake.addFault({ route: /^ThresholdInformation$/i, times: 1, fault: { kind: 'delay', ms: 1_500 } });
    const call = client.callTool({ name: 'get_api_usage', arguments: {} });
    await waitUntil(() => fake.requests.some((r) => r.route === 'ThresholdInformation' && r.endedAt === 0), 10_000);

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    const result = await call;
    expect(result.isError).toBeFalsy();
    const exit = await server.exited;
    const took = Date.now() - signalledAt;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(took).toBeLessThan(6_000);

    const log = server.stderr();
    expect(log).toContain('"msg":"shutting down"');
    expect(log).toContain('"reason":"shutdown"'); // sessions closed
    expect(leakedSentinels(log)).toEqual([]);
    await client.close().catch(() => undefined);
  }, 60_000);
});
