/**
 * Bounded soak (the long run is `npm run soak`): 200 mcp-remote-like sessions a round open,
 * call and are abandoned without DELETE, against the default session limits. No lock-out,
 * sessions reclaimed by eviction, heap after GC within 10 % of the first round, no growth in
 * open file descriptors.
 */
import { describe, expect, it } from 'vitest';
import { runSoak, soakProblems } from './runner.js';

describe('soak (bounded)', () => {
  it('2 rounds of 200 abandoned sessions: no lock-out, sessions reclaimed, no heap or fd growth', async () => {
    const report = await runSoak({ sessionsPerRound: 200, rounds: 2, concurrency: 8 });
    expect(soakProblems(report)).toEqual([]);
    expect(report.totals).toMatchObject({ sessions: 400, calls: 200, failures: 0, refused503: 0, leakedSentinels: 0 });
    // 400 sessions through the default cap of 100: every one beyond the cap was evicted.
    expect(report.rounds.map((r) => r.liveSessions)).toEqual([100, 100]);
    expect(report.totals.evicted).toBe(300);
  }, 180_000);
});
