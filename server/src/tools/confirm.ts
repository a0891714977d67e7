/**
 * One-time confirmation tokens for writes. A token is signed (HMAC with a per-process key), expires
 * after a few minutes, can be used once, and binds the exact request a write would send.
 *
 * The write tools `hold()` their previewed write: the token then also binds the preview's
 * arguments, and confirming it (`redeem()`) returns the held request and plan, so the confirming
 * call executes exactly what was previewed without planning (and reading) it again. Held writes
 * live in this process only, as the signing key does; they are bounded in number and bytes.
 */
import { createHmac, randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import type { WritePlan } from './types.js';

export interface BoundRequest {
  tool: string;
  method: string;
  path: string;
  body?: unknown;
}

/** A previewed write waiting for its confirmation. */
export interface HeldWrite {
  request: BoundRequest;
  plan: WritePlan;
  /** When it was planned (the clock its time-dependent values were computed on). */
  plannedAt: number;
}

type Refusal = { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'payload' | 'reused' | 'unknown'; message: string };

export type TokenCheck = { ok: true } | Refusal;

/** What became of the write a used token confirmed (reported when the token is used again). */
export type TokenOutcome = 'running' | 'done' | 'refused' | 'unknown';

export type Redeemed =
  | {
      ok: true;
      held: HeldWrite;
      /** Give the token back (unused) when the write could not even be tried, e.g. a failed read. */
      release(): void;
      /** Record how the write ended; `check` says how to see whether an `unknown` one was applied. */
      settle(outcome: Exclude<TokenOutcome, 'running'>, check?: string): void;
    }
  | Refusal;

/** Stable JSON: object keys sorted, so the same payload always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const json: unknown = JSON.stringify(value); // undefined for undefined, functions, symbols
    return typeof json === 'string' ? json : 'null';
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

export function payloadHash(req: BoundRequest): string {
  return sha256(canonicalJson(req));
}

/** The tool and its (validated) arguments, without the token itself. */
export function argumentsHash(tool: string, args: Record<string, unknown>): string {
  return sha256(canonicalJson({ tool, args }));
}

/** Held writes at most, and their bodies' size in total; past either the oldest are dropped. */
const MAX_HELD = 1_000;
const MAX_HELD_BYTES = 64 * 1024 * 1024;

interface Claims {
  n: string;
  e: number;
  h: string;
  /** arguments hash (held writes) */
  a?: string;
}

const MESSAGES = {
  malformed: 'The confirmationToken is malformed. Call the tool again without confirmationToken to get a fresh preview and token.',
  signature: 'The confirmationToken was not issued by this server (or the server restarted). Call the tool again without confirmationToken to get a fresh preview and token.',
  expired: 'The confirmationToken has expired. Call the tool again without confirmationToken, review the new preview, then confirm within the time limit.',
  payload: 'The confirmationToken was issued for a different request. Nothing was changed. Repeat the exact arguments of the preview, or call without confirmationToken to preview the new request.',
  reused: 'This confirmationToken was already used: the write it confirmed was executed. Nothing was changed now. To write again, request a new preview.',
  unknown: 'This server no longer holds the preview of this confirmationToken (too many previews were waiting). Nothing was changed. Call the tool again without confirmationToken for a fresh preview.',
} as const;

const refuse = (reason: Refusal['reason']): Refusal => ({ ok: false, reason, message: MESSAGES[reason] });

/** The refusal of a used token: what is known about the write it confirmed. */
function reused(use: Use): Refusal {
  const message = {
    running: 'This confirmationToken is confirming a write that is still running; wait for that answer. Nothing was changed now.',
    done: MESSAGES.reused,
    refused: 'This confirmationToken was already used: Autotask refused the write it confirmed, so nothing was written. Nothing was changed now. Fix what Autotask said and request a new preview.',
    unknown: `This confirmationToken was already used: the write it confirmed was sent, but Autotask's answer did not show whether it was applied, so it may have been applied. Nothing was changed now. ${use.check ?? 'Check'} before requesting a new preview.`,
  }[use.outcome];
  return { ok: false, reason: 'reused', message };
}

interface Use {
  expires: number;
  outcome: TokenOutcome;
  check?: string;
}

export class ConfirmationService {
  private readonly key: Buffer;
  private readonly used = new Map<string, Use>(); // nonce -> expiry (ms) and what became of its write
  private readonly held = new Map<string, { write: HeldWrite; expires: number; bytes: number }>(); // nonce -> held write, oldest first
  private heldBytes = 0;

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly clock: () => number = Date.now,
    key?: Buffer,
  ) {
    this.key = key ?? randomBytes(32);
  }

  /** The clock writes are planned on (injectable, so tests control expiry and time-dependent bodies). */
  now(): number {
    return this.clock();
  }

  /** `issuedAt`: when the preview was planned (default: now); the token expires ttl later. */
  issue(req: BoundRequest, issuedAt = this.clock()): { token: string; expiresAt: string } {
    return this.sealed({ n: randomBytes(12).toString('base64url'), e: issuedAt + this.ttlMs, h: payloadHash(req) });
  }

  /** Keep a previewed write until it is confirmed; the token binds its request and `argsHash`. */
  hold(write: HeldWrite, argsHash: string): { token: string; expiresAt: string } {
    const claims: Claims = { n: randomBytes(12).toString('base64url'), e: write.plannedAt + this.ttlMs, h: payloadHash(write.request), a: argsHash };
    this.prune();
    const bytes = canonicalJson(write.request).length;
    this.held.set(claims.n, { write, expires: claims.e, bytes });
    this.heldBytes += bytes;
    for (const [n, entry] of this.held) {
      if (this.held.size <= MAX_HELD && this.heldBytes <= MAX_HELD_BYTES) break;
      if (n === claims.n) break; // never drop the write just held
      this.drop(n, entry.bytes);
    }
    return this.sealed(claims);
  }

  /** Verify and, when valid, consume the token (it cannot be used again). */
  consume(token: string, req: BoundRequest): TokenCheck {
    const claims = this.verify(token);
    if ('ok' in claims) return claims;
    if (claims.h !== payloadHash(req)) return refuse('payload');
    const use = this.used.get(claims.n);
    if (use) return reused(use);
    this.used.set(claims.n, { expires: claims.e, outcome: 'done' });
    return { ok: true };
  }

  /**
   * Verify a token of a held write against the arguments of the confirming call and consume it:
   * the held write is returned once (check and use in one synchronous step, so two concurrent
   * confirmations cannot both get it).
   */
  redeem(token: string, argsHash: string): Redeemed {
    const claims = this.verify(token);
    if ('ok' in claims) return claims;
    if (claims.a !== argsHash) return refuse('payload');
    const use = this.used.get(claims.n);
    if (use) return reused(use);
    const entry = this.held.get(claims.n);
    if (!entry) return refuse('unknown');
    if (payloadHash(entry.write.request) !== claims.h) return refuse('payload');
    this.drop(claims.n, entry.bytes);
    const mine: Use = { expires: claims.e, outcome: 'running' };
    this.used.set(claims.n, mine);
    return {
      ok: true,
      held: entry.write,
      release: () => {
        this.used.delete(claims.n);
        this.held.set(claims.n, entry);
        this.heldBytes += entry.bytes;
      },
      settle: (outcome, check) => {
        mine.outcome = outcome;
        if (check) mine.check = check;
      },
    };
  }

  private sealed(claims: Claims): { token: string; expiresAt: string } {
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${body}.${this.sign(body)}`, expiresAt: new Date(claims.e).toISOString() };
  }

  /** Signature, shape and expiry of a token: its claims, or why it is refused. */
  private verify(token: string): Claims | Refusal {
    const parts = token.split('.');
    const [body, sig] = parts;
    if (!body || !sig || parts.length > 2) return refuse('malformed');
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return refuse('signature');
    let claims: Claims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims; // our own HMAC-signed payload
    } catch {
      return { ok: false, reason: 'malformed', message: 'The confirmationToken is malformed.' };
    }
    this.prune();
    if (this.clock() > claims.e) return refuse('expired');
    return claims;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }

  private drop(nonce: string, bytes: number): void {
    if (this.held.delete(nonce)) this.heldBytes -= bytes;
  }

  private prune(): void {
    const t = this.clock();
    for (const [n, u] of this.used) if (u.expires < t) this.used.delete(n);
    for (const [n, entry] of this.held) if (entry.expires < t) this.drop(n, entry.bytes);
  }
}
