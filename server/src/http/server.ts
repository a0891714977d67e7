/**
 * Listens for MCP over Streamable HTTP and shuts down gracefully: stop accepting, let in-flight
 * requests finish (bounded), close every session, then drop what is left.
 */
import { createServer, maxHeaderSize, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../config/types.js';
import { parseByteSize, secretValues } from '../config/config.js';
import { createMcpServer, type ServerDeps } from '../mcp/server.js';
import { createScrubber } from '../logging/scrub.js';
import { createHttpApp, InFlightTracker } from './app.js';
import { ReadinessProbe } from './health.js';
import { SessionManager } from './sessions.js';
import { HTTP_TIMEOUTS, type HttpTimeouts } from './limits.js';
import { clientErrorHandler } from './client-errors.js';
import { SHUTDOWN_MESSAGE } from '../mcp/in-flight.js';
import { createPrincipalResolver, type PrincipalResolver } from '../auth/principals.js';
import { waitFor } from '../wait.js';

export interface HttpServerHandle {
  /** http://HOST:PORT/mcp (loopback form when listening on a wildcard address). */
  url: string;
  port: number;
  sessions: SessionManager;
  readiness: ReadinessProbe;
  /** Bearer tokens to principals (reload() on SIGHUP). */
  principals: PrincipalResolver;
  /** Graceful stop; in-flight requests get up to graceMs (default 5 s) to finish. */
  close(graceMs?: number): Promise<void>;
}

export interface StartHttpOptions {
  /** Readiness cache lifetime (default 30 s). */
  readinessCacheMs?: number;
  /** Client deadlines (default HTTP_TIMEOUTS; tests shorten them). */
  timeouts?: Partial<HttpTimeouts>;
  /** How long an unanswered request keeps its session busy (default MAX_BUSY_MS). */
  maxBusyMs?: number;
  /** Bearer tokens to principals (default: from the configuration). */
  principals?: PrincipalResolver;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function startHttpServer(config: AppConfig, deps: ServerDeps, opts: StartHttpOptions = {}): Promise<HttpServerHandle> {
  const logger = deps.logger;
  const tracker = new InFlightTracker();
  const principals = opts.principals ?? createPrincipalResolver(config, logger);
  const sessions = new SessionManager({
    createServer: (principal) => createMcpServer(deps, principal),
    logger,
    idleTtlMs: config.http.sessionIdleTtlMs,
    maxSessions: config.http.maxSessions,
    maxBodyBytes: parseByteSize(config.http.bodyLimit) ?? 8 * 1024 * 1024,
    maxBusyMs: opts.maxBusyMs,
  });
  const readiness = new ReadinessProbe(deps.api, createScrubber(secretValues(deps.config)), opts.readinessCacheMs);
  let port = config.http.port;
  const app = createHttpApp({ config, logger, mode: deps.mode, sessions, readiness, tracker, principals, port: () => port, startedAt: Date.now() });
  const timeouts = { ...HTTP_TIMEOUTS, ...opts.timeouts };
  // node's requestTimeout runs from the first byte until the request (headers and body) has been
  // received, never while the answer streams: slow clients are cut, long SSE answers are not
  // (test/http/timeouts.test.ts). Deadlines are checked every checkEveryMs.
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: timeouts.checkEveryMs,
      keepAliveTimeout: 5_000,
      // hostCheck answers a missing Host with JSON (node's own answer is a bare 400).
      requireHostHeader: false,
    },
    app,
  );
  server.on('clientError', clientErrorHandler(logger, timeouts, maxHeaderSize));

  try {
    port = (await listen(server, config.http.host, config.http.port)).port;
  } catch (err) {
    principals.close();
    await sessions.closeAll();
    throw err;
  }
  const url = `http://${urlHost(config.http.host)}:${port}/mcp`;

  let closing: Promise<void> | null = null;
  const close = (graceMs = 5_000): Promise<void> =>
    (closing ??= (async () => {
      tracker.closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Calls whose client dropped its stream are still worth finishing (they can resume).
      const drained = await waitFor(() => tracker.active === 0 && sessions.inFlightRequests() === 0, graceMs);
      if (!drained) {
        logger.warn({ inFlight: Math.max(tracker.active, sessions.inFlightRequests()) }, 'shutdown grace period over; answering unfinished calls with an error');
        await sessions.abandonInFlight(SHUTDOWN_MESSAGE);
        // Let those answers reach their streams before the sockets go.
        await waitFor(() => tracker.active === 0, 500);
      }
      await sessions.closeAll();
      principals.close();
      server.closeAllConnections();
      await stopped;
    })());

  return { url, port, sessions, readiness, principals, close };
}
