/**
 * What typical agent tasks cost in Autotask requests (everything that reached the fake, metadata
 * included), with a fresh server (cold: every cache empty) and repeated (warm). The bounds are
 * the budget: a change that spends more fails here and shows the requests it sent.
 */
import { describe, expect, it } from 'vitest';
import { startHarness } from '../../helpers/harness.js';
import { TASKS } from './tasks.js';

const routes = (requests: ReadonlyArray<{ method: string; route: string }>) => requests.map((r) => `${r.method} ${r.route}`);

describe('Autotask requests per task', () => {
  it.each(TASKS)('$name: at most $bound.cold cold and $bound.warm warm', async (task) => {
    const h = await startHarness();
    try {
      const client = await h.connect();
      h.fake.clearRequests();
      await task.run(client, 0);
      const cold = routes(h.fake.requests);
      h.fake.clearRequests();
      await task.run(client, 1);
      const warm = routes(h.fake.requests);
      expect(cold.length, `cold: ${cold.join(', ')}`).toBeLessThanOrEqual(task.bound.cold);
      expect(warm.length, `warm: ${warm.join(', ')}`).toBeLessThanOrEqual(task.bound.warm);
    } finally {
      await h.close();
    }
  });
});
