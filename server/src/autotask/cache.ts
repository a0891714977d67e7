/**
 * A TTL cache with single-flight loading: concurrent misses for one key share one load, and a
 * failed load is not cached (the next caller tries again). Used for zone detection and metadata.
 */
import { abortReason } from './retry.js';

interface Entry<V> {
  value?: V;
  expiresAt: number;
  loading?: Promise<V>;
}

export class SingleFlightCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  /** `ttlMs` may be Infinity (cache until cleared) or 0 (single-flight only). */
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The cached value, or the result of `load()`. The load itself ignores any one caller's
   * signal (others may be waiting on it); each caller stops waiting when its own signal aborts.
   */
  get(key: string, load: () => Promise<V>, signal?: AbortSignal): Promise<V> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const hit = this.entries.get(key);
    if (hit && hit.loading) return raceAbort(hit.loading, signal);
    if (hit && hit.value !== undefined && this.now() < hit.expiresAt) return Promise.resolve(hit.value);

    const entry: Entry<V> = { expiresAt: 0 };
    entry.loading = load().then(
      (value) => {
        entry.value = value;
        entry.expiresAt = this.now() + this.ttlMs;
        entry.loading = undefined;
        if (this.ttlMs <= 0 && this.entries.get(key) === entry) this.entries.delete(key);
        return value;
      },
      (err: unknown) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        throw err;
      },
    );
    this.entries.set(key, entry);
    return raceAbort(entry.loading, signal);
  }

  /** Cached value without loading (undefined when absent or expired). */
  peek(key: string): V | undefined {
    const e = this.entries.get(key);
    return e && e.value !== undefined && this.now() < e.expiresAt ? e.value : undefined;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Resolve like `p`, or reject with the abort reason as soon as `signal` aborts. */
export function raceAbort<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
