import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeAutotask } from '../../src/fake/types.js';
import { CREDS, authHeaders, call, startTestFake } from './fake-helpers.js';

let fake: FakeAutotask;
beforeEach(async () => {
  fake = await startTestFake();
});
afterEach(async () => {
  await fake.close();
});

const countBody = { filter: [{ op: 'gte', field: 'id', value: 0 }] };

/** A raw request whose socket outcome we observe (fetch hides resets behind generic errors). */
function rawGet(fakeOrigin: string, path: string): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    const req = httpRequest(`${fakeOrigin}${path}`, { headers: authHeaders(), agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode }));
      res.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    });
    req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    req.end();
  });
}

describe('fault injection', () => {
  it('429 with Retry-After, limited by times, then normal answers', async () => {
    fake.addFault({ method: 'POST', route: /^Tickets\/query$/, times: 1, fault: { kind: 'status', status: 429, headers: { 'Retry-After': '1' } } });
    const first = await call(fake, 'POST', 'Tickets/query', { body: countBody });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(first.json.errors).toHaveLength(1);
    expect((await call(fake, 'POST', 'Tickets/query', { body: countBody })).status).toBe(200);
  });

  it('matches method and route case-insensitively; other requests are untouched', async () => {
    fake.addFault({ method: 'post', route: /tickets$/, fault: { kind: 'status', status: 503 } });
    expect((await call(fake, 'POST', 'Tickets', { body: {} })).status).toBe(503);
    expect((await call(fake, 'POST', 'TICKETS', { body: {} })).status).toBe(503);
    expect((await call(fake, 'GET', 'Tickets/1001')).status).toBe(200);
    expect((await call(fake, 'POST', 'Tickets/query', { body: countBody })).status).toBe(200);
    fake.clearFaults();
    expect((await call(fake, 'POST', 'Tickets', { body: {} })).status).toBe(500); // back to real validation
  });

  it.each([500, 502, 504])('status %i carries errors[]', async (status) => {
    fake.addFault({ route: /Companies/, times: 1, fault: { kind: 'status', status } });
    const r = await call(fake, 'GET', 'Companies/101');
    expect(r.status).toBe(status);
    expect(Array.isArray(r.json.errors)).toBe(true);
  });

  it('delay answers normally after the delay', async () => {
    fake.addFault({ route: /Tickets\/1001/, times: 1, fault: { kind: 'delay', ms: 150 } });
    const t = performance.now();
    const r = await call(fake, 'GET', 'Tickets/1001');
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
    expect(r.json.item.id).toBe(1001);
  });

  it('latencyMs delays every answer (zone look-up included) and changes nothing else', async () => {
    const slow = await startTestFake({ latencyMs: 120 });
    try {
      const t = performance.now();
      const [ticket, zone] = await Promise.all([call(slow, 'GET', 'Tickets/1001'), call(slow, 'GET', `zoneInformation?user=${encodeURIComponent(CREDS.username)}`, { auth: false })]);
      expect(performance.now() - t).toBeGreaterThanOrEqual(115);
      expect(ticket.json.item.id).toBe(1001);
      expect(zone.status).toBe(200);
    } finally {
      await slow.close();
    }
  });

  it('malformed answers 200 with a body that is not JSON', async () => {
    fake.addFault({ route: /Tickets/, times: 1, fault: { kind: 'malformed' } });
    const r = await call(fake, 'GET', 'Tickets/1001');
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.text)).toThrow();
  });

  it('reset destroys the socket and is recorded with status 0', async () => {
    fake.addFault({ route: /Tickets/, times: 1, fault: { kind: 'reset' } });
    const r = await rawGet(fake.origin, '/ATServicesRest/V1.0/Tickets/1001');
    expect(r.status).toBeUndefined();
    expect(r.error).toMatch(/ECONNRESET|socket hang up/);
    expect(fake.requests.at(-1)).toMatchObject({ route: 'Tickets/1001', status: 0 });
  });

  it('hang never answers, and close() ends it promptly', async () => {
    fake.addFault({ route: /Tickets/, fault: { kind: 'hang' } });
    const pending = rawGet(fake.origin, '/ATServicesRest/V1.0/Tickets/1001');
    const early = await Promise.race([pending.then(() => 'answered'), new Promise((r) => setTimeout(() => r('waiting'), 200))]);
    expect(early).toBe('waiting');
    expect(fake.requests.at(-1)).toMatchObject({ status: 0 });
    const t = performance.now();
    await fake.close();
    expect(performance.now() - t).toBeLessThan(5_000); // the hang never ends by itself
    expect((await pending).error).toBeDefined();
  });
});

describe('faults that spoil the answer', () => {
  const note = { title: 'Spoiled', description: 'Written before the answer broke', noteType: 1, publish: 1 };
  const notes = () => fake.records('TicketNotes').filter((n) => n.title === 'Spoiled');

  it('body answers raw text (an HTML page) without handling the request', async () => {
    fake.addFault({ method: 'POST', route: /Notes$/, times: 1, fault: { kind: 'body', status: 502, text: '<html><body>Bad gateway</body></html>' } });
    const r = await call(fake, 'POST', 'Tickets/1001/Notes', { body: note });
    expect(r.status).toBe(502);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.text).toContain('<html>');
    expect(notes()).toHaveLength(0);
  });

  it('applied: true handles the request first (the write takes effect), then spoils the answer', async () => {
    fake.addFault({ method: 'POST', route: /Notes$/, times: 1, fault: { kind: 'body', status: 500, text: '', applied: true } });
    const r = await call(fake, 'POST', 'Tickets/1001/Notes', { body: note });
    expect(r.status).toBe(500);
    expect(r.text).toBe('');
    expect(notes()).toHaveLength(1);
  });

  it('truncate sends the real answer cut short, framed as complete', async () => {
    fake.addFault({ method: 'POST', route: /Notes$/, times: 1, fault: { kind: 'truncate' } });
    const r = await call(fake, 'POST', 'Tickets/1001/Notes', { body: note });
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/^\{"itemI/);
    expect(() => JSON.parse(r.text)).toThrow();
    expect(notes()).toHaveLength(1);
  });

  it('trickle sends the real answer slowly', async () => {
    fake.addFault({ route: /^Tickets\/1001$/, times: 1, fault: { kind: 'trickle', intervalMs: 20, chunkBytes: 64 } });
    const t = performance.now();
    const r = await call(fake, 'GET', 'Tickets/1001');
    expect(r.json.item.id).toBe(1001);
    expect(performance.now() - t).toBeGreaterThanOrEqual(Math.floor(r.text.length / 64) * 20 - 5);
  });

  it('reset and hang with applied: true write, then give no answer', async () => {
    fake.addFault({ method: 'POST', route: /Notes$/, times: 1, fault: { kind: 'reset', applied: true } });
    await expect(call(fake, 'POST', 'Tickets/1001/Notes', { body: note })).rejects.toThrow();
    expect(notes()).toHaveLength(1);
    fake.addFault({ method: 'POST', route: /Notes$/, times: 1, fault: { kind: 'hang', applied: true } });
    const pending = call(fake, 'POST', 'Tickets/1001/Notes', { body: note }).catch(() => 'closed');
    await new Promise((r) => setTimeout(r, 200));
    expect(notes()).toHaveLength(2);
    await fake.close();
    expect(await pending).toBe('closed');
  });
});

describe('usage setting', () => {
  it('ThresholdInformation reports the configured limit and other integrations on top of counted requests', async () => {
    const busy = await startTestFake({ usage: { limit: 2_000, others: 1_500 } });
    try {
      const a = (await call(busy, 'GET', 'ThresholdInformation')).json;
      expect(a).toEqual({ externalRequestThreshold: 2_000, requestThresholdTimeframe: 60, currentTimeframeRequestCount: 1_501 });
      busy.setUsage({ others: 1_900 });
      expect((await call(busy, 'GET', 'ThresholdInformation')).json.currentTimeframeRequestCount).toBe(1_902);
    } finally {
      await busy.close();
    }
  });
});

describe('request log', () => {
  it('records method, path, route, query, parsed body, status and header names only', async () => {
    fake.clearRequests();
    await call(fake, 'POST', 'Tickets/query?x=1', { body: countBody });
    await call(fake, 'GET', `zoneInformation?user=${encodeURIComponent(CREDS.username)}`, { auth: false });
    await call(fake, 'POST', 'Tickets/query', { rawBody: 'not json' });
    expect(fake.requests).toHaveLength(3);
    const [q, zone, bad] = fake.requests;
    expect(q).toMatchObject({ method: 'POST', path: '/ATServicesRest/V1.0/Tickets/query', route: 'Tickets/query', query: { x: '1' }, body: countBody, status: 200 });
    expect(q.headerNames.map((h) => h.toLowerCase())).toEqual(expect.arrayContaining(['apiintegrationcode', 'username', 'secret']));
    expect(q.endedAt).toBeGreaterThanOrEqual(q.startedAt);
    expect(zone).toMatchObject({ route: 'zoneInformation', status: 200, body: undefined });
    expect(bad).toMatchObject({ body: 'not json', status: 400 });
    const dump = JSON.stringify(fake.requests);
    expect(dump).not.toContain(CREDS.secret);
    expect(dump).not.toContain(CREDS.integrationCode);
    fake.clearRequests();
    expect(fake.requests).toHaveLength(0);
  });

  it('records faulted requests with their status', async () => {
    fake.addFault({ route: /Tickets/, times: 1, fault: { kind: 'status', status: 503 } });
    await call(fake, 'GET', 'Tickets/1001');
    expect(fake.requests.at(-1)).toMatchObject({ route: 'Tickets/1001', status: 503 });
  });
});

describe('concurrency', () => {
  it('tracks the highest number in flight per entity segment (children count to the parent)', async () => {
    fake.addFault({ route: /^Tickets/, fault: { kind: 'delay', ms: 400 } });
    await Promise.all([call(fake, 'GET', 'Tickets/1001'), call(fake, 'GET', 'Tickets/1001/Notes'), call(fake, 'GET', 'tickets/1002')]);
    expect(fake.maxInFlight('Tickets')).toBe(3);
    expect(fake.maxInFlight('Companies')).toBe(0);
    fake.resetInFlightStats();
    expect(fake.maxInFlight('Tickets')).toBe(0);
    await call(fake, 'GET', 'Tickets/1001');
    expect(fake.maxInFlight('tickets')).toBe(1);
  });

  it('answers 429 Thread Threshold Exceeded above the thread limit', async () => {
    fake.addFault({ route: /^Tickets/, fault: { kind: 'delay', ms: 400 } });
    const results = await Promise.all(Array.from({ length: 5 }, () => call(fake, 'GET', 'Tickets/1001')));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(results.find((r) => r.status === 429)!.json.errors[0]).toMatch(/Thread Threshold Exceeded \(Itgenatr005\)/);
    // Rejected requests count too (a 429 may finish before the last one arrives).
    expect(fake.maxInFlight('Tickets')).toBeGreaterThan(3);
    // Other entity segments have their own bucket.
    expect((await call(fake, 'GET', 'Companies/101')).status).toBe(200);
  });

  it('honours a custom threadLimit', async () => {
    const strict = await startTestFake({ threadLimit: 1 });
    try {
      strict.addFault({ route: /^Tickets/, fault: { kind: 'delay', ms: 400 } });
      const results = await Promise.all([call(strict, 'GET', 'Tickets/1001'), call(strict, 'GET', 'Tickets/1002')]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 429]);
    } finally {
      await strict.close();
    }
  });
});
