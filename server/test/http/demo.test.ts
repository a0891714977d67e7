/** AUTOTASK_DEMO=true: no credentials, the in-process demo tenant, and it says so everywhere. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { rawRequest } from '../helpers/raw.js';

let h: Harness;
beforeAll(async () => {
  // No credentials at all: demo mode must not need them.
  h = await startHarness({ env: { AUTOTASK_DEMO: 'true', AUTOTASK_INTEGRATION_CODE: '', AUTOTASK_USERNAME: '', AUTOTASK_SECRET: '', AUTOTASK_API_URL: '' } });
});
afterAll(async () => {
  await h?.close();
  expect(leakedSentinels(h.logs)).toEqual([]);
});

describe('demo mode', () => {
  it('is unmistakable in /health, the start-up log and the server instructions', async () => {
    const health = await rawRequest(`${h.origin}/health`);
    expect(health.json).toMatchObject({ status: 'ok', mode: 'demo' });
    expect(h.logEvents()).toContainEqual(expect.objectContaining({ mode: 'demo', msg: expect.stringContaining('DEMO MODE') }));
    const client = await h.connect();
    expect(client.getInstructions()).toContain('DEMO MODE');
  });

  it('serves tool calls and readiness from the in-process demo tenant, not from the test fake', async () => {
    const client = await h.connect();
    const result = await client.callTool({ name: 'get_api_usage', arguments: {} });
    expect(result.isError).toBeFalsy();
    const ready = await rawRequest(`${h.origin}/ready`);
    expect(ready.status).toBe(200);
    expect(h.deps.config.apiUrl).not.toBe(h.fake.restBase);
    expect(h.fake.requests).toEqual([]);
  });
});

describe('the demo tenant in demo mode is current', () => {
  it('its newest tickets are from the last day, so newest-first finds them in its first window', async () => {
    const { liveDemoNow } = await import('../../src/demo/tenant.js');
    expect(liveDemoNow(Date.parse('2026-12-03T14:59:59Z'))).toBe('2026-12-03T14:00:00.000Z');
    const client = await h.connect();
    const r = await client.callTool({ name: 'search_tickets', arguments: { limit: 5 } });
    expect(r.isError).toBeFalsy();
    const s = r.structuredContent as { columns: string[]; rows: unknown[][] };
    const ticketNumber = s.rows[0][s.columns.indexOf('ticketNumber')] as string;
    // Ticket numbers carry their creation day: T{yyyymmdd}.nnnn.
    const day = Date.parse(`${ticketNumber.slice(1, 5)}-${ticketNumber.slice(5, 7)}-${ticketNumber.slice(7, 9)}T00:00:00Z`);
    expect(Date.now() - day).toBeLessThan(3 * 86_400_000);
  });
});
