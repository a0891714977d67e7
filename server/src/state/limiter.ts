/**
 * Autotask's 3-requests-per-endpoint limit shared by every replica: each request holds a lease
 * in a Redis sorted set (member = lease id, score = expiry on Redis' clock), taken by an atomic
 * Lua script only while fewer than the limit are live. Leases are renewed while the request
 * runs and expire on their own when a replica dies, so a crash cannot leak a slot for long.
 *
 * In front sits this replica's own FIFO limiter (the same limit): it keeps the order of local
 * waiters and is all that remains for reads while Redis is away. Writes then fail closed.
 */
import { randomBytes } from 'node:crypto';
import { KeyedLimiter, QueueTimeout, type AcquireOptions, type Release, type SlotLimiter } from '../autotask/limiter.js';
import { abortableSleep } from '../autotask/retry.js';
import { SharedStateUnavailable } from './errors.js';
import type { SharedRedis } from './redis.js';

/** KEYS[1] leases; ARGV: max, lease id, lease ms. 1 = taken, 0 = full. */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
  return 1
end
return 0`;

/** KEYS[1] leases; ARGV: lease id, lease ms. Extends a live lease (0 when it already expired). */
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local s = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not s or tonumber(s) < now then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
return 1`;

export interface SharedLimiterOptions {
  /** How long a lease lives without renewal (a dead replica's slot frees after this). */
  leaseMs?: number;
  /** Pause between tries while every slot is taken. */
  pollMs?: number;
}

export class SharedLimiter implements SlotLimiter {
  private readonly local: KeyedLimiter;
  private readonly leaseMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly redis: SharedRedis,
    private readonly maxPerKey: number,
    opts: SharedLimiterOptions = {},
  ) {
    this.local = new KeyedLimiter(maxPerKey);
    this.leaseMs = opts.leaseMs ?? 10_000;
    this.pollMs = opts.pollMs ?? 15;
  }

  async acquire(key: string, opts: AcquireOptions & { write?: boolean } = {}): Promise<Release> {
    const localRelease = await this.local.acquire(key, opts);
    try {
      const shared = await this.sharedSlot(key.toLowerCase(), opts);
      return () => {
        shared();
        localRelease();
      };
    } catch (err) {
      // Redis away: a read goes on under this replica's own limit (SharedRedis logged the loss once).
      if (err instanceof SharedStateUnavailable && !opts.write) return localRelease;
      localRelease();
      throw err;
    }
  }

  private async sharedSlot(key: string, opts: AcquireOptions): Promise<Release> {
    const leases = this.redis.key(`slots:${key}`);
    const id = randomBytes(9).toString('base64url');
    const started = Date.now();
    for (;;) {
      const taken = await this.redis.run((r) => r.eval(ACQUIRE, 1, leases, this.maxPerKey, id, this.leaseMs));
      if (taken === 1) break;
      if (opts.giveUpAt !== undefined && Date.now() + this.pollMs >= opts.giveUpAt) {
        const running = await this.redis.run((r) => r.zcard(leases)).catch(() => this.maxPerKey);
        throw new QueueTimeout(Date.now() - started, running, 0, this.maxPerKey);
      }
      // Jitter keeps replicas from polling in lockstep.
      await abortableSleep(this.pollMs + Math.floor(Math.random() * this.pollMs), opts.signal);
    }
    const renew = setInterval(() => {
      this.redis.run((r) => r.eval(RENEW, 1, leases, id, this.leaseMs)).catch(() => undefined);
    }, Math.floor(this.leaseMs / 3));
    renew.unref();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      clearInterval(renew);
      // Best effort: a lease that cannot be removed now expires on its own.
      this.redis.run((r) => r.zrem(leases, id)).catch(() => undefined);
    };
  }
}
