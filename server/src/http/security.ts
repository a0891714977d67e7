/**
 * Request guards for the HTTP surface: Host allowlist and Origin check (DNS-rebinding
 * protection, spec 2025-11-25 "Security Warning") and the bearer token of a principal.
 */
import type { RequestHandler } from 'express';
import { RpcCode, sendJsonError } from './errors.js';
import type { PrincipalResolver } from '../auth/principals.js';

export const DEFAULT_ALLOWED_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

interface HostEntry {
  hostname: string;
  /** null = any port */
  port: string | null;
}

/**
 * Parses "name", "name:port", "[v6]" or "[v6]:port"; hostnames compare lower-case. Only the
 * canonical spelling counts: 127.1, 2130706433 or [0:0:0:0:0:0:0:1] are refused rather than
 * read as the loopback address they normalise to.
 */
export function parseHost(value: string): HostEntry | null {
  const v = value.trim().toLowerCase();
  const m: Array<string | undefined> | null = /^(.*?)(?::(\d{1,5}))?$/.exec(v);
  if (!m || m[1] === '') return null;
  try {
    const url = new URL(`http://${v}`);
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
    if (url.hostname !== m[1]) return null;
    return { hostname: url.hostname, port: m[2] === undefined ? null : String(Number(m[2])) };
  } catch {
    return null;
  }
}

export function hostAllowed(hostHeader: string | undefined, allowed: readonly HostEntry[]): boolean {
  if (!hostHeader) return false;
  const host = parseHost(hostHeader);
  if (!host) return false;
  const port = host.port ?? '80';
  return allowed.some((a) => a.hostname === host.hostname && (a.port === null || a.port === port));
}

export function hostCheck(extraHosts: readonly string[]): RequestHandler {
  const allowed = [...DEFAULT_ALLOWED_HOSTS, ...extraHosts].map(parseHost).filter((h): h is HostEntry => h !== null);
  return (req, res, next) => {
    const hosts = (req.headersDistinct.host ?? []).filter((v) => v.trim() !== '');
    if (hosts.length !== 1) {
      const problem = hosts.length === 0 ? 'a Host header is required' : 'send exactly one Host header';
      sendJsonError(res, 400, RpcCode.invalidRequest, `Bad Request: ${problem} (HTTP/1.1, and DNS-rebinding protection depends on it).`);
      return;
    }
    if (hostAllowed(req.headers.host, allowed)) return next();
    sendJsonError(
      res,
      403,
      RpcCode.serverError,
      'Forbidden: this Host header is not allowed (DNS-rebinding protection). The operator can add the host name to MCP_ALLOWED_HOSTS.',
    );
  };
}

function normaliseOrigin(origin: string): string | null {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin.toLowerCase();
  } catch {
    return null;
  }
}

/** Absent Origin (non-browser clients) passes; a present one must be allowlisted. */
export function originCheck(extraOrigins: readonly string[], port: () => number): RequestHandler {
  const extra = extraOrigins.map(normaliseOrigin).filter((o): o is string => o !== null);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin === undefined) return next();
    const p = port();
    // Normalised like the Origin itself (port 80 drops out of http://localhost:80).
    const loopback = [`http://localhost:${p}`, `http://127.0.0.1:${p}`, `http://[::1]:${p}`].map(normaliseOrigin);
    const allowed = new Set([...loopback, ...extra]);
    const normalised = normaliseOrigin(origin);
    if (normalised !== null && allowed.has(normalised)) return next();
    sendJsonError(res, 403, RpcCode.serverError, 'Forbidden: this Origin is not allowed. The operator can add it to MCP_ALLOWED_ORIGINS.');
  };
}

const WWW_AUTHENTICATE = { 'WWW-Authenticate': 'Bearer realm="autotask-mcp"' };

/**
 * Bearer token to principal (src/auth/principals.ts); the principal lands in
 * res.locals.principal for the session layer. The scheme is case-insensitive (RFC 7235); one or
 * more spaces may separate it from the token (RFC 6750). Refused: two Authorization headers
 * (node would read only the first, a proxy maybe the other) and a token in the URL (URLs end up
 * in proxy and browser logs), even next to a good header.
 */
export function bearerAuth(resolver: PrincipalResolver): RequestHandler {
  const where = resolver.mode === 'tokens-file' ? 'the token `autotask-mcp token add` printed for you' : 'the token from MCP_AUTH_TOKEN';
  return (req, res, next) => {
    if ((req.headersDistinct.authorization?.length ?? 0) > 1) {
      sendJsonError(res, 400, RpcCode.invalidRequest, 'Bad Request: send exactly one Authorization header.', WWW_AUTHENTICATE);
      return;
    }
    if (new URL(req.originalUrl, 'http://x').searchParams.has('access_token')) {
      sendJsonError(res, 401, RpcCode.serverError, 'Unauthorized: send the token in an Authorization: Bearer <token> header, never in the URL.', WWW_AUTHENTICATE);
      return;
    }
    const header = req.headers.authorization ?? '';
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    const principal = match ? resolver.resolve(match[1]) : null;
    if (principal) {
      res.locals.principal = principal;
      return next();
    }
    const problem = match ? 'the bearer token is wrong' : 'an Authorization: Bearer <token> header is required';
    sendJsonError(res, 401, RpcCode.serverError, `Unauthorized: ${problem}. Configure the client with ${where}.`, WWW_AUTHENTICATE);
  };
}
