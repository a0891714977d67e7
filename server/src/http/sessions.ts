/**
 * Stateful Streamable HTTP sessions: one transport + one McpServer per `initialize`, idle
 * reaping (transport.close() + server.close(), so nothing leaks), and a cap on live sessions
 * that evicts the least recently used idle session rather than refusing newcomers (clients such
 * as mcp-remote open sessions and never DELETE them). Every session keeps its SSE events in a
 * bounded store so a dropped stream can resume (Last-Event-ID).
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { InitializeRequestSchema, isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { RpcCode, sendJsonError } from './errors.js';
import { trackInFlight, type InFlight } from '../mcp/in-flight.js';
import { EventBudget, SessionEventStore } from './event-store.js';
import { EVENT_BUDGET_BYTES, EVENT_STORE_LIMITS, MAX_BUSY_MS, SSE_RETRY_MS, type EventStoreLimits } from './limits.js';
import { negotiatedVersion, refuseBatchWithoutSession, RpcFraming } from './rpc-framing.js';
import { DEFAULT_PRINCIPAL, type Principal } from '../auth/principal.js';

export interface SessionManagerOptions {
  /** The McpServer of a new session, for the principal that opened it. */
  createServer: (principal: Principal) => McpServer;
  logger: Logger;
  idleTtlMs: number;
  maxSessions: number;
  /** Byte limit the transport applies when it reads a body itself (kept equal to express.json's). */
  maxBodyBytes: number;
  /** How long an unanswered request keeps its session busy (default MAX_BUSY_MS). */
  maxBusyMs?: number;
  eventStore?: EventStoreLimits;
  /** Bytes all sessions' event stores may hold together (default EVENT_BUDGET_BYTES). */
  eventBudgetBytes?: number;
  now?: () => number;
}

export type CloseReason = 'idle' | 'stuck' | 'evicted' | 'shutdown' | 'access-changed';

interface Session {
  id: string;
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  createdAt: number;
  lastSeen: number;
  /** JSON-RPC requests not answered yet; standalone GET streams do not keep a session alive. */
  inFlight: InFlight;
  /** Open GET streams: a client that is still connected. */
  streams: number;
  /** Request ids in flight and the batch rule of the negotiated version (./rpc-framing.ts). */
  framing: RpcFraming;
  /** Who opened it; only the same principal, with the same rights, may use it. */
  principal: Principal;
}

export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  /** initialize requests accepted but not yet given an id: they count against the cap. */
  private pending = 0;
  private readonly reaper: NodeJS.Timeout;
  private readonly now: () => number;
  private closed = false;
  private readonly eventBudget: EventBudget;

  constructor(private readonly opts: SessionManagerOptions) {
    this.now = opts.now ?? Date.now;
    this.eventBudget = new EventBudget(opts.eventBudgetBytes ?? EVENT_BUDGET_BYTES);
    const every = Math.max(250, Math.min(opts.idleTtlMs / 4, 60_000));
    this.reaper = setInterval(() => void this.reapIdle(), every);
    this.reaper.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  has(id: string): boolean {
    return this.sessions.has(id);
  }

  /** Routes one /mcp request (POST, GET or DELETE) to its session, or starts a new one. */
  async handle(req: Request, res: Response): Promise<void> {
    const sid = req.header('mcp-session-id');
    if (sid !== undefined) {
      const session = this.sessions.get(sid);
      const principal = principalOf(res);
      // Another principal's session is answered as if it did not exist (session ids are not secrets everywhere they travel).
      if (!session || session.principal.name !== principal.name) {
        sendJsonError(res, 404, RpcCode.sessionNotFound, 'Session not found: it expired, was closed or the server restarted. Start a new session (initialize without Mcp-Session-Id).');
        return;
      }
      if (!samePrincipal(session.principal, principal)) {
        // The tokens file changed this principal's rights: its sessions end, the next one gets the new rights.
        await this.close(session, 'access-changed');
        sendJsonError(res, 404, RpcCode.sessionNotFound, 'Session not found: your access changed (the tokens file was updated). Start a new session (initialize without Mcp-Session-Id).');
        return;
      }
      return this.forward(session, req, res);
    }
    if (req.method === 'POST') {
      // express.json() leaves a non-JSON body unparsed: say so, rather than "session required".
      if (!req.is('application/json')) {
        sendJsonError(res, 415, RpcCode.serverError, 'Unsupported Media Type: Content-Type must be application/json.');
        return;
      }
      if (isInitializeRequest(req.body)) return this.start(req, res);
      if (Array.isArray(req.body)) return refuseBatchWithoutSession(res);
      const problem = initializeProblem(req.body);
      if (problem) {
        sendJsonError(res, 400, RpcCode.invalidRequest, `Invalid initialize request: ${problem}.`);
        return;
      }
    }
    sendJsonError(res, 400, RpcCode.serverError, 'Bad Request: Mcp-Session-Id header is required (send initialize first to start a session).');
  }

  private async forward(session: Session, req: Request, res: Response): Promise<void> {
    session.lastSeen = this.now();
    if (req.method === 'POST' && !session.framing.admit(req, res)) return;
    const stream = req.method === 'GET';
    if (stream) session.streams++;
    res.once('close', () => {
      if (stream) session.streams--;
      session.lastSeen = this.now();
    });
    await session.transport.handleRequest(req, res, req.body);
  }

  /** A request younger than maxBusyMs is unanswered: the session is working for its client. */
  private busy(s: Session): boolean {
    const oldest = s.inFlight.oldestStartedAt();
    return oldest !== undefined && this.now() - oldest < (this.opts.maxBusyMs ?? MAX_BUSY_MS);
  }

  /** Closes the least recently used idle session, those without an open stream first. */
  private async evictOne(): Promise<boolean> {
    // A session whose client still holds a stream open is likely in use: it goes last.
    const older = (a: Session, b: Session) => (a.streams > 0) !== (b.streams > 0) ? b.streams > 0 : a.lastSeen < b.lastSeen;
    let victim: Session | undefined;
    for (const s of this.sessions.values()) if (!this.busy(s) && (!victim || older(s, victim))) victim = s;
    if (!victim) return false;
    this.opts.logger.warn({ session: victim.id, idleS: Math.round((this.now() - victim.lastSeen) / 1000), max: this.opts.maxSessions }, 'session cap reached; evicting the least recently used idle session');
    await this.close(victim, 'evicted');
    return true;
  }

  private async start(req: Request, res: Response): Promise<void> {
    if (this.closed) {
      sendJsonError(res, 503, RpcCode.serverError, 'The server is shutting down; retry shortly.', { 'Retry-After': '5' });
      return;
    }
    while (this.sessions.size + this.pending >= this.opts.maxSessions) {
      if (await this.evictOne()) continue;
      this.opts.logger.warn({ sessions: this.sessions.size, max: this.opts.maxSessions }, 'session cap reached and every session is busy; initialize refused');
      sendJsonError(
        res,
        503,
        RpcCode.serverError,
        `Too many MCP sessions: all ${this.opts.maxSessions} live sessions have a call in progress. Retry in a few seconds, or raise MCP_MAX_SESSIONS.`,
        { 'Retry-After': '5' },
      );
      return;
    }
    this.pending++;
    let counted = true;
    const release = () => {
      if (counted) this.pending--;
      counted = false;
    };
    const principal = principalOf(res);
    const server = this.opts.createServer(principal);
    const events = new SessionEventStore(this.opts.eventStore ?? EVENT_STORE_LIMITS, this.eventBudget);
    let inFlight: InFlight | undefined;
    const framing = new RpcFraming(negotiatedVersion(req.body));
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      maxRequestBodySize: this.opts.maxBodyBytes,
      eventStore: events,
      retryInterval: SSE_RETRY_MS,
      onsessioninitialized: (id) => {
        release();
        res.locals.sessionId = id; // for the request log line (the SDK writes the header itself)
        const t = this.now();
        this.sessions.set(id, { id, transport, server, createdAt: t, lastSeen: t, inFlight: inFlight!, streams: 0, framing, principal });
        this.opts.logger.info({ session: id, principal: principal.name, sessions: this.sessions.size }, 'session started');
      },
      onsessionclosed: (id) => {
        this.opts.logger.info({ session: id }, 'session ended by client');
      },
    });
    // Set before connect(): Protocol chains its own onclose after ours.
    transport.onclose = () => {
      events.clear();
      const id = transport.sessionId;
      if (id !== undefined && this.sessions.get(id)?.transport === transport) this.sessions.delete(id);
    };
    try {
      await server.connect(transport);
      inFlight = trackInFlight(transport, this.now);
      framing.attach(transport);
      await transport.handleRequest(req, res, req.body);
    } finally {
      release();
      // An initialize that failed validation never got an id: nothing else will close it.
      if (transport.sessionId === undefined) {
        events.clear();
        await server.close().catch(() => undefined);
      }
    }
  }

  /** Close sessions idle for longer than the TTL (no request unanswered for less than maxBusyMs). */
  async reapIdle(): Promise<number> {
    const cutoff = this.now() - this.opts.idleTtlMs;
    const idle = [...this.sessions.values()].filter((s) => !this.busy(s) && s.lastSeen < cutoff);
    await Promise.all(idle.map((s) => this.close(s, s.inFlight.size() > 0 ? 'stuck' : 'idle')));
    return idle.length;
  }

  /** Bytes held by all sessions' resumability stores, and how many stores. */
  eventStoreUsage(): { bytes: number; stores: number } {
    return { bytes: this.eventBudget.bytes, stores: this.eventBudget.stores.size };
  }

  /** JSON-RPC requests not answered yet, across all sessions. */
  inFlightRequests(): number {
    let n = 0;
    for (const s of this.sessions.values()) n += s.inFlight.size();
    return n;
  }

  /** Answers every request still unanswered with a JSON-RPC error (shutdown after the grace). */
  async abandonInFlight(message: string): Promise<number> {
    const counts = await Promise.all([...this.sessions.values()].map((s) => s.inFlight.abandon(RpcCode.serverError, message)));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Refuse new sessions, then close every session (ends open SSE streams). */
  async closeAll(): Promise<void> {
    this.closed = true;
    clearInterval(this.reaper);
    await Promise.all([...this.sessions.values()].map((s) => this.close(s, 'shutdown')));
  }

  private async close(session: Session, reason: CloseReason): Promise<void> {
    this.sessions.delete(session.id);
    this.opts.logger.info({ session: session.id, reason, ageS: Math.round((this.now() - session.createdAt) / 1000) }, 'session closed');
    try {
      // Shutdown has answered them already; otherwise only requests past maxBusyMs can be left.
      if (reason !== 'shutdown' && session.inFlight.size() > 0) {
        const ms = this.opts.maxBusyMs ?? MAX_BUSY_MS;
        const bound = ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
        await session.inFlight.abandon(RpcCode.serverError, `The call did not finish within ${bound} and its session was closed. Start a new session; for a write, check whether it was applied before repeating it.`);
      }
      await session.transport.close();
      await session.server.close();
    } catch (err) {
      this.opts.logger.warn({ session: session.id, err }, 'error while closing session');
    }
  }
}

/** The principal the auth guard found (none configured: the default one). */
function principalOf(res: Response): Principal {
  return (res.locals.principal as Principal | undefined) ?? DEFAULT_PRINCIPAL;
}

function samePrincipal(a: Principal, b: Principal): boolean {
  return a.name === b.name && a.resourceId === b.resourceId && a.readOnly === b.readOnly && (a.toolsets ?? []).join() === (b.toolsets ?? []).join() && (a.toolsets === null) === (b.toolsets === null);
}

/** What is wrong with a body that claims to be `initialize` (null when it does not claim to be). */
function initializeProblem(body: unknown): string | null {
  if (!body || typeof body !== 'object' || (body as { method?: unknown }).method !== 'initialize') return null;
  const parsed = InitializeRequestSchema.safeParse(body);
  if (parsed.success) return null;
  const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(message)'))].slice(0, 5);
  return `check ${fields.join(', ')} (params needs protocolVersion, capabilities and clientInfo {name, version})`;
}
