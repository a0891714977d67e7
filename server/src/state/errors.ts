/** Errors of the shared state (src/state/), without the Redis client, so the Autotask client can name them. */

/** A Redis command failed or Redis is unreachable: what depends on it fails closed. */
export class SharedStateUnavailable extends Error {
  constructor(cause: unknown) {
    super(`shared state (Redis) unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'SharedStateUnavailable';
  }
}

/** What a write answers while Redis is away (a tool error the model can pass on). */
export const WRITES_NEED_REDIS =
  "This server runs as one of several replicas that share Autotask's limits and confirmation tokens through Redis, and Redis is unreachable right now, so writes are refused (reads go on). Nothing was written. Try again in a minute; if it persists, tell the administrator to check Redis (REDIS_URL).";
