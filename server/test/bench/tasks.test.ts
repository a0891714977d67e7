/**
 * The bench's agent-task script (bench/tasks.ts), run once per task against the in-process
 * harness: every task succeeds and shows the names and labels a user needs. Timings and
 * request counts are the bench's business (npm run bench), not asserted here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { AGENT_TASKS, runTask } from '../../bench/tasks.js';
import { leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { TOOLSET_NAMES } from '../../src/config/types.js';
import { DEMO_NOW } from '../../src/demo/seed.js';

let h: Harness;
let client: Client;
beforeAll(async () => {
  // Every toolset up front, as the bench runs the tasks: the script names tools directly.
  h = await startHarness({ env: { LOG_LEVEL: 'warn', AUTOTASK_TOOLSETS: TOOLSET_NAMES.join(',') } });
  client = await h.connect();
});
afterAll(async () => {
  await h.close();
  expect(leakedSentinels(h.logs)).toEqual([]);
});

describe('bench agent tasks', () => {
  it('has at least 10 tasks with distinct ids', () => {
    expect(AGENT_TASKS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(AGENT_TASKS.map((t) => t.id)).size).toBe(AGENT_TASKS.length);
  });

  it.each(AGENT_TASKS.map((t) => [t.id, t] as const))('%s succeeds with names and labels', async (_id, task) => {
    const before = h.fake.requests.length;
    const run = await runTask(task, (name, args) => client.callTool({ name, arguments: args }), { tickets: h.fake.records('Tickets').length, now: DEMO_NOW });
    expect(run.problems).toEqual([]);
    expect(run.calls).toBeGreaterThanOrEqual(task.steps.length);
    expect(h.fake.requests.length).toBeGreaterThan(before);
  });
});

describe('bench agent tasks on a current demo tenant (as npm run bench builds it)', () => {
  it('every task succeeds when the tenant follows the clock', async () => {
    const { liveDemoNow } = await import('../../src/demo/tenant.js');
    const { buildDemoSeed } = await import('../../src/demo/seed.js');
    const { agentTasks } = await import('../../bench/tasks.js');
    const now = liveDemoNow();
    const live = await startHarness({ seed: buildDemoSeed({ now }), env: { LOG_LEVEL: 'warn', AUTOTASK_TOOLSETS: TOOLSET_NAMES.join(',') } });
    try {
      const c = await live.connect();
      for (const task of agentTasks(now).filter((t) => !t.scale)) {
        const run = await runTask(task, (name, args) => c.callTool({ name, arguments: args }), { tickets: live.fake.records('Tickets').length, now });
        expect(run.problems, task.id).toEqual([]);
      }
    } finally {
      await live.close();
    }
  }, 60_000);
});
