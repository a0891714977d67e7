/**
 * Two replicas (two real servers on their own sockets) against one fake Autotask, sharing a real
 * Redis (Debian's redis-server, started here): Autotask's 3-per-endpoint limit holds across both
 * at the fake's own counter, the budget is counted once, a token previewed on one replica
 * confirms on the other exactly once, and losing Redis refuses writes while reads go on.
 * The same scenario without REDIS_URL is the control: it shows what sharing prevents.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startFakeAutotask } from '../../src/fake/server.js';
import type { FakeAutotask } from '../../src/fake/types.js';
import { buildDemoSeed } from '../../src/demo/seed.js';
import { leakedSentinels, SENTINELS, startHarness, type Harness } from '../helpers/harness.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { call, writeRequests } from '../tools/framework/call.js';

let redis: TestRedis;
let fake: FakeAutotask;
beforeAll(async () => {
  redis = await startRedis();
  // Each answer takes a while, as at a real tenant, so concurrent requests overlap at the fake.
  fake = await startFakeAutotask({
    credentials: { integrationCode: SENTINELS.integrationCode, username: SENTINELS.username, secret: SENTINELS.secret },
    seed: buildDemoSeed(),
    latencyMs: 120,
  });
}, 30_000);
afterAll(async () => {
  await fake?.close();
  await redis?.close();
});

interface Replica {
  h: Harness;
  client: Client;
}
let replicas: Replica[] = [];
afterEach(async () => {
  for (const r of replicas) {
    expect(leakedSentinels(r.h.logs)).toEqual([]);
    await r.h.close();
  }
  replicas = [];
});

async function startReplicas(env: Record<string, string>): Promise<Replica[]> {
  for (let i = 0; i < 2; i++) {
    const h = await startHarness({ sharedFake: fake, env });
    replicas.push({ h, client: await h.connect() });
  }
  return replicas;
}

const shared = () => ({ REDIS_URL: redis.url });
const ticketId = () => fake.records('Tickets')[7].id;
const noteArgs = (text: string) => ({ entity: 'TicketNotes', parentId: ticketId(), fields: { title: text, description: text, noteType: 1, publish: 2 } });

/** 12 concurrent count_entities calls, alternating between the replicas. */
async function burst(rs: Replica[]): Promise<{ errors: number; maxInFlight: number; requests: number }> {
  fake.resetInFlightStats();
  fake.clearRequests();
  const results = await Promise.all(Array.from({ length: 12 }, (_, i) => call(rs[i % 2].client, 'count_entities', { entity: 'Tickets' })));
  return { errors: results.filter((r) => r.isError).length, maxInFlight: fake.maxInFlight('Tickets'), requests: fake.requests.filter((r) => /^Tickets\//i.test(r.route)).length };
}

describe('replicas sharing Redis', () => {
  it('control, no REDIS_URL: each replica limits only itself, so the fake sees more than 3 in flight', async () => {
    const rs = await startReplicas({});
    await call(rs[0].client, 'get_api_usage');
    const b = await burst(rs);
    const [e1, e2] = await Promise.all(rs.map((r) => r.h.deps.api.budgetStatus?.({ maxWaitMs: 0 }) ?? Promise.resolve(null)));
    console.info(`[replicas] without Redis: max in flight on Tickets ${b.maxInFlight}, Tickets requests ${b.requests}, failed calls ${b.errors}; budget replica 1 sent since reading ${e1?.sentSince}, replica 2 ${e2 ? e2.sentSince : 'no reading'}`);
    expect(b.maxInFlight).toBeGreaterThan(3);
    // Each replica counts only what it sent itself.
    expect(e1?.sentSince).toBeLessThan(fake.requests.length);
    expect(e2).toBeNull();
  });

  it('12 concurrent calls over both replicas never put more than 3 in flight on one endpoint; the budget is counted once', async () => {
    const rs = await startReplicas(shared());
    // A reading on replica 1 starts the shared count.
    const usage = await call(rs[0].client, 'get_api_usage');
    expect(usage.isError).toBe(false);
    const b = await burst(rs);
    const [e1, e2] = await Promise.all(rs.map((r) => r.h.deps.api.budgetStatus?.({ maxWaitMs: 0 }) ?? Promise.resolve(null)));
    console.info(`[replicas] with Redis: max in flight on Tickets ${b.maxInFlight}, Tickets requests ${b.requests}, failed calls ${b.errors}; budget replica 1 used ${e1?.used} (sent since reading ${e1?.sentSince}), replica 2 used ${e2?.used} (sent since ${e2?.sentSince})`);
    expect(b.errors).toBe(0);
    expect(b.requests).toBe(12);
    expect(b.maxInFlight).toBe(3);
    // Both replicas see every request either of them sent since the reading, once.
    expect(e1).not.toBeNull();
    expect(e1?.sentSince).toBe(fake.requests.length);
    expect(e2?.used).toBe(e1?.used);
    expect(e2?.sentSince).toBe(e1?.sentSince);
  });

  it('a token previewed on replica 1 confirms on replica 2 exactly once; a replay on either is refused', async () => {
    const [r1, r2] = await startReplicas(shared());
    const before = fake.records('TicketNotes').length;
    const preview = await call(r1.client, 'create_entity', noteArgs('Shared confirm'));
    expect(preview.structured).toMatchObject({ status: 'confirmation_required' });
    const token = preview.structured.confirmationToken as string;
    fake.clearRequests();
    // Both replicas at once: one executes, the other is refused.
    const both = await Promise.all([r2, r1].map((r) => call(r.client, 'create_entity', { ...noteArgs('Shared confirm'), confirmationToken: token })));
    expect(both.filter((r) => !r.isError)).toHaveLength(1);
    expect(both.find((r) => r.isError)?.text).toMatch(/confirmationToken (is confirming a write that is still running|was already used)/);
    for (const r of [r1, r2]) {
      const replay = await call(r.client, 'create_entity', { ...noteArgs('Shared confirm'), confirmationToken: token });
      expect(replay.isError).toBe(true);
      expect(replay.text).toMatch(/already used: the write it confirmed was executed/);
    }
    expect(writeRequests(fake.requests)).toHaveLength(1);
    expect(fake.records('TicketNotes').length).toBe(before + 1);
  });

  it('Redis stopped mid-run: writes are refused with a clear error, reads go on; both recover when it returns', async () => {
    const [r1, r2] = await startReplicas(shared());
    const held = await call(r1.client, 'create_entity', noteArgs('Before the outage'));
    expect(held.isError).toBe(false);
    await redis.stop();
    try {
      fake.clearRequests();
      for (const r of [r1, r2]) {
        const read = await call(r.client, 'count_entities', { entity: 'Tickets' });
        expect(read.isError).toBe(false);
        const write = await call(r.client, 'create_entity', noteArgs('During the outage'));
        expect(write.isError).toBe(true);
        expect(write.text).toMatch(/Redis is unreachable right now, so writes are refused \(reads go on\)\. Nothing was written\./);
        const confirm = await call(r.client, 'create_entity', { ...noteArgs('Before the outage'), confirmationToken: held.structured.confirmationToken as string });
        expect(confirm.isError).toBe(true);
        expect(confirm.text).toMatch(/writes are refused/);
        // One line says so, however many calls failed.
        expect(r.h.logEvents().filter((e) => /Redis unreachable/.test(String(e.msg)))).toHaveLength(1);
      }
      expect(writeRequests(fake.requests)).toEqual([]);
    } finally {
      await redis.start();
    }
    // Back: a fresh preview on one replica confirms on the other (Redis came back empty: a new key).
    const deadline = Date.now() + 15_000;
    let preview = await call(r1.client, 'create_entity', noteArgs('After the outage'));
    while (preview.isError && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      preview = await call(r1.client, 'create_entity', noteArgs('After the outage'));
    }
    expect(preview.isError).toBe(false);
    let done = await call(r2.client, 'create_entity', { ...noteArgs('After the outage'), confirmationToken: preview.structured.confirmationToken as string });
    while (done.isError && /writes are refused/.test(done.text) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      done = await call(r2.client, 'create_entity', { ...noteArgs('After the outage'), confirmationToken: preview.structured.confirmationToken as string });
    }
    expect(done.isError).toBe(false);
    expect(r1.h.logEvents().some((e) => /Redis reachable again/.test(String(e.msg)))).toBe(true);
  }, 40_000);
});
