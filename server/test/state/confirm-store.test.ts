/** Confirmation state in a real Redis, seen from two services (replicas): one key, held writes taken once, outcomes and releases visible to both. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { argumentsHash, ConfirmationService, type HeldWrite } from '../../src/tools/confirm.js';
import { RedisConfirmStore } from '../../src/state/confirm-store.js';
import { SharedRedis } from '../../src/state/redis.js';
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

async function replica(): Promise<ConfirmationService> {
  const r = new SharedRedis({ url: redis.url, logger: pino({ level: 'silent' }), prefix: 'confirm-test:' });
  await r.start();
  opened.push(r);
  return new ConfirmationService(60_000, Date.now, undefined, new RedisConfirmStore(r));
}

const write = (title: string): HeldWrite => ({
  request: { tool: 'update_ticket', method: 'PATCH', path: 'Tickets', body: { id: 5, title } },
  plan: { operation: 'update', entity: 'Tickets', id: 5, body: { id: 5, title }, summary: `Retitle ticket 5 to ${title}`, expected: { title: 'old' } },
  plannedAt: Date.now(),
});
const args = (title: string) => argumentsHash('update_ticket', { id: 5, title });

describe('RedisConfirmStore', () => {
  it('a write held on one replica is redeemed on the other with its exact plan, once; its outcome is what a replay hears', async () => {
    const [a, b] = [await replica(), await replica()];
    const held = write('x');
    const { token } = await a.hold(held, args('x'));
    expect(await b.redeem(token, args('y'))).toMatchObject({ ok: false, reason: 'payload' });
    const r = await b.redeem(token, args('x'));
    if (!r.ok) throw new Error(r.message);
    expect(r.held).toEqual(held);
    expect(await a.redeem(token, args('x'))).toMatchObject({ ok: false, reason: 'reused', message: expect.stringMatching(/still running/) });
    r.settle('refused');
    await new Promise((res) => setTimeout(res, 50));
    expect(await a.redeem(token, args('x'))).toMatchObject({ ok: false, reason: 'reused', message: expect.stringMatching(/Autotask refused the write/) });
  });

  it('a released token confirms again on the other replica', async () => {
    const [a, b] = [await replica(), await replica()];
    const { token } = await a.hold(write('z'), args('z'));
    const first = await a.redeem(token, args('z'));
    if (!first.ok) throw new Error(first.message);
    first.release();
    await new Promise((res) => setTimeout(res, 50));
    expect(await b.redeem(token, args('z'))).toMatchObject({ ok: true });
  });

  it('a Redis that lost its data has a new key: older tokens are refused as not issued here', async () => {
    const [a, b] = [await replica(), await replica()];
    const { token } = await a.hold(write('w'), args('w'));
    await opened[0].client.flushall();
    expect(await b.redeem(token, args('w'))).toMatchObject({ ok: false, reason: 'signature' });
  });
});
