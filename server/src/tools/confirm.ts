/**
 * One-time confirmation tokens for writes. A token is bound (HMAC with a per-process key) to the
 * exact request a write would send; it expires after a few minutes and can be used once.
 */
import { createHmac, randomBytes, timingSafeEqual, createHash } from 'node:crypto';

export interface BoundRequest {
  tool: string;
  method: string;
  path: string;
  body?: unknown;
}

export type TokenCheck =
  | { ok: true }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'payload' | 'reused'; message: string };

/** Stable JSON: object keys sorted, so the same payload always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function payloadHash(req: BoundRequest): string {
  return createHash('sha256').update(canonicalJson(req)).digest('base64url');
}

export class ConfirmationService {
  private readonly key: Buffer;
  private readonly used = new Map<string, number>(); // nonce -> expiry (ms)

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
    const exp = issuedAt + this.ttlMs;
    const claims = { n: randomBytes(12).toString('base64url'), e: exp, h: payloadHash(req) };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${body}.${this.sign(body)}`, expiresAt: new Date(exp).toISOString() };
  }

  /** Verify and, when valid, consume the token (it cannot be used again). */
  consume(token: string, req: BoundRequest): TokenCheck {
    const [body, sig, extra] = token.split('.');
    if (!body || !sig || extra !== undefined) {
      return { ok: false, reason: 'malformed', message: 'The confirmationToken is malformed. Call the tool again without confirmationToken to get a fresh preview and token.' };
    }
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return { ok: false, reason: 'signature', message: 'The confirmationToken was not issued by this server (or the server restarted). Call the tool again without confirmationToken to get a fresh preview and token.' };
    }
    let claims: { n: string; e: number; h: string };
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed', message: 'The confirmationToken is malformed.' };
    }
    this.prune();
    if (this.clock() > claims.e) {
      return { ok: false, reason: 'expired', message: 'The confirmationToken has expired. Call the tool again without confirmationToken, review the new preview, then confirm within the time limit.' };
    }
    if (claims.h !== payloadHash(req)) {
      return { ok: false, reason: 'payload', message: 'The confirmationToken was issued for a different request. Nothing was changed. Repeat the exact arguments of the preview, or call without confirmationToken to preview the new request.' };
    }
    if (this.used.has(claims.n)) {
      return { ok: false, reason: 'reused', message: 'This confirmationToken was already used; the write it confirmed has been executed once. Nothing was changed now. To write again, request a new preview.' };
    }
    this.used.set(claims.n, claims.e);
    return { ok: true };
  }

  /**
   * When the preview a token confirms was planned, read WITHOUT verifying: it only lets the
   * confirming call re-plan the same body (a time-dependent default); consume() still checks
   * the signature and that the re-planned request is exactly the previewed one.
   */
  issuedAt(token: string): number | undefined {
    try {
      const claims = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { e?: unknown };
      return typeof claims.e === 'number' && Number.isFinite(claims.e) ? claims.e - this.ttlMs : undefined;
    } catch {
      return undefined;
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }

  private prune(): void {
    const t = this.clock();
    for (const [n, e] of this.used) if (e < t) this.used.delete(n);
  }
}
