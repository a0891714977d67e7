/**
 * Stateful Streamable HTTP sessions: one transport + one McpServer per `initialize`, idle
 * reaping (transport.close() + server.close(), so nothing leaks), and a cap on live sessions.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { InitializeRequestSchema, isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { RpcCode, sendJsonError } from './errors.js';
import { negotiatedVersion, refuseBatchWithoutSession, RpcFraming } from './rpc-framing.js';

export interface SessionManagerOptions {
  createServer: () => McpServer;
  logger: Logger;
  idleTtlMs: number;
  maxSessions: number;
  /** Byte limit the transport applies when it reads a body itself (kept equal to express.json's). */
  maxBodyBytes: number;
  now?: () => number;
}

interface Session {
  id: string;
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  createdAt: number;
  lastSeen: number;
  /** POST/DELETE requests being served; standalone GET streams do not keep a session alive. */
  active: number;
  /** Request ids in flight and the batch rule of the negotiated version (./rpc-framing.ts). */
  framing: RpcFraming;
}

export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  /** initialize requests accepted but not yet given an id: they count against the cap. */
  private pending = 0;
  private readonly reaper: NodeJS.Timeout;
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly opts: SessionManagerOptions) {
    this.now = opts.now ?? Date.now;
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
      if (!session) {
        sendJsonError(res, 404, RpcCode.sessionNotFound, 'Session not found: it expired, was closed or the server restarted. Start a new session (initialize without Mcp-Session-Id).');
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
    const counts = req.method !== 'GET';
    if (counts) session.active++;
    res.once('close', () => {
      if (counts) session.active--;
      session.lastSeen = this.now();
    });
    await session.transport.handleRequest(req, res, req.body);
  }

  private async start(req: Request, res: Response): Promise<void> {
    if (this.closed) {
      sendJsonError(res, 503, RpcCode.serverError, 'The server is shutting down; retry shortly.', { 'Retry-After': '5' });
      return;
    }
    if (this.sessions.size + this.pending >= this.opts.maxSessions) {
      this.opts.logger.warn({ sessions: this.sessions.size, max: this.opts.maxSessions }, 'session cap reached; initialize refused');
      const ttlS = Math.round(this.opts.idleTtlMs / 1000);
      sendJsonError(
        res,
        503,
        RpcCode.serverError,
        `Too many MCP sessions: the limit of ${this.opts.maxSessions} live sessions is reached. Close unused clients (idle sessions expire after ${ttlS} s) or raise MCP_MAX_SESSIONS.`,
        { 'Retry-After': String(Math.min(60, Math.max(1, ttlS))) },
      );
      return;
    }
    this.pending++;
    let counted = true;
    const release = () => {
      if (counted) this.pending--;
      counted = false;
    };
    const server = this.opts.createServer();
    const framing = new RpcFraming(negotiatedVersion(req.body));
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      maxRequestBodySize: this.opts.maxBodyBytes,
      onsessioninitialized: (id) => {
        release();
        res.locals.sessionId = id; // for the request log line (the SDK writes the header itself)
        const t = this.now();
        this.sessions.set(id, { id, transport, server, createdAt: t, lastSeen: t, active: 0, framing });
        this.opts.logger.info({ session: id, sessions: this.sessions.size }, 'session started');
      },
      onsessionclosed: (id) => {
        this.opts.logger.info({ session: id }, 'session ended by client');
      },
    });
    // Set before connect(): Protocol chains its own onclose after ours.
    transport.onclose = () => {
      const id = transport.sessionId;
      if (id !== undefined && this.sessions.get(id)?.transport === transport) this.sessions.delete(id);
    };
    try {
      await server.connect(transport);
      framing.attach(transport);
      await transport.handleRequest(req, res, req.body);
    } finally {
      release();
      // An initialize that failed validation never got an id: nothing else will close it.
      if (transport.sessionId === undefined) await server.close().catch(() => undefined);
    }
  }

  /** Close sessions idle for longer than the TTL (nothing in flight). */
  async reapIdle(): Promise<number> {
    const cutoff = this.now() - this.opts.idleTtlMs;
    const idle = [...this.sessions.values()].filter((s) => s.active === 0 && s.lastSeen < cutoff);
    await Promise.all(idle.map((s) => this.close(s, 'idle')));
    return idle.length;
  }

  /** Number of POST/DELETE requests in flight across all sessions. */
  activeRequests(): number {
    let n = 0;
    for (const s of this.sessions.values()) n += s.active;
    return n;
  }

  /** Refuse new sessions, then close every session (ends open SSE streams). */
  async closeAll(): Promise<void> {
    this.closed = true;
    clearInterval(this.reaper);
    await Promise.all([...this.sessions.values()].map((s) => this.close(s, 'shutdown')));
  }

  private async close(session: Session, reason: 'idle' | 'shutdown'): Promise<void> {
    this.sessions.delete(session.id);
    this.opts.logger.info({ session: session.id, reason, ageS: Math.round((this.now() - session.createdAt) / 1000) }, 'session closed');
    try {
      await session.transport.close();
      await session.server.close();
    } catch (err) {
      this.opts.logger.warn({ session: session.id, err }, 'error while closing session');
    }
  }
}

/** What is wrong with a body that claims to be `initialize` (null when it does not claim to be). */
function initializeProblem(body: unknown): string | null {
  if (!body || typeof body !== 'object' || (body as { method?: unknown }).method !== 'initialize') return null;
  const parsed = InitializeRequestSchema.safeParse(body);
  if (parsed.success) return null;
  const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(message)'))].slice(0, 5);
  return `check ${fields.join(', ')} (params needs protocolVersion, capabilities and clientInfo {name, version})`;
}
