/**
 * One-time confirmation tokens for writes. A token is signed (HMAC), expires after a few
 * minutes, can be used once, and binds the exact request a write would send.
 *
 * The write tools `hold()` their previewed write: the token then also binds the preview's
 * arguments, and confirming it (`redeem()`) returns the held request and plan, so the confirming
 * call executes exactly what was previewed without planning (and reading) it again. The key,
 * held writes and used nonces live in a ConfirmStore (./confirm-store.ts): this process's
 * memory, or Redis shared by every replica (REDIS_URL).
 */
import { createHmac, randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import type { WritePlan } from './types.js';
import { MemoryConfirmStore, type ConfirmStore, type TokenOutcome, type Use } from './confirm-store.js';

export type { TokenOutcome } from './confirm-store.js';

export interface BoundRequest {
  tool: string;
  method: string;
  path: string;
  body?: unknown;
  /** The further requests of a multi-request write (./write-steps.ts), as previewed: the token binds them too. */
  then?: Array<{ method: string; path: string; body?: unknown }>;
  /** The Autotask resource the write impersonates (ImpersonationResourceId); absent/null = the API user. */
  runAs?: number | null;
}

/** A previewed write waiting for its confirmation. */
export interface HeldWrite {
  request: BoundRequest;
  plan: WritePlan;
  /** When it was planned (the clock its time-dependent values were computed on). */
  plannedAt: number;
}

type Refusal = { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'payload' | 'principal' | 'reused' | 'unknown'; message: string };

export type TokenCheck = { ok: true } | Refusal;

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

interface Claims {
  n: string;
  e: number;
  h: string;
  /** arguments hash (held writes) */
  a?: string;
  /** the principal the preview was made for (held writes): only it may confirm */
  p?: string;
}

const MESSAGES = {
  malformed: 'The confirmationToken is malformed. Call the tool again without confirmationToken to get a fresh preview and token.',
  signature: 'The confirmationToken was not issued by this server (or the server restarted). Call the tool again without confirmationToken to get a fresh preview and token.',
  expired: 'The confirmationToken has expired. Call the tool again without confirmationToken, review the new preview, then confirm within the time limit.',
  principal: 'This confirmationToken was issued to another user of this server; only the one who previewed the write can confirm it. Nothing was changed. Call the tool without confirmationToken to preview the write yourself.',
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
    partial: `This confirmationToken was already used: only part of the write it confirmed was done (${use.check ?? 'see its answer'}). Nothing was changed now. Do not preview the same write again: do only the parts not done.`,
  }[use.outcome];
  return { ok: false, reason: 'reused', message };
}

export class ConfirmationService {
  private readonly store: ConfirmStore;

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly clock: () => number = Date.now,
    key?: Buffer,
    store?: ConfirmStore,
  ) {
    this.store = store ?? new MemoryConfirmStore(clock, key);
  }

  /** The clock writes are planned on (injectable, so tests control expiry and time-dependent bodies). */
  now(): number {
    return this.clock();
  }

  /** `issuedAt`: when the preview was planned (default: now); the token expires ttl later. */
  issue(req: BoundRequest, issuedAt = this.clock()): Promise<{ token: string; expiresAt: string }> {
    return this.sealed({ n: randomBytes(12).toString('base64url'), e: issuedAt + this.ttlMs, h: payloadHash(req) });
  }

  /**
   * Keep a previewed write until it is confirmed; the token binds its request, `argsHash` and the
   * principal it was previewed for (not the MCP session: a reconnecting client opens a new one).
   */
  async hold(write: HeldWrite, argsHash: string, principal = 'default'): Promise<{ token: string; expiresAt: string }> {
    const claims: Claims = { n: randomBytes(12).toString('base64url'), e: write.plannedAt + this.ttlMs, h: payloadHash(write.request), a: argsHash, p: principal };
    await this.store.hold(claims.n, write, claims.e);
    return this.sealed(claims);
  }

  /** Verify and, when valid, consume the token (it cannot be used again). */
  async consume(token: string, req: BoundRequest): Promise<TokenCheck> {
    const claims = await this.verify(token);
    if ('ok' in claims) return claims;
    if (claims.h !== payloadHash(req)) return refuse('payload');
    const use = await this.store.claim(claims.n, claims.e);
    return use ? reused(use) : { ok: true };
  }

  /**
   * Verify a token of a held write against the arguments of the confirming call and consume it:
   * the held write is returned once (the store checks and takes it in one atomic step, so two
   * concurrent confirmations, on any replica, cannot both get it).
   */
  async redeem(token: string, argsHash: string, principal = 'default'): Promise<Redeemed> {
    const claims = await this.verify(token);
    if ('ok' in claims) return claims;
    // Checked first: another principal learns nothing about the token (not even whether it was used).
    if ((claims.p ?? 'default') !== principal) return refuse('principal');
    if (claims.a !== argsHash) return refuse('payload');
    const taken = await this.store.take(claims.n, claims.e);
    if ('used' in taken) return reused(taken.used);
    if ('missing' in taken) return refuse('unknown');
    const write = taken.held;
    const restore = () => this.store.restore(claims.n, write, claims.e).catch(() => undefined);
    if (payloadHash(write.request) !== claims.h) {
      await restore();
      return refuse('payload');
    }
    return {
      ok: true,
      held: write,
      release: () => void restore(),
      // Best effort: a store that cannot record the outcome leaves the token 'running' (still refused).
      settle: (outcome, check) => void this.store.settle(claims.n, { outcome, ...(check ? { check } : {}) }).catch(() => undefined),
    };
  }

  private async sealed(claims: Claims): Promise<{ token: string; expiresAt: string }> {
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${body}.${this.sign(await this.store.signingKey(), body)}`, expiresAt: new Date(claims.e).toISOString() };
  }

  /** Signature, shape and expiry of a token: its claims, or why it is refused. */
  private async verify(token: string): Promise<Claims | Refusal> {
    const parts = token.split('.');
    const [body, sig] = parts;
    if (!body || !sig || parts.length > 2) return refuse('malformed');
    const expected = Buffer.from(this.sign(await this.store.signingKey(), body));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return refuse('signature');
    let claims: Claims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims; // our own HMAC-signed payload
    } catch {
      return { ok: false, reason: 'malformed', message: 'The confirmationToken is malformed.' };
    }
    if (this.clock() > claims.e) return refuse('expired');
    return claims;
  }

  private sign(key: Buffer, body: string): string {
    return createHmac('sha256', key).update(body).digest('base64url');
  }
}
