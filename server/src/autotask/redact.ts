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

/** Replace every occurrence of every secret (case-insensitive, encoded forms too) in `text`. */
export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  const variants = secrets
    .filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
    .flatMap(secretVariants)
    // Longest first, so a secret containing another one is removed whole.
    .sort((a, b) => b.length - a.length);
  for (const v of variants) {
    out = out.replace(new RegExp(escapeRegExp(v), 'gi'), REDACTED);
  }
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
