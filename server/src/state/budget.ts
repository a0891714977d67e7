/**
 * The hourly request budget counted once for every replica: the latest ThresholdInformation
 * reading any replica took and the requests all of them sent since, in Redis. While Redis is
 * away each replica goes on counting on its own (src/autotask/budget.ts); reads are not refused
 * for the count's sake.
 */
import type { BudgetShare, Reading } from '../autotask/budget.js';
import type { SharedRedis } from './redis.js';

/** KEYS: reading hash, sent counter. ARGV: used, limit, window minutes, at, ttl ms. An older reading never replaces a newer one. */
const RECORD = `
local at = tonumber(redis.call('HGET', KEYS[1], 'at') or '0')
if at > tonumber(ARGV[4]) then return 0 end
redis.call('HSET', KEYS[1], 'used', ARGV[1], 'limit', ARGV[2], 'window', ARGV[3], 'at', ARGV[4])
redis.call('SET', KEYS[2], '0')
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return 1`;

/** A reading older than two windows says nothing about the current one. */
const TTL_MS = 2 * 60 * 60_000;

const num = (v: string | undefined): number | null => {
  const n = Number(v);
  return v !== undefined && Number.isFinite(n) ? n : null;
};

export class SharedBudget implements BudgetShare {
  private readonly readingKey: string;
  private readonly sentKey: string;

  constructor(private readonly redis: SharedRedis) {
    this.readingKey = redis.key('budget:reading');
    this.sentKey = redis.key('budget:sent');
  }

  sent(): void {
    // Counting must not delay the request; a lost increment only makes the estimate a little low.
    this.redis.run((r) => r.incr(this.sentKey)).catch(() => undefined);
  }

  record(reading: Reading): void {
    this.redis
      .run((r) => r.eval(RECORD, 2, this.readingKey, this.sentKey, reading.used, reading.limit, reading.windowMinutes, reading.at, TTL_MS))
      .catch(() => undefined);
  }

  async pull(): Promise<{ reading: Reading; sentSince: number } | null> {
    try {
      const [h, sent] = await this.redis.run(async (r) => Promise.all([r.hgetall(this.readingKey), r.get(this.sentKey)]));
      const used = num(h.used);
      const limit = num(h.limit);
      const windowMinutes = num(h.window);
      const at = num(h.at);
      if (used === null || limit === null || windowMinutes === null || at === null) return null;
      return { reading: { used, limit, windowMinutes, at }, sentSince: num(sent ?? undefined) ?? 0 };
    } catch {
      return null;
    }
  }
}
