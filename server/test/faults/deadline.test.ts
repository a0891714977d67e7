/**
 * Defect 4: one deadline per tool call, queue wait in the per-endpoint limiter included, so every
 * call answers with our error before the MCP client gives up. Real minutes shortened by config:
 * an Autotask request may take 3 s (AUTOTASK_TIMEOUT_SECONDS, standing in for 30 s), a tool
 * call 4 s (MCP_TOOL_TIMEOUT_SECONDS, for 50 s) and the client waits 5.8 s (for its 60 s). Before
 * the deadline the three queued reads answered only after two timeouts: the client gave up first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';

/** Below the 6 s that two 3 s request timeouts took before the deadline existed. */
const CLIENT_TIMEOUT_MS = 5_800;
const DEADLINE_MS = 4_000;
/** Answering takes a moment after the deadline: up to 1 s on a loaded 2-core CI, so 1.5 s. */
const SLACK_MS = 1_500;

let h: Harness;
let client: Client;
let ticketId: number;
beforeAll(async () => {
  h = await startHarness({ env: { AUTOTASK_TIMEOUT_SECONDS: '3', MCP_TOOL_TIMEOUT_SECONDS: '4', AUTOTASK_MAX_RETRIES: '0' } });
  client = await h.connect();
  ticketId = h.fake.records('Tickets')[0].id;
});
afterAll(async () => {
  await h?.close();
  expect(leakedSentinels(h.logs)).toEqual([]);
});

interface Outcome {
  ms: number;
  isError?: boolean;
  text?: string;
  thrown?: string;
}

async function timedCall(name: string, args: Record<string, unknown>): Promise<Outcome> {
  const started = Date.now();
  try {
    const r = (await client.callTool({ name, arguments: args }, undefined, { timeout: CLIENT_TIMEOUT_MS })) as { isError?: boolean; content: Array<{ text?: string }> };
    return { ms: Date.now() - started, isError: r.isError, text: r.content.map((c) => c.text ?? '').join('\n') };
  } catch (err) {
    return { ms: Date.now() - started, thrown: (err as Error).message };
  }
}

describe('one deadline per tool call', () => {
  it('six parallel reads of a hung entity all get our error before the client times out', async () => {
    h.fake.addFault({ method: 'GET', route: new RegExp(`^Tickets/${ticketId}$`), fault: { kind: 'hang' } });
    try {
      const outcomes = await Promise.all(Array.from({ length: 6 }, () => timedCall('get_ticket', { id: ticketId })));
      console.info(`deadline: six hung reads answered after ${outcomes.map((o) => o.ms).join(', ')} ms`);
      for (const o of outcomes) {
        expect(o.thrown, JSON.stringify(o)).toBeUndefined();
        expect(o.isError).toBe(true);
        expect(o.ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
        expect(o.text).toMatch(/Autotask/);
      }
      // The three that queued behind the hung ones say so.
      expect(outcomes.filter((o) => /waited/i.test(o.text ?? '')).length).toBeGreaterThanOrEqual(3);
      expect(outcomes.some((o) => /slow or busy/i.test(o.text ?? ''))).toBe(true);
    } finally {
      h.fake.clearFaults();
    }
    // The process keeps serving.
    const after = await timedCall('get_ticket', { id: ticketId });
    expect(after.isError, after.text).toBeFalsy();
  });
});
