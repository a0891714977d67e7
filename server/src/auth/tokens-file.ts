/**
 * MCP_TOKENS_FILE: one principal per line, as JSON, keyed by the SHA-256 of its token:
 *
 *   {"sha256":"<64 hex>","name":"alice","resource":29682886,"toolsets":["core","tickets"],"readOnly":false}
 *
 * Blank lines and lines starting with # are ignored. Only hashes are stored: the tokens are 256
 * random bits, so a fast hash is enough (nothing to brute-force, unlike a password) and lets a
 * request find its principal with one lookup. Lines are appended by `autotask-mcp token add`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { TOOLSET_NAMES } from '../config/types.js';
import type { Principal } from './principal.js';

/** What `token add` generates: a recognisable prefix and 32 random bytes. */
export const TOKEN_PREFIX = 'atmcp_';
export const MAX_PRINCIPALS = 10_000;
const MAX_LINE = 4_096;

export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

const lineSchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lower-case hex digits (the SHA-256 of the token)'),
  name: z.string().regex(NAME_PATTERN, 'name must be 1-64 letters, digits or . _ @ - (starting with a letter or digit)'),
  resource: z.number().int().positive().nullable().optional(),
  toolsets: z.array(z.enum(TOOLSET_NAMES)).min(1).nullable().optional(),
  readOnly: z.boolean().optional(),
});

export type TokenLine = z.infer<typeof lineSchema>;

export interface ParsedTokens {
  /** token hash (hex) -> principal */
  byHash: Map<string, Principal>;
}

export class TokensFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'TokensFileError';
  }
}

/** One line as a TokenLine, or what is wrong with it. */
function parseLine(line: string): TokenLine | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not a JSON object.';
  }
  const parsed = lineSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  return `${parsed.error.issues
    .slice(0, 3)
    .map((is) => `${is.path.join('.') || '(line)'}: ${is.message}`)
    .join('; ')}.`;
}

/** Parses the whole file; every problem is collected with its line number (never the line itself). */
export function parseTokensFile(text: string): ParsedTokens {
  const byHash = new Map<string, Principal>();
  const names = new Set<string>();
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    const at = `line ${i + 1}`;
    if (line === '' || line.startsWith('#')) continue;
    if (line.length > MAX_LINE) {
      problems.push(`${at}: longer than ${MAX_LINE} characters.`);
      continue;
    }
    const p = parseLine(line);
    if (typeof p === 'string') {
      problems.push(`${at}: ${p}`);
      continue;
    }
    const key = p.name.toLowerCase();
    if (names.has(key)) problems.push(`${at}: the name "${p.name}" is used twice; names must be unique.`);
    else if (byHash.has(p.sha256)) problems.push(`${at}: this token hash is listed twice.`);
    else {
      names.add(key);
      byHash.set(p.sha256, { name: p.name, resourceId: p.resource ?? null, toolsets: p.toolsets ? [...new Set(p.toolsets)] : null, readOnly: p.readOnly ?? false });
    }
  }
  if (byHash.size > MAX_PRINCIPALS) problems.push(`more than ${MAX_PRINCIPALS} principals.`);
  if (problems.length) throw new TokensFileError(problems);
  return { byHash };
}

/** The JSON line for a new principal (what `token add` appends). */
export function tokenLine(hash: string, p: Principal): string {
  const line: TokenLine = { sha256: hash, name: p.name, resource: p.resourceId, toolsets: p.toolsets, readOnly: p.readOnly };
  return JSON.stringify(line);
}
