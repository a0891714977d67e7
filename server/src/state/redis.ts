/**
 * The Redis connection behind the shared state (REDIS_URL): limits, budget and confirmations of
 * every replica of one deployment. Commands fail fast while Redis is away (no offline queue), so
 * a write is refused at once instead of hanging; the client keeps reconnecting in the
 * background. One log line when Redis is lost and one when it is back.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { SharedStateUnavailable } from './errors.js';

export interface SharedRedisOptions {
  url: string;
  logger: Logger;
  /** Namespace of this deployment's keys (see keyPrefix()). */
  prefix: string;
  /** Milliseconds a command may take before it counts as failed. */
  commandTimeoutMs?: number;
}

/** Keys of one Autotask integration (its limits are per integration code and tenant): a hash, never the code itself. */
export function keyPrefix(integrationCode: string, username: string): string {
  return `autotask-mcp:${createHash('sha256').update(`${integrationCode}\0${username}`).digest('hex').slice(0, 16)}:`;
}

export class SharedRedis {
  readonly client: Redis;
  readonly prefix: string;
  private readonly log: Logger;
  private up = true;

  constructor(opts: SharedRedisOptions) {
    this.prefix = opts.prefix;
    this.log = opts.logger.child({ component: 'shared-state' });
    this.client = new Redis(opts.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      commandTimeout: opts.commandTimeoutMs ?? 2_000,
      // Keep trying in the background: the state is shared again as soon as Redis is back.
      retryStrategy: (times: number) => Math.min(100 * times, 2_000),
    });
    // Without a listener an 'error' event would crash the process; run() reports the loss once.
    this.client.on('error', (err: Error) => this.down(err));
    this.client.on('ready', () => this.back());
  }

  /** Connect once at start-up; a failure is logged and the client keeps retrying. */
  async start(): Promise<void> {
    try {
      await this.client.connect();
      this.log.info({ redis: this.where() }, 'shared state: Redis connected (limits, budget and confirmations are shared by every replica)');
    } catch (err) {
      this.down(err);
    }
  }

  /** Whether the last command (or connection event) succeeded. */
  get healthy(): boolean {
    return this.up;
  }

  /** Run a Redis operation; failures become SharedStateUnavailable (and are logged once). */
  async run<T>(op: (r: Redis) => Promise<T>): Promise<T> {
    try {
      const v = await op(this.client);
      this.back();
      return v;
    } catch (err) {
      this.down(err);
      throw new SharedStateUnavailable(err);
    }
  }

  key(name: string): string {
    return this.prefix + name;
  }

  async close(): Promise<void> {
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  private where(): string {
    const o = this.client.options;
    return o.path ?? `${o.host ?? 'localhost'}:${o.port ?? 6379}`;
  }

  private down(err: unknown): void {
    if (!this.up) return;
    this.up = false;
    this.log.error(
      { redis: this.where(), err: err instanceof Error ? err.message : String(err) },
      'shared state: Redis unreachable; writes are refused and reads use this replica’s own limiter and budget count until it is back',
    );
  }

  private back(): void {
    if (this.up || this.client.status !== 'ready') return;
    this.up = true;
    this.log.warn({ redis: this.where() }, 'shared state: Redis reachable again; limits, budget and confirmations are shared again');
  }
}
