/**
 * Per-key FIFO semaphore. Autotask allows 3 concurrent requests per (integration code, entity
 * endpoint) and rejects the rest with "Thread Threshold Exceeded", so we queue locally instead of
 * provoking that error. Waiters are served strictly in arrival order. A waiter can give up at a
 * set time (its call's deadline no longer leaves room for the request): it leaves the queue with
 * a QueueTimeout saying how long it waited and how busy the key was.
 */
import { abortReason } from './retry.js';

export type Release = () => void;

/** A waiter gave up: no slot came free in time. Nothing was sent. */
export class QueueTimeout extends Error {
  constructor(
    readonly waitedMs: number,
    /** Requests holding the key's slots when it gave up. */
    readonly running: number,
    /** Other requests still waiting for the key. */
    readonly waiting: number,
    readonly maxPerKey: number,
  ) {
    super(`no free slot after ${waitedMs} ms`);
    this.name = 'QueueTimeout';
  }
}

export interface AcquireOptions {
  signal?: AbortSignal;
  /** Wall-clock time (ms) at which to stop waiting with a QueueTimeout. */
  giveUpAt?: number;
}

/**
 * Where the client takes a request slot: this process's KeyedLimiter, or the one shared by every
 * replica through Redis (src/state/limiter.ts), which needs to know whether a request writes.
 */
export interface SlotLimiter {
  acquire(key: string, opts: AcquireOptions & { write?: boolean }): Promise<Release>;
}

interface Waiter {
  grant: (release: Release) => void;
  reject: (reason: unknown) => void;
  cleanup: () => void;
}

interface Bucket {
  active: number;
  queue: Waiter[];
}

export class KeyedLimiter implements SlotLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly maxPerKey: number) {
    if (!Number.isInteger(maxPerKey) || maxPerKey < 1) throw new RangeError('maxPerKey must be a positive integer');
  }

  /** Wait for a slot on `key`; resolves with an idempotent release function. */
  acquire(key: string, opts: AcquireOptions | AbortSignal = {}): Promise<Release> {
    const { signal, giveUpAt } = opts instanceof AbortSignal ? { signal: opts, giveUpAt: undefined } : opts;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const k = key.toLowerCase();
    const bucket = this.bucket(k);
    if (bucket.active < this.maxPerKey && bucket.queue.length === 0) {
      bucket.active++;
      return Promise.resolve(this.releaser(k, bucket));
    }
    const started = Date.now();
    return new Promise<Release>((resolve, reject) => {
      const leave = (reason: unknown): void => {
        const i = bucket.queue.indexOf(waiter);
        if (i >= 0) bucket.queue.splice(i, 1);
        waiter.cleanup();
        this.dropIfIdle(k, bucket);
        reject(reason);
      };
      const onAbort = (): void => leave(abortReason(signal as AbortSignal));
      const timer =
        giveUpAt === undefined
          ? undefined
          : setTimeout(() => leave(new QueueTimeout(Date.now() - started, bucket.active, bucket.queue.length - 1, this.maxPerKey)), Math.max(0, giveUpAt - started));
      const waiter: Waiter = {
        grant: resolve,
        reject,
        cleanup: () => {
          signal?.removeEventListener('abort', onAbort);
          if (timer) clearTimeout(timer);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      bucket.queue.push(waiter);
    });
  }

  /** Run `fn` holding a slot on `key`; the slot is released however `fn` ends. */
  async run<T>(key: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(key, { signal });
    try {
      return await fn();
    } finally {
      release();
    }
  }

  inFlight(key: string): number {
    return this.buckets.get(key.toLowerCase())?.active ?? 0;
  }

  queued(key: string): number {
    return this.buckets.get(key.toLowerCase())?.queue.length ?? 0;
  }

  private bucket(k: string): Bucket {
    let b = this.buckets.get(k);
    if (!b) {
      b = { active: 0, queue: [] };
      this.buckets.set(k, b);
    }
    return b;
  }

  private releaser(k: string, bucket: Bucket): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = bucket.queue.shift();
      if (next) {
        // Hand the slot straight to the next waiter: `active` stays the same.
        next.cleanup();
        next.grant(this.releaser(k, bucket));
      } else {
        bucket.active--;
        this.dropIfIdle(k, bucket);
      }
    };
  }

  private dropIfIdle(k: string, bucket: Bucket): void {
    if (bucket.active === 0 && bucket.queue.length === 0 && this.buckets.get(k) === bucket) this.buckets.delete(k);
  }
}
