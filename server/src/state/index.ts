/**
 * The shared state of a deployment with several replicas (REDIS_URL): what the Autotask client
 * and the confirmation service use instead of their in-process defaults.
 */
import type { Logger } from 'pino';
import type { AppConfig, AutotaskCredentials } from '../config/types.js';
import type { AutotaskClientOptions } from '../autotask/client-options.js';
import type { ConfirmStore } from '../tools/confirm-store.js';

export interface SharedState {
  client: Pick<AutotaskClientOptions, 'limiter' | 'budgetShare'>;
  confirmStore: ConfirmStore;
  close(): Promise<void>;
}

/**
 * Connects to Redis (a failure is logged and retried in the background; writes are refused
 * meanwhile). Keys are per Autotask integration; demo replicas (random per-process credentials,
 * each its own demo tenant) share one demo namespace.
 */
export async function startSharedState(config: AppConfig, credentials: AutotaskCredentials | null, logger: Logger): Promise<SharedState | null> {
  if (!config.redisUrl) return null;
  // Loaded only with REDIS_URL: ioredis alone adds ~23 MB to the RSS of every server without it.
  const [{ keyPrefix, SharedRedis }, { SharedLimiter }, { SharedBudget }, { RedisConfirmStore }] = await Promise.all([
    import('./redis.js'),
    import('./limiter.js'),
    import('./budget.js'),
    import('./confirm-store.js'),
  ]);
  const prefix = credentials ? keyPrefix(credentials.integrationCode, credentials.username) : 'autotask-mcp:demo:';
  const redis = new SharedRedis({ url: config.redisUrl, logger, prefix });
  await redis.start();
  return {
    client: { limiter: new SharedLimiter(redis, config.autotask.maxConcurrencyPerEntity), budgetShare: new SharedBudget(redis) },
    confirmStore: new RedisConfirmStore(redis),
    close: () => redis.close(),
  };
}
