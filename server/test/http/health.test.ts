/** /health never touches Autotask; /ready (and /health?deep=1) checks credentials, cached. */
import { afterEach, describe, expect, it } from 'vitest';
import { SENTINELS, leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { rawRequest } from '../helpers/raw.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  if (h) expect(leakedSentinels(h.logs)).toEqual([]);
  h = undefined;
});

const thresholdCalls = (hh: Harness) => hh.fake.requests.filter((r) => /thresholdinformation/i.test(r.route)).length;

describe('health and readiness', () => {
  it('starts without contacting Autotask and answers /health from memory', async () => {
    h = await startHarness({ env: { AUTOTASK_READ_ONLY: 'true' } });
    const res = await rawRequest(`${h.origin}/health`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok', version: h.config.version, uptimeSeconds: expect.any(Number), mode: 'live', readOnly: true });
    expect(h.fake.requests).toEqual([]);
  });

  it('reports ready with good credentials and caches the result', async () => {
    h = await startHarness();
    const first = await rawRequest(`${h.origin}/ready`);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ status: 'ready', mode: 'live', version: h.config.version, cached: false });
    const deep = await rawRequest(`${h.origin}/health?deep=1`);
    expect(deep.status).toBe(200);
    expect(deep.json).toMatchObject({ status: 'ready', cached: true });
    expect(thresholdCalls(h)).toBe(1);
  });

  it('reports 503 with an actionable reason (and no secret) when Autotask rejects the credentials', async () => {
    const wrong = 'WRONG-SECRET-VALUE-3141592653';
    h = await startHarness({ env: { AUTOTASK_SECRET: wrong } });
    const res = await rawRequest(`${h.origin}/ready`);
    expect(res.status).toBe(503);
    expect(res.json).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('AUTOTASK_SECRET') });
    expect(res.text).not.toContain(wrong);
    expect(leakedSentinels(res.text)).toEqual([]);
    expect(h.logs).not.toContain(wrong);

    // Tool errors say the same without leaking anything either.
    const client = await h.connect();
    const result = await client.callTool({ name: 'get_api_usage', arguments: {} });
    expect(result.isError).toBe(true);
    const text = JSON.stringify(result);
    expect(text).not.toContain(wrong);
    expect(leakedSentinels(text)).toEqual([]);
    expect(h.logs).not.toContain(wrong);
    expect(h.logs).not.toContain(SENTINELS.integrationCode);
  });

  it('reports 503 when Autotask is unreachable', async () => {
    h = await startHarness({ env: { AUTOTASK_API_URL: 'http://127.0.0.1:9/ATServicesRest/', AUTOTASK_MAX_RETRIES: '0' } });
    const res = await rawRequest(`${h.origin}/ready`);
    expect(res.status).toBe(503);
    expect(res.json.reason).toMatch(/did not answer|unavailable|reach/i);
  });
});
