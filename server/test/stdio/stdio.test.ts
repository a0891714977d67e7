/** The stdio transport of the real entry point: handshake, a tool call, protocol-only stdout. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startFakeAutotask } from '../../src/fake/server.js';
import type { FakeAutotask } from '../../src/fake/types.js';
import { buildDemoSeed } from '../../src/demo/seed.js';
import { SENTINELS, leakedSentinels } from '../helpers/harness.js';
import { ENTRY_COMMAND, SERVER_DIR, childEnv, spawnServer } from '../helpers/spawn.js';
import { waitFor } from '../../src/wait.js';

let fake: FakeAutotask;
beforeAll(async () => {
  fake = await startFakeAutotask({ credentials: { integrationCode: SENTINELS.integrationCode, username: SENTINELS.username, secret: SENTINELS.secret }, seed: buildDemoSeed() });
});
afterAll(async () => {
  await fake?.close();
});

describe('stdio transport', () => {
  it('speaks only protocol on stdout and logs on stderr (SDK StdioClientTransport)', async () => {
    const transport = new StdioClientTransport({ ...ENTRY_COMMAND, cwd: SERVER_DIR, env: childEnv(fake.restBase, { MCP_TRANSPORT: 'stdio' }), stderr: 'pipe' });
    let stderr = '';
    transport.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const errors: Error[] = [];
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    client.onerror = (e) => errors.push(e);

    await client.connect(transport);
    expect(client.getServerVersion()?.name).toBe('autotask-mcp');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('get_api_usage');
    const result = await client.callTool({ name: 'get_api_usage', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(fake.requests.map((r) => r.route)).toContain('ThresholdInformation');
    const pid = transport.pid;
    await client.close();

    // Any non-JSON-RPC line on stdout would have surfaced as a parse error here.
    expect(errors).toEqual([]);
    expect(stderr).toContain('MCP server ready on stdio');
    expect(leakedSentinels(stderr)).toEqual([]);
    expect(pid).toBeGreaterThan(0);
  }, 60_000);

  it('writes nothing but JSON-RPC frames to stdout (raw check) and exits 0 on end of input', async () => {
    const server = spawnServer(childEnv(fake.restBase, { MCP_TRANSPORT: 'stdio' }));
    try {
      const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };
      server.child.stdin.write(`${JSON.stringify(init)}\n`);
      server.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
      server.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' })}\n`);
      await waitFor(() => server.stdout().includes('"id":2'), 20_000);
      server.child.stdin.end();
      const exit = await server.exited;
      expect(exit).toEqual({ code: 0, signal: null });

      const lines = server.stdout().split('\n').filter((l) => l !== '');
      expect(lines.length).toBe(2);
      for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
      expect(server.stderr()).toContain('"msg":"MCP server ready on stdio"');
    } finally {
      server.kill();
    }
  }, 60_000);

  it('answers calls still in flight when stdin ends (piped requests), then exits 0', async () => {
    fake.addFault({ route: /^ThresholdInformation$/i, times: 1, fault: { kind: 'delay', ms: 800 } });
    const server = spawnServer(childEnv(fake.restBase, { MCP_TRANSPORT: 'stdio' }));
    try {
      const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'pipe', version: '1' } } };
      const call = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get_api_usage', arguments: {} } };
      server.child.stdin.end([init, { jsonrpc: '2.0', method: 'notifications/initialized' }, call].map((m) => `${JSON.stringify(m)}\n`).join(''));
      const exit = await server.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      const replies = server.stdout().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { id?: number; result?: { isError?: boolean } });
      expect(replies.map((r) => r.id)).toEqual([1, 2]);
      expect(replies[1].result?.isError).toBeFalsy();
      expect(leakedSentinels(server.stderr())).toEqual([]);
    } finally {
      server.kill();
    }
  }, 60_000);
});
