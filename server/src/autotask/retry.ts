/**
 * Retry policy. Only reads are retried: a write that timed out may already have been applied by
 * Autotask, and repeating it could create a duplicate ticket or note.
 */

export interface RetryPolicy {
  maxRetries: number;
  /** First backoff step; doubles per attempt. */
  baseDelayMs: number;
  /** Upper bound of one exponential step (before jitter). */
  maxDelayMs: number;
  /** Upper bound for an honoured Retry-After header. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
};

/** Why an attempt failed, as far as retrying is concerned. */
export type FailureClass =
  | { type: 'status'; status: number; retryAfter?: string; threadLimit?: boolean }
  | { type: 'timeout' }
  | { type: 'reset' }
  | { type: 'network'; code: string };

/**
 * True for requests that cannot change data: GET, the query family (query, query/next,
 * query/count — POSTs that only read) and metadata. Everything else counts as a write.
 */
export function isReadRequest(method: string, path: string): boolean {
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD') return true;
  if (m !== 'POST') return false;
  const clean = path.split('?')[0].replace(/\/+$/, '').toLowerCase();
  return /(^|\/)query(\/next|\/count)?$/.test(clean);
}

/** Network error codes worth retrying for reads (the connection broke or never formed). */
const RETRYABLE_NETWORK_CODES = new Set(['ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export function isRetryableFailure(f: FailureClass): boolean {
  switch (f.type) {
    case 'status':
      return f.status === 429 || f.status === 502 || f.status === 503 || f.status === 504 || f.threadLimit === true;
    case 'timeout':
    case 'reset':
      return true;
    case 'network':
      return RETRYABLE_NETWORK_CODES.has(f.code);
  }
}

/**
 * Retry-After in seconds or as an HTTP-date, converted to milliseconds and capped.
 * Returns null when absent or unparseable.
 */
export function parseRetryAfter(value: string | undefined | null, nowMs: number, capMs: number): number | null {
  if (value === undefined || value === null) return null;
  const v = String(value).trim();
  if (v === '') return null;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(v)) {
    ms = Number(v) * 1000;
  } else {
    const at = Date.parse(v);
    if (Number.isNaN(at)) return null;
    ms = at - nowMs;
  }
  return Math.min(Math.max(0, Math.ceil(ms)), capMs);
}

/**
 * Delay before retry number `retry` (1-based). A server-provided Retry-After wins (plus a little
 * jitter so queued callers do not stampede together); otherwise exponential backoff with
 * "equal jitter": half fixed, half random.
 */
export function retryDelayMs(retry: number, policy: RetryPolicy, random: () => number, retryAfterMs: number | null): number {
  if (retryAfterMs !== null) return retryAfterMs + Math.floor(random() * 100);
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(step / 2 + random() * (step / 2));
}

/** setTimeout as a promise that rejects with the signal's reason when aborted. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The error to throw for an aborted signal (its reason, or a standard AbortError). */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}
