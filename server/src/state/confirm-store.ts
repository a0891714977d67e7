/**
 * Confirmation state in Redis, shared by every replica: the signing key (made once, by whichever
 * replica comes first), previewed writes and used-token nonces, each expiring with its token.
 * Taking a held write and marking its nonce used is one Lua script, so a token confirms once
 * across all replicas and a replay on any of them is refused. Every failure throws
 * SharedStateUnavailable: the write is refused, never executed unchecked.
 */
import { randomBytes } from 'node:crypto';
import type { HeldWrite } from '../tools/confirm.js';
import type { ConfirmStore, Taken, Use } from '../tools/confirm-store.js';
import type { SharedRedis } from './redis.js';

/** KEYS[1] key. ARGV[1] a fresh key, kept only when none exists yet. */
const KEY = `
redis.call('SET', KEYS[1], ARGV[1], 'NX')
return redis.call('GET', KEYS[1])`;

/** KEYS: used, held. ARGV: expiry (ms since the epoch). */
const TAKE = `
local u = redis.call('GET', KEYS[1])
if u then return {'used', u} end
local h = redis.call('GET', KEYS[2])
if not h then return {'missing', ''} end
redis.call('DEL', KEYS[2])
redis.call('SET', KEYS[1], '{"outcome":"running"}', 'PXAT', ARGV[1])
return {'held', h}`;

/** KEYS: used. ARGV: expiry. Nil when this call claimed the nonce, else its earlier use. */
const CLAIM = `
local u = redis.call('GET', KEYS[1])
if u then return u end
redis.call('SET', KEYS[1], '{"outcome":"done"}', 'PXAT', ARGV[1])
return false`;

/** KEYS: used, held. ARGV: held write, expiry. */
const RESTORE = `
redis.call('DEL', KEYS[1])
redis.call('SET', KEYS[2], ARGV[1], 'PXAT', ARGV[2])
return 1`;

const OUTCOMES = new Set(['running', 'done', 'refused', 'unknown', 'partial']);

/** A stored use, read defensively (anything odd counts as a write that may have run). */
function parseUse(text: string): Use {
  try {
    const v = JSON.parse(text) as { outcome?: unknown; check?: unknown };
    const outcome = typeof v.outcome === 'string' && OUTCOMES.has(v.outcome) ? (v.outcome as Use['outcome']) : 'unknown';
    return typeof v.check === 'string' ? { outcome, check: v.check } : { outcome };
  } catch {
    return { outcome: 'unknown' };
  }
}

export class RedisConfirmStore implements ConfirmStore {
  constructor(private readonly redis: SharedRedis) {}

  async signingKey(): Promise<Buffer> {
    // Asked every time: a Redis that lost its data makes a new key, and every replica must then use it.
    const key = await this.redis.run((r) => r.eval(KEY, 1, this.redis.key('confirm:key'), randomBytes(32).toString('base64')));
    if (typeof key !== 'string') throw new Error('confirmation key missing in Redis');
    return Buffer.from(key, 'base64');
  }

  async hold(nonce: string, write: HeldWrite, expires: number): Promise<void> {
    await this.redis.run((r) => r.set(this.held(nonce), JSON.stringify(write), 'PXAT', expires));
  }

  async claim(nonce: string, expires: number): Promise<Use | null> {
    const u = await this.redis.run((r) => r.eval(CLAIM, 1, this.used(nonce), expires));
    return typeof u === 'string' ? parseUse(u) : null;
  }

  async take(nonce: string, expires: number): Promise<Taken> {
    const res = await this.redis.run((r) => r.eval(TAKE, 2, this.used(nonce), this.held(nonce), expires));
    const [kind, value] = Array.isArray(res) ? (res as unknown[]) : [];
    if (kind === 'used' && typeof value === 'string') return { used: parseUse(value) };
    if (kind === 'held' && typeof value === 'string') return { held: JSON.parse(value) as HeldWrite };
    return { missing: true };
  }

  async restore(nonce: string, write: HeldWrite, expires: number): Promise<void> {
    await this.redis.run((r) => r.eval(RESTORE, 2, this.used(nonce), this.held(nonce), JSON.stringify(write), expires));
  }

  async settle(nonce: string, use: Use): Promise<void> {
    await this.redis.run((r) => r.set(this.used(nonce), JSON.stringify(use), 'KEEPTTL', 'XX'));
  }

  private used(nonce: string): string {
    return this.redis.key(`confirm:used:${nonce}`);
  }

  private held(nonce: string): string {
    return this.redis.key(`confirm:held:${nonce}`);
  }
}
