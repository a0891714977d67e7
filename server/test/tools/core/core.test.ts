/** Core tools over MCP against the strict fake: test_connection and get_api_usage. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leakedSentinels, SENTINELS, startHarness, type Harness } from '../../helpers/harness.js';
import { call } from '../framework/call.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
  expect(leakedSentinels(h.logs)).toEqual([]);
});

describe('test_connection', () => {
  it('reports zone, version, usage and mode without secrets', async () => {
    const client = await h.connect();
    h.fake.clearRequests();
    const r = await call(client, 'test_connection');
    expect(r.isError).toBe(false);
    expect(r.structured).toMatchObject({
      status: 'ok',
      mode: 'live',
      readOnly: false,
      zone: { restBaseUrl: h.fake.restBase },
      autotaskVersion: { majorVersion: expect.any(String) },
      apiUsage: { limit: 10000, windowMinutes: 60, latencyTier: 'none' },
    });
    expect(r.structured.toolsets).toContain('core');
    expect(r.text).toMatch(/Connected to Autotask: zone ".+" at http:\/\/127\.0\.0\.1:\d+\/ATServicesRest\//);
    expect(r.text).toMatch(/Writes are enabled/);
    const routes = h.fake.requests.map((x) => `${x.method} ${x.route}`);
    expect(routes).toContain('GET Version');
    expect(routes).toContain('GET ThresholdInformation');
    const all = JSON.stringify(r.raw);
    expect(leakedSentinels(all)).toEqual([]);
    expect(all).not.toContain(SENTINELS.username);
  });

  it('fails clearly when the secret is wrong, naming what to check and never the secret', async () => {
    const wrong = 'WRONG-SECRET-SENTINEL-7d1e93a0';
    const bad = await startHarness({ env: { AUTOTASK_SECRET: wrong } });
    try {
      const client = await bad.connect();
      const r = await call(client, 'test_connection');
      expect(r.isError).toBe(true);
      expect(r.text).toMatch(/Connection test failed while making an authenticated request/);
      expect(r.text).toMatch(/AUTOTASK_SECRET/);
      expect(r.text).toMatch(/never ask the user to paste them/);
      for (const text of [JSON.stringify(r.raw), bad.logs]) {
        expect(text).not.toContain(wrong);
        expect(leakedSentinels(text)).toEqual([]);
      }
    } finally {
      await bad.close();
    }
  });

  it('says when the server is read-only', async () => {
    const ro = await startHarness({ env: { AUTOTASK_READ_ONLY: 'true' } });
    try {
      const r = await call(await ro.connect(), 'test_connection');
      expect(r.structured.readOnly).toBe(true);
      expect(r.text).toMatch(/READ-ONLY/);
    } finally {
      await ro.close();
    }
  });

  it('says unmistakably when it is the demo tenant', async () => {
    const demo = await startHarness({ env: { AUTOTASK_DEMO: 'true' } });
    try {
      const r = await call(await demo.connect(), 'test_connection');
      expect(r.isError, r.text).toBe(false);
      expect(r.structured.mode).toBe('demo');
      expect(r.text).toMatch(/DEMO tenant \(fictitious data, not a real PSA\)/);
    } finally {
      await demo.close();
    }
  });

  it('names the failing step and the network when Autotask is unavailable', async () => {
    const client = await h.connect();
    h.fake.addFault({ route: /^Version$/, fault: { kind: 'status', status: 503 } });
    try {
      const r = await call(client, 'test_connection');
      expect(r.isError).toBe(true);
      expect(r.text).toMatch(/failed while making an authenticated request \(GET Version\)/);
      expect(r.text).toMatch(/DNS, proxy, firewall/);
    } finally {
      h.fake.clearFaults();
    }
  });
});

describe('get_api_usage', () => {
  const cases = [
    { used: 1200, tier: 'none', latency: 0, advice: /Plenty of budget/ },
    { used: 5000, tier: 'plus_0_5s', latency: 0.5, advice: /adds 0\.5 s/ },
    { used: 7600, tier: 'plus_1s', latency: 1, advice: /adds 1 s/ },
    { used: 10000, tier: 'suspended', latency: 0, advice: /suspends API access/ },
  ] as const;

  for (const c of cases) {
    it(`reports ${c.used}/10000 as tier ${c.tier}`, async () => {
      const client = await h.connect();
      h.fake.addFault({
        route: /^ThresholdInformation$/,
        times: 1,
        fault: { kind: 'status', status: 200, body: { externalRequestThreshold: 10000, requestThresholdTimeframe: 60, currentTimeframeRequestCount: c.used } },
      });
      try {
        const r = await call(client, 'get_api_usage');
        expect(r.isError).toBe(false);
        expect(r.structured).toEqual({
          used: c.used,
          limit: 10000,
          remaining: 10000 - c.used,
          windowMinutes: 60,
          percentUsed: c.used / 100,
          latencyTier: c.tier,
          addedLatencySeconds: c.latency,
          advice: expect.stringMatching(c.advice),
        });
        expect(r.text).toContain(`${c.used} of 10000 requests in the last 60 min (${c.used / 100}%`);
      } finally {
        h.fake.clearFaults();
      }
    });
  }

  it('reads the live counter from the fake', async () => {
    const client = await h.connect();
    const r = await call(client, 'get_api_usage');
    expect(r.structured.used).toBeGreaterThan(0);
    expect(r.structured.percentUsed).toBeLessThan(50);
  });
});
