/** The Redis-shared limiter alone, against a real redis-server: leases of a dead replica expire; a write without Redis fails closed, a read goes on. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { SharedRedis } from '../../src/state/redis.js';
import { SharedLimiter } from '../../src/state/limiter.js';
import { SharedStateUnavailable } from '../../src/state/errors.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

let redis: TestRedis;
const opened: SharedRedis[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(opened.map((r) => r.close()));
  await redis?.close();
});

async function connect(prefix: string): Promise<SharedRedis> {
  const r = new SharedRedis({ url: redis.url, logger: pino({ level: 'silent' }), prefix });
  await r.start();
  opened.push(r);
  return r;
}

describe('SharedLimiter', () => {
  it('holds 3 slots across replicas, and frees the slots of a replica that died once its leases expire', async () => {
    // Leases long enough that a loaded 2-core CI stalling the event loop cannot expire a live one.
    const a = new SharedLimiter(await connect('t1:'), 3, { leaseMs: 1_000, pollMs: 10 });
    const deadRedis = await connect('t1:');
    const dead = new SharedLimiter(deadRedis, 3, { leaseMs: 1_000, pollMs: 10 });
    for (let i = 0; i < 3; i++) await dead.acquire('Tickets', {});
    deadRedis.client.disconnect(); // the replica is gone: its leases are never renewed nor released
    const started = Date.now();
    // Freed by expiry, not by a release: not before the lease ends, and before the 8 s give-up.
    const release = await a.acquire('tickets', { giveUpAt: Date.now() + 8_000 });
    const waited = Date.now() - started;
    release();
    expect(waited).toBeGreaterThanOrEqual(900);
  });

  it('renews the leases of a long request: no fourth slot while three are held', async () => {
    const one = new SharedLimiter(await connect('t2:'), 3, { leaseMs: 1_000, pollMs: 10 });
    const two = new SharedLimiter(await connect('t2:'), 3, { leaseMs: 1_000, pollMs: 10 });
    const held = await Promise.all([0, 1, 2].map(() => one.acquire('Companies', {})));
    // Three lease lifetimes later the slots are still held: the other replica gives up.
    await expect(two.acquire('Companies', { giveUpAt: Date.now() + 3_000 })).rejects.toMatchObject({ name: 'QueueTimeout', running: 3, maxPerKey: 3 });
    held.forEach((r) => r());
    const r = await two.acquire('Companies', { giveUpAt: Date.now() + 1_000 });
    r();
  });

  it('without Redis a write is refused (SharedStateUnavailable), a read goes on under the local limit', async () => {
    const gone = await connect('t3:');
    gone.client.disconnect();
    const limiter = new SharedLimiter(gone, 3);
    await expect(limiter.acquire('Tickets', { write: true })).rejects.toBeInstanceOf(SharedStateUnavailable);
    const release = await limiter.acquire('Tickets', { write: false });
    release();
    expect(gone.healthy).toBe(false);
  });
});
