/**
 * Reaped sessions must not leak: after 200 sessions are reaped, the session map is empty and
 * every McpServer and transport built for them can be garbage-collected.
 */
import { noAuth } from '../../src/auth/principals.js';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { createHttpApp, InFlightTracker } from '../../src/http/app.js';
import { ReadinessProbe } from '../../src/http/health.js';
import { SessionManager } from '../../src/http/sessions.js';
import { leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { openRawSession, mcpPost } from '../helpers/raw.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

async function collect(): Promise<void> {
  for (let i = 0; i < 6; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
}

let h: Harness | undefined;
let server: Server | undefined;
let sessions: SessionManager | undefined;
afterEach(async () => {
  await sessions?.closeAll();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server?.closeAllConnections();
  await h?.close();
  if (h) expect(leakedSentinels(h.logs)).toEqual([]);
  h = undefined;
  server = undefined;
  sessions = undefined;
});

describe('session memory', () => {
  it('drops 200 reaped sessions: empty map, servers and transports collectable', async () => {
    h = await startHarness();
    let now = Date.now();
    const servers: WeakRef<McpServer>[] = [];
    const transports: WeakRef<object>[] = [];
    sessions = new SessionManager({
      createServer: () => {
        const s = createMcpServer(h!.deps);
        const connect = s.connect.bind(s);
        s.connect = async (t) => {
          transports.push(new WeakRef(t));
          return connect(t);
        };
        servers.push(new WeakRef(s));
        return s;
      },
      logger: h.logger,
      idleTtlMs: 60_000,
      maxSessions: 1_000,
      maxBodyBytes: 1_000_000,
      now: () => now,
    });
    const app = createHttpApp({
      config: h.config,
      logger: h.logger,
      mode: 'live',
      sessions,
      readiness: new ReadinessProbe(h.deps.api, (s) => s),
      tracker: new InFlightTracker(),
      principals: noAuth(),
      port: () => (server?.address() as AddressInfo).port,
      startedAt: Date.now(),
    });
    server = createServer(app);
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;

    // 10 SDK clients hold a standalone GET stream open, as real clients do; 190 raw sessions do not.
    const clients: Client[] = [];
    for (let i = 0; i < 10; i++) {
      const client = new Client({ name: `memory-${i}`, version: '1.0.0' });
      client.onerror = () => undefined; // the GET stream ends when the session is reaped
      await client.connect(new StreamableHTTPClientTransport(new URL(url), { reconnectionOptions: { maxRetries: 0, initialReconnectionDelay: 10, maxReconnectionDelay: 10, reconnectionDelayGrowFactor: 1 } }));
      await client.listTools();
      clients.push(client);
    }
    const ids: string[] = [];
    for (let i = 0; i < 190; i++) {
      const sid = await openRawSession(url);
      const ping = await mcpPost(url, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { 'mcp-session-id': sid });
      expect(ping.status).toBe(200);
      ids.push(sid);
    }
    expect(sessions.size).toBe(200);
    expect(transports).toHaveLength(200);

    now += 61_000;
    expect(await sessions.reapIdle()).toBe(200);
    expect(sessions.size).toBe(0);
    expect(ids.some((id) => sessions!.has(id))).toBe(false);
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    clients.length = 0;

    await collect();
    const liveServers = servers.filter((r) => r.deref() !== undefined).length;
    const liveTransports = transports.filter((r) => r.deref() !== undefined).length;
    expect({ liveServers, liveTransports }).toEqual({ liveServers: 0, liveTransports: 0 });
  }, 120_000);
});
