/**
 * Request guards for the HTTP surface: Host allowlist and Origin check (DNS-rebinding
 * protection, spec 2025-11-25 "Security Warning") and the optional static bearer token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { RpcCode, sendJsonError } from './errors.js';

export const DEFAULT_ALLOWED_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

interface HostEntry {
  hostname: string;
  /** null = any port */
  port: string | null;
}

/** Parses "name", "name:port", "[v6]" or "[v6]:port"; hostnames compare lower-case. */
export function parseHost(value: string): HostEntry | null {
  try {
    const url = new URL(`http://${value.trim()}`);
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
    const hasPort = /:\d+$/.test(value.trim());
    return { hostname: url.hostname.toLowerCase(), port: hasPort ? url.port || '80' : null };
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
    const hosts = req.headersDistinct.host ?? [];
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
    const allowed = new Set([`http://localhost:${p}`, `http://127.0.0.1:${p}`, `http://[::1]:${p}`, ...extra]);
    const normalised = normaliseOrigin(origin);
    if (normalised !== null && allowed.has(normalised)) return next();
    sendJsonError(res, 403, RpcCode.serverError, 'Forbidden: this Origin is not allowed. The operator can add it to MCP_ALLOWED_ORIGINS.');
  };
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Static bearer token, compared in constant time (hashes make the lengths equal). */
export function bearerAuth(token: string): RequestHandler {
  const expected = sha256(token);
  return (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (match && timingSafeEqual(sha256(match[1]), expected)) return next();
    const problem = match ? 'the bearer token is wrong' : 'an Authorization: Bearer <token> header is required';
    sendJsonError(res, 401, RpcCode.serverError, `Unauthorized: ${problem}. Configure the client with the token from MCP_AUTH_TOKEN.`, {
      'WWW-Authenticate': 'Bearer realm="autotask-mcp"',
    });
  };
}
