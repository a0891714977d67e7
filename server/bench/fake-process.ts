/**
 * The bench's Autotask: the strict fake, seeded with the demo tenant, in its own process (so its
 * CPU is not the server's). Driven over IPC by bench/run.ts: `start` once, then `take` for the
 * requests that reached it since the last `take`.
 */
import { serve } from './ipc.js';
import { startFakeAutotask } from '../src/fake/server.js';
import type { FakeAutotask } from '../src/fake/types.js';
import { buildDemoSeed } from '../src/demo/seed.js';
import { demoCredentials } from '../src/demo/tenant.js';

export interface FakeStart {
  scale: number;
  latencyMs: number;
  /** The demo tenant's "now" (the bench runs a current tenant, as demo mode does). */
  now: string;
}
export interface FakeStarted {
  restBase: string;
  credentials: { integrationCode: string; username: string; secret: string };
  tickets: number;
}
export interface FakeTaken {
  requests: number;
  /** "METHOD route-shape" -> count (ids replaced by {id}). */
  routes: Record<string, number>;
}

let fake: FakeAutotask | null = null;

serve({
  async start(p: FakeStart): Promise<FakeStarted> {
    if (fake) throw new Error('already started');
    const credentials = demoCredentials();
    const seed = buildDemoSeed({ scale: p.scale, now: p.now });
    // The load runs send more requests in a minute than Autotask's hourly budget (10,000) allows, so
    // the budget governor refused them (7,309 of one run's calls). The bench measures the server,
    // not the budget: the fake reports a budget the runs cannot reach.
    fake = await startFakeAutotask({ credentials, seed, latencyMs: p.latencyMs, usage: { limit: 100_000_000 } });
    return { restBase: fake.restBase, credentials, tickets: Object.hasOwn(seed.records, 'Tickets') ? seed.records.Tickets.length : 0 };
  },
  take(): FakeTaken {
    if (!fake) throw new Error('not started');
    const routes: Record<string, number> = {};
    for (const r of fake.requests) {
      const key = `${r.method} ${r.route.replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
      routes[key] = (routes[key] ?? 0) + 1;
    }
    const requests = fake.requests.length;
    fake.clearRequests();
    return { requests, routes };
  },
});

process.on('SIGTERM', () => {
  void (fake?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});
