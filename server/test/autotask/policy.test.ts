/** Unit tests of the client's building blocks: redaction, retry policy, limiter, single-flight cache. */
import { describe, expect, it } from 'vitest';
import { SingleFlightCache } from '../../src/autotask/cache.js';
import { KeyedLimiter } from '../../src/autotask/limiter.js';
import { REDACTED, headerRedactPaths, redactHeaders, redactSecrets } from '../../src/autotask/redact.js';
import { DEFAULT_RETRY_POLICY, abortableSleep, isReadRequest, isRetryableFailure, parseRetryAfter, retryDelayMs } from '../../src/autotask/retry.js';
import { rejection } from './support.js';

describe('redactSecrets', () => {
  it('removes raw, URL-encoded and differently-cased secrets', () => {
    const text = 'user=a.b%40x.example secret S3cret-Value and s3cret-value, code ABCD-1234';
    const out = redactSecrets(text, ['a.b@x.example', 'S3cret-Value', 'ABCD-1234']);
    expect(out).toBe(`user=${REDACTED} secret ${REDACTED} and ${REDACTED}, code ${REDACTED}`);
  });

  it('treats regex characters literally and ignores empty or tiny values', () => {
    expect(redactSecrets('a+b(c)*d here', ['a+b(c)*d'])).toBe(`${REDACTED} here`);
    expect(redactSecrets('abc', ['', 'a', null, undefined])).toBe('abc');
  });

  it('removes the longer secret whole when one contains another', () => {
    expect(redactSecrets('xx-SECRET-LONG-yy', ['SECRET', 'SECRET-LONG'])).toBe(`xx-${REDACTED}-yy`);
  });

  it('redacts credential headers whatever their case, keeps others', () => {
    const out = redactHeaders({ ApiIntegrationCode: 'c', username: 'u', SECRET: 's', Authorization: 'Bearer t', 'Content-Type': 'application/json' });
    expect(out).toEqual({ ApiIntegrationCode: REDACTED, username: REDACTED, SECRET: REDACTED, Authorization: REDACTED, 'Content-Type': 'application/json' });
    expect(headerRedactPaths(['headers'])).toContain('headers["secret"]');
  });
});

describe('retry policy', () => {
  it('classifies reads and writes', () => {
    expect(isReadRequest('GET', 'Tickets/1')).toBe(true);
    expect(isReadRequest('POST', 'Tickets/query')).toBe(true);
    expect(isReadRequest('POST', 'Tickets/query/next?paging=x')).toBe(true);
    expect(isReadRequest('POST', 'Tickets/query/count')).toBe(true);
    expect(isReadRequest('POST', 'Tickets')).toBe(false);
    expect(isReadRequest('POST', 'Tickets/5/Notes')).toBe(false);
    expect(isReadRequest('PATCH', 'Tickets')).toBe(false);
    expect(isReadRequest('PUT', 'Tickets')).toBe(false);
    expect(isReadRequest('DELETE', 'TimeEntries/3')).toBe(false);
  });

  it('retries 429, gateway errors, thread-limit text, resets and timeouts only', () => {
    for (const status of [429, 502, 503, 504]) expect(isRetryableFailure({ type: 'status', status })).toBe(true);
    for (const status of [400, 401, 403, 404, 405, 500]) expect(isRetryableFailure({ type: 'status', status })).toBe(false);
    expect(isRetryableFailure({ type: 'status', status: 500, threadLimit: true })).toBe(true);
    expect(isRetryableFailure({ type: 'reset' })).toBe(true);
    expect(isRetryableFailure({ type: 'timeout' })).toBe(true);
    expect(isRetryableFailure({ type: 'network', code: 'ECONNREFUSED' })).toBe(true);
    expect(isRetryableFailure({ type: 'network', code: 'ERR_TLS_CERT_ALTNAME_INVALID' })).toBe(false);
  });

  it('parses Retry-After seconds and HTTP-dates, capped', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now, 30_000)).toBe(2_000);
    expect(parseRetryAfter('0.5', now, 30_000)).toBe(500);
    expect(parseRetryAfter('120', now, 30_000)).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now, 30_000)).toBe(5_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now, 30_000)).toBe(0);
    expect(parseRetryAfter('soon', now, 30_000)).toBeNull();
    expect(parseRetryAfter(undefined, now, 30_000)).toBeNull();
  });

  it('backs off exponentially with jitter, and honours Retry-After', () => {
    const p = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(retryDelayMs(1, p, () => 0, null)).toBe(50);
    expect(retryDelayMs(1, p, () => 0.999, null)).toBeLessThan(100);
    expect(retryDelayMs(3, p, () => 0, null)).toBe(200);
    expect(retryDelayMs(10, p, () => 0, null)).toBe(500);
    expect(retryDelayMs(2, p, () => 0, 3_000)).toBe(3_000);
    expect(retryDelayMs(2, p, () => 0.5, 3_000)).toBe(3_050);
  });

  it('abortableSleep rejects with the abort reason', async () => {
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(new Error('stop')), 20);
    const err = await rejection(() => abortableSleep(5_000, ac.signal));
    expect((err as Error).message).toBe('stop');
    expect(Date.now() - started).toBeLessThan(4_000); // cut short, not the 5 s sleep
  });
});

describe('KeyedLimiter', () => {
  it('never exceeds the limit per key and serves waiters in FIFO order', async () => {
    const limiter = new KeyedLimiter(2);
    const order: number[] = [];
    let active = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const jobs = Array.from({ length: 6 }, (_, i) =>
      limiter.run('Tickets', async () => {
        order.push(i);
        active++;
        peak = Math.max(peak, active);
        await new Promise<void>((r) => gates.push(r));
        active--;
      }),
    );
    // Release one at a time; each release admits exactly the next waiter.
    for (let n = 0; n < 6; n++) {
      await new Promise((r) => setTimeout(r, 5));
      gates.shift()?.();
    }
    await Promise.all(jobs);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(limiter.inFlight('Tickets')).toBe(0);
  });

  it('keys are independent and case-insensitive', async () => {
    const limiter = new KeyedLimiter(1);
    const a = await limiter.acquire('Tickets');
    const b = await limiter.acquire('Companies');
    let got = false;
    const c = limiter.acquire('tickets').then((r) => {
      got = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(got).toBe(false);
    a();
    (await c)();
    b();
    expect(got).toBe(true);
  });

  it('an aborted waiter leaves the queue and the slot goes to the next one', async () => {
    const limiter = new KeyedLimiter(1);
    const hold = await limiter.acquire('k');
    const ac = new AbortController();
    const aborted = limiter.acquire('k', ac.signal);
    const next = limiter.acquire('k');
    expect(limiter.queued('k')).toBe(2);
    ac.abort();
    await expect(aborted).rejects.toBeDefined();
    expect(limiter.queued('k')).toBe(1);
    hold();
    hold(); // idempotent: a second call must not free another slot
    const r = await next;
    expect(limiter.inFlight('k')).toBe(1);
    r();
    expect(limiter.inFlight('k')).toBe(0);
  });

  it('releases the slot when the job throws', async () => {
    const limiter = new KeyedLimiter(1);
    await expect(limiter.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(limiter.inFlight('k')).toBe(0);
    await expect(limiter.run('k', async () => 7)).resolves.toBe(7);
  });
});

describe('SingleFlightCache', () => {
  it('shares one load between concurrent callers and caches it for the TTL', async () => {
    let t = 1_000;
    const cache = new SingleFlightCache<number>(500, () => t);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return loads;
    };
    const values = await Promise.all(Array.from({ length: 10 }, () => cache.get('a', load)));
    expect(values).toEqual(Array(10).fill(1));
    expect(loads).toBe(1);
    t += 499;
    expect(await cache.get('a', load)).toBe(1);
    t += 2;
    expect(await cache.get('a', load)).toBe(2);
    expect(loads).toBe(2);
  });

  it('does not cache failures', async () => {
    const cache = new SingleFlightCache<string>(Number.POSITIVE_INFINITY);
    let calls = 0;
    const load = async () => {
      calls++;
      if (calls === 1) throw new Error('first fails');
      return 'ok';
    };
    await expect(cache.get('z', load)).rejects.toThrow('first fails');
    await expect(cache.get('z', load)).resolves.toBe('ok');
    await expect(cache.get('z', load)).resolves.toBe('ok');
    expect(calls).toBe(2);
  });

  it('one caller aborting does not cancel the shared load for the others', async () => {
    const cache = new SingleFlightCache<string>(1_000);
    let resolveLoad: (v: string) => void = () => {};
    const load = () => new Promise<string>((r) => (resolveLoad = r));
    const ac = new AbortController();
    const first = cache.get('k', load, ac.signal);
    const second = cache.get('k', load);
    ac.abort(new Error('caller gone'));
    await expect(first).rejects.toThrow('caller gone');
    resolveLoad('value');
    await expect(second).resolves.toBe('value');
  });
});
