import { expect } from 'vitest';
import { call, CREDS } from '../fake-helpers.js';
import type { Probe } from './types.js';

export const LIMITS_PROBES: Record<string, Probe> = {
  'limits.thread-limit': async ({ fake }) => {
    fake.addFault({ route: /^(Tickets|zoneInformation)/, fault: { kind: 'delay', ms: 300 } });
    const tickets = await Promise.all(Array.from({ length: 5 }, (_, i) => call(fake, 'GET', i % 2 ? 'Tickets/1001' : 'Tickets/1001/Notes')));
    expect(tickets.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429]);
    expect(tickets.find((r) => r.status === 429)!.json.errors[0]).toMatch(/Thread Threshold Exceeded \(Itgenatr005\)/);
    const zones = await Promise.all(Array.from({ length: 5 }, () => call(fake, 'GET', `zoneInformation?user=${encodeURIComponent(CREDS.username)}`, { auth: false })));
    expect(zones.every((r) => r.status === 200)).toBe(true);
  },
  'limits.threshold-information': async ({ fake }) => {
    const first = (await call(fake, 'GET', 'ThresholdInformation')).json;
    expect(first).toMatchObject({ externalRequestThreshold: 10_000, requestThresholdTimeframe: 60 });
    await call(fake, 'GET', 'Tickets/1001');
    const second = (await call(fake, 'GET', 'ThresholdInformation')).json;
    expect(second.currentTimeframeRequestCount).toBe(first.currentTimeframeRequestCount + 2);
    fake.setUsage({ limit: 500, others: 400 });
    const busy = (await call(fake, 'GET', 'ThresholdInformation')).json;
    expect(busy).toMatchObject({ externalRequestThreshold: 500, currentTimeframeRequestCount: second.currentTimeframeRequestCount + 401 });
  },
  'limits.version-shape': async ({ fake }) => {
    const r = await call(fake, 'GET', 'Version');
    expect(r.status).toBe(200);
    expect(Object.keys(r.json).sort()).toEqual(['build', 'customerType', 'majorVersion', 'minorVersion']);
  },
  'limits.child-list-one-page': async ({ fake }) => {
    const r = await call(fake, 'GET', 'Tickets/1001/Notes');
    expect(r.status).toBe(200);
    expect(r.json.pageDetails.nextPageUrl).toBeNull();
    expect(r.json.items.map((n: { id: number }) => n.id)).toEqual([3001]);
  },
};
