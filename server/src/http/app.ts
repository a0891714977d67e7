/**
 * The express 5 app: guards (Host, Origin, bearer), health routes, the /mcp endpoint, request
 * log lines and JSON errors. Listening and shutdown live in ./server.ts.
 */
import express, { type Express, type Request, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/types.js';
import { bearerAuth, hostCheck, originCheck } from './security.js';
import { errorHandler, notFoundHandler, RpcCode, sendJsonError } from './errors.js';
import { healthRouter, type ReadinessProbe } from './health.js';
import type { SessionManager } from './sessions.js';
import { bodyLimitGuard } from './body-limit.js';
import { parseByteSize } from '../config/config.js';
import type { PrincipalResolver } from '../auth/principals.js';
import type { Principal } from '../auth/principal.js';

/** Requests being served, except standalone GET streams (they last as long as the session). */
export class InFlightTracker {
  active = 0;
  closing = false;
}

export interface HttpAppOptions {
  config: AppConfig;
  logger: Logger;
  mode: 'live' | 'demo';
  sessions: SessionManager;
  readiness: ReadinessProbe;
  tracker: InFlightTracker;
  /** Bearer token to principal (none: every request is the default principal). */
  principals: PrincipalResolver;
  /** The port actually listened on (the Origin allowlist depends on it; 0 is resolved late). */
  port: () => number;
  startedAt: number;
}

function rpcSummary(req: Request): { rpc?: string; tool?: string } {
  const body = req.body as { method?: unknown; params?: { name?: unknown } } | undefined;
  if (!body || typeof body !== 'object' || typeof body.method !== 'string') return {};
  const tool = body.method === 'tools/call' && typeof body.params?.name === 'string' ? body.params.name.slice(0, 128) : undefined;
  return { rpc: body.method.slice(0, 64), tool };
}

function requestLog(logger: Logger, tracker: InFlightTracker): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const tracked = !(req.method === 'GET' && req.path === '/mcp');
    if (tracked) tracker.active++;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      if (tracked) tracker.active--;
      const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
      const session = req.header('mcp-session-id') ?? (res.locals.sessionId as string | undefined);
      const principal = (res.locals.principal as Principal | undefined)?.name;
      const line = { method: req.method, path: req.path, status: res.statusCode, ms, session, principal, ...rpcSummary(req), aborted: res.writableFinished ? undefined : true };
      // Health probes arrive every few seconds from Docker: keep them out of info logs.
      if (req.path === '/health' || req.path === '/ready') logger.debug(line, 'http request');
      else logger.info(line, 'http request');
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };
}

function refuseWhileClosing(tracker: InFlightTracker): RequestHandler {
  return (_req, res, next) => {
    if (!tracker.closing) return next();
    res.setHeader('Connection', 'close');
    sendJsonError(res, 503, RpcCode.serverError, 'The server is shutting down; retry shortly.', { 'Retry-After': '5' });
  };
}

export function createHttpApp(opts: HttpAppOptions): Express {
  const { config, logger } = opts;
  const app = express();
  app.disable('x-powered-by');
  app.set('env', 'production'); // never render stack traces, whatever NODE_ENV says
  app.set('trust proxy', false);

  app.use(requestLog(logger, opts.tracker));
  app.use(refuseWhileClosing(opts.tracker));
  app.use(hostCheck(config.http.allowedHosts));
  app.use(originCheck(config.http.allowedOrigins, opts.port));
  app.use(healthRouter({ config, mode: opts.mode, readiness: opts.readiness, startedAt: opts.startedAt }));

  const guards: RequestHandler[] = [];
  // Auth before body parsing: an unauthenticated client cannot make us parse megabytes.
  if (opts.principals.mode !== 'none') guards.push(bearerAuth(opts.principals));
  guards.push(bodyLimitGuard(parseByteSize(config.http.bodyLimit) ?? 8 * 1024 * 1024, config.http.bodyLimit));
  guards.push(express.json({ limit: config.http.bodyLimit }));
  const notAllowed: RequestHandler = (_req, res) => {
    sendJsonError(res, 405, RpcCode.serverError, 'Method not allowed: use POST, GET or DELETE on /mcp.', { Allow: 'GET, POST, DELETE' });
  };
  // Before app.get: express would otherwise serve HEAD with the GET handler.
  app.head('/mcp', notAllowed);
  app.post('/mcp', ...guards, (req, res) => opts.sessions.handle(req, res));
  app.get('/mcp', ...guards, (req, res) => opts.sessions.handle(req, res));
  app.delete('/mcp', ...guards, (req, res) => opts.sessions.handle(req, res));
  app.all('/mcp', notAllowed);

  app.use(notFoundHandler);
  app.use(errorHandler(logger, config.http.bodyLimit));
  return app;
}
