/**
 * Shared end-to-end harness: a strict fake Autotask on a loopback port, the real server (real
 * config loader, logger, Autotask client, HTTP transport) pointed at it with sentinel
 * credentials, and MCP SDK clients over Streamable HTTP. Logs are captured at debug level so
 * tests can assert on them (and prove the sentinels never appear).
 *
 *   const h = await startHarness();
 *   const client = await h.connect();
 *   const result = await client.callTool({ name: 'get_ticket', arguments: { id: 1 } });
 *   expect(h.fake.requests.some((r) => r.route === 'Tickets/1')).toBe(true);
 *   await h.close();
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import { loadConfig } from '../../src/config/config.js';
import type { AppConfig } from '../../src/config/types.js';
import { createLogger } from '../../src/logging/logger.js';
import { createAppContext, type AppContext } from '../../src/app.js';
import { startHttpServer, type HttpServerHandle, type StartHttpOptions } from '../../src/http/server.js';
import type { ServerDeps } from '../../src/mcp/server.js';
import { startFakeAutotask } from '../../src/fake/server.js';
import type { FakeAutotask, FakeAutotaskOptions, TenantSeed } from '../../src/fake/types.js';
import { buildDemoSeed } from '../../src/demo/seed.js';

/** Credentials the fake accepts. Assert they never show up in logs, errors or results. */
export const SENTINELS = {
  integrationCode: 'SENTINEL-INTEGRATION-CODE-4f1c9e27d3',
  username: 'sentinel-api-user@harness.example',
  secret: 'SENTINEL-SECRET-b81d4e2a9c7f',
  /** Use as MCP_AUTH_TOKEN when a test needs bearer auth. */
  authToken: 'SENTINEL-BEARER-TOKEN-5e8a0d3b6c21',
} as const;

/** The secret sentinel values (the username is an identifier, not a secret). */
export const SECRET_SENTINELS: readonly string[] = [SENTINELS.integrationCode, SENTINELS.secret, SENTINELS.authToken];

/** Sentinel values present in `text` (empty when clean). */
export function leakedSentinels(text: string): string[] {
  return SECRET_SENTINELS.filter((s) => text.includes(s));
}

export interface HarnessOptions {
  /** Extra environment for loadConfig (overrides the harness defaults, e.g. AUTOTASK_READ_ONLY). */
  env?: Record<string, string>;
  /** Tenant data for the fake (default: buildDemoSeed()). */
  seed?: TenantSeed;
  /** Extra fake options (fieldNameCase, threadLimit). */
  fake?: Partial<Omit<FakeAutotaskOptions, 'credentials' | 'seed'>>;
  /** Options for the HTTP server (e.g. readinessCacheMs). */
  http?: StartHttpOptions;
  /** A fake started by the test, shared by several servers (replicas); close() leaves it running. */
  sharedFake?: FakeAutotask;
}

export interface ConnectOptions {
  /** Extra request headers (e.g. Authorization). With MCP_AUTH_TOKEN set and no headers given, the right token is sent. */
  headers?: Record<string, string>;
  capabilities?: ClientCapabilities;
  name?: string;
}

export interface Harness {
  /** http://127.0.0.1:PORT/mcp */
  url: string;
  /** http://127.0.0.1:PORT (for /health, /ready and raw requests) */
  origin: string;
  fake: FakeAutotask;
  config: AppConfig;
  deps: ServerDeps;
  logger: Logger;
  http: HttpServerHandle;
  /** Everything logged so far (JSON lines unless LOG_FORMAT=simple was passed). */
  readonly logs: string;
  /** Parsed JSON log events (LOG_FORMAT=json only). */
  logEvents(): Array<Record<string, unknown>>;
  clearLogs(): void;
  connect(opts?: ConnectOptions): Promise<Client>;
  close(): Promise<void>;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const fake =
    opts.sharedFake ??
    (await startFakeAutotask({
      credentials: { integrationCode: SENTINELS.integrationCode, username: SENTINELS.username, secret: SENTINELS.secret },
      seed: opts.seed ?? buildDemoSeed(),
      ...opts.fake,
    }));
  const closeFake = () => (opts.sharedFake ? Promise.resolve() : fake.close());
  let context: AppContext | null = null;
  let http: HttpServerHandle | null = null;
  const clients: Client[] = [];
  let captured = '';
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      AUTOTASK_INTEGRATION_CODE: SENTINELS.integrationCode,
      AUTOTASK_USERNAME: SENTINELS.username,
      AUTOTASK_SECRET: SENTINELS.secret,
      AUTOTASK_API_URL: fake.restBase,
      AUTOTASK_ZONE_LOOKUP_URL: fake.restBase,
      MCP_HTTP_HOST: '127.0.0.1',
      MCP_HTTP_PORT: '0',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
      AUTOTASK_TIMEOUT_SECONDS: '10',
      // Pinned so tests read dates as they were written; AUTOTASK_TIME_ZONE: '' reads the tenant's zone.
      AUTOTASK_TIME_ZONE: 'UTC',
      // Every tool up front; AUTOTASK_TOOLSETS: '' gives the default toolsets with discovery.
      AUTOTASK_TOOLSETS: 'all',
      // The budget governor reads ThresholdInformation only when a test asks (get_api_usage), so request logs stay exact.
      AUTOTASK_BUDGET_CHECK_SECONDS: '0',
      ...opts.env,
    });
    const logger = createLogger(config, { write: (line: string) => (captured += line) });
    // Audit lines land in the same capture as the logs (h.logs, h.logEvents()).
    context = await createAppContext(config, logger, { auditDestination: { write: (line: string) => (captured += line) } });
    http = await startHttpServer(context.deps.config, context.deps, opts.http);
    const started = http;
    const ctx = context;
    const origin = new URL(started.url).origin;

    return {
      url: started.url,
      origin,
      fake,
      config,
      deps: ctx.deps,
      logger,
      http: started,
      get logs() {
        return captured;
      },
      logEvents() {
        return captured
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l) as Record<string, unknown>);
      },
      clearLogs() {
        captured = '';
      },
      async connect(c: ConnectOptions = {}) {
        const headers = c.headers ?? (config.http.authToken ? { Authorization: `Bearer ${config.http.authToken}` } : {});
        const client = new Client({ name: c.name ?? 'harness-client', version: '1.0.0' }, { capabilities: c.capabilities ?? {} });
        await client.connect(new StreamableHTTPClientTransport(new URL(started.url), { requestInit: { headers } }));
        clients.push(client);
        return client;
      },
      async close() {
        await Promise.all(clients.map((cl) => cl.close().catch(() => undefined)));
        await started.close(1_000);
        await ctx.close();
        await closeFake();
      },
    };
  } catch (err) {
    await http?.close(0);
    await context?.close();
    await closeFake();
    throw err;
  }
}
