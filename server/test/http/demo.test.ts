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
