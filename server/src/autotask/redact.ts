/**
 * Secret redaction shared by the client and the logging setup. Autotask credentials travel in
 * plain headers, so anything that might echo a request (errors, log lines, Autotask's own error
 * text) goes through here before it leaves the process.
 */
import type { AutotaskCredentials } from '../config/types.js';

export const REDACTED = '[REDACTED]';

/** Header names (lower case) that carry credentials in Autotask calls or in our own HTTP layer. */
export const SENSITIVE_HEADER_NAMES: readonly string[] = [
  'apiintegrationcode',
  'username',
  'secret',
  'impersonationresourceid',
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
];

/** pino `redact` paths for objects that carry headers (e.g. `req.headers.secret`). */
export function headerRedactPaths(prefixes: readonly string[] = ['headers', 'req.headers', 'request.headers', 'config.headers']): string[] {
  const names = [...SENSITIVE_HEADER_NAMES, 'ApiIntegrationCode', 'UserName', 'Secret', 'ImpersonationResourceId', 'Authorization'];
  return prefixes.flatMap((p) => names.map((n) => `${p}["${n}"]`));
}

export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADER_NAMES.includes(name.toLowerCase());
}

/** A copy of `headers` with credential-bearing values replaced. */
export function redactHeaders(headers: Record<string, unknown> | undefined | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!headers) return out;
  for (const [k, v] of Object.entries(headers)) out[k] = isSensitiveHeader(k) ? REDACTED : v;
  return out;
}

/** Values too short to redact safely would shred ordinary text; config validation rejects them anyway. */
const MIN_SECRET_LENGTH = 4;

/** The literal forms a secret can take in text we emit: raw, URL-encoded, form-encoded. */
function secretVariants(secret: string): string[] {
  const variants = new Set<string>([secret]);
  const uri = encodeURIComponent(secret);
  variants.add(uri);
  variants.add(uri.toLowerCase());
  variants.add(uri.replace(/%20/g, '+'));
  return [...variants].filter((v) => v.length >= MIN_SECRET_LENGTH);
}

/**
 * The base64 text of `secret` that does not depend on the bytes around it, for each of the three
 * byte alignments it can sit at inside a larger encoded value ("user:secret" in a Basic header),
 * in the standard and the URL-safe alphabet. Too short a core would match innocent text.
 */
const MIN_BASE64_CORE = 8;
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores = new Set<string>();
  for (const k of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    const core = encoded.slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + bytes.length)) / 6));
    if (core.length < MIN_BASE64_CORE) continue;
    const urlSafe = core.replace(/\+/g, '-').replace(/\//g, '_');
    for (const c of [core, urlSafe, encodeURIComponent(core), encodeURIComponent(core).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())]) cores.add(c);
  }
  return [...cores];
}

/** A base64 run (also URL-encoded) around a core goes whole: its other characters carry the rest of the value. */
const RUN_BEFORE = '[A-Za-z0-9+/_%-]*';
const RUN_AFTER = '[A-Za-z0-9+/_%=-]*';

interface Patterns {
  literal: RegExp[];
  encoded: RegExp[];
}

const compiled = new WeakMap<readonly (string | null | undefined)[], Patterns>();

function patterns(secrets: readonly (string | null | undefined)[]): Patterns {
  let p = compiled.get(secrets);
  if (p) return p;
  const usable = secrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
  // Longest first, so a secret containing another one is removed whole.
  const literal = usable.flatMap(secretVariants).sort((a, b) => b.length - a.length);
  const cores = [...new Set(usable.flatMap(base64Cores))].sort((a, b) => b.length - a.length);
  p = {
    literal: literal.map((v) => new RegExp(escapeRegExp(v), 'gi')),
    // Base64 is case-sensitive: an exact match only.
    encoded: cores.map((c) => new RegExp(`${RUN_BEFORE}${escapeRegExp(c)}${RUN_AFTER}`, 'g')),
  };
  compiled.set(secrets, p);
  return p;
}

/**
 * Replace every occurrence of every secret in `text`: raw and URL-encoded (case-insensitive),
 * and base64 or base64url, alone or inside a larger encoded value, also URL-encoded.
 */
export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[]): string {
  const p = patterns(secrets);
  let out = text;
  for (const re of p.literal) out = out.replace(re, REDACTED);
  for (const re of p.encoded) out = out.replace(re, REDACTED);
  return out;
}

/** The credential values worth redacting (the username too: it identifies the API user). */
export function credentialSecrets(credentials: AutotaskCredentials | null | undefined): string[] {
  if (!credentials) return [];
  return [credentials.secret, credentials.integrationCode, credentials.username];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
