/**
 * Defect 7, client parts: Retry-After is reported as Autotask sent it (seconds or HTTP-date), and
 * credentials echoed in an Autotask error body never reach a tool result or a log line in any
 * encoding (raw, URL-encoded, base64, base64url, base64 of "user:secret").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SENTINELS, startHarness, type Harness } from '../helpers/harness.js';
import { call } from '../tools/framework/call.js';
import { leakedForms } from './encodings.js';

let h: Harness;
let client: Client;
let ticketId: number;
beforeAll(async () => {
  h = await startHarness();
  client = await h.connect();
  ticketId = h.fake.records('Tickets')[0].id;
});
afterAll(async () => {
  await h?.close();
});

const route = () => new RegExp(`^Tickets/${ticketId}$`);

describe('Retry-After', () => {
  it('Retry-After: 120 is reported as asked to wait 120 s, answered at once', async () => {
    h.fake.addFault({ method: 'GET', route: route(), times: 1, fault: { kind: 'status', status: 429, headers: { 'Retry-After': '120' } } });
    const started = Date.now();
    const r = await call(client, 'get_ticket', { id: ticketId });
    expect(Date.now() - started).toBeLessThan(10_000); // at once, not after the 120 s asked
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/asked to wait 120 s/);
    h.fake.clearFaults();
  });

  it('an HTTP-date Retry-After far ahead is reported in seconds', async () => {
    const at = new Date(Date.now() + 300_000).toUTCString();
    h.fake.addFault({ method: 'GET', route: route(), times: 1, fault: { kind: 'status', status: 429, headers: { 'Retry-After': at } } });
    const r = await call(client, 'get_ticket', { id: ticketId });
    expect(r.isError).toBe(true);
    const waited = Number(/asked to wait (\d+) s/.exec(r.text)?.[1]);
    // The date has whole seconds and a loaded CI may take a few to answer.
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThanOrEqual(300);
    h.fake.clearFaults();
  });

  it('an HTTP-date Retry-After one second ahead is waited for, and the read recovers', async () => {
    const at = new Date(Date.now() + 1_000).toUTCString();
    h.fake.addFault({ method: 'GET', route: route(), times: 1, fault: { kind: 'status', status: 429, headers: { 'Retry-After': at } } });
    const r = await call(client, 'get_ticket', { id: ticketId });
    expect(r.isError, r.text).toBe(false);
    h.fake.clearFaults();
  });
});

describe('credentials echoed by Autotask', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const b64url = (s: string) => Buffer.from(s).toString('base64url');
  const echoes = [
    `Header Secret=${SENTINELS.secret} is invalid`,
    `ApiIntegrationCode ${encodeURIComponent(SENTINELS.integrationCode)} unknown`,
    `Authorization: Basic ${b64(`${SENTINELS.username}:${SENTINELS.secret}`)}`,
    `token ${b64(SENTINELS.integrationCode)} rejected`,
    `token=${b64url(SENTINELS.secret)}&x=1`,
    `ref ${encodeURIComponent(b64(`x${SENTINELS.secret}`))}`,
  ];

  it('never reach the tool result or the logs in any encoding', async () => {
    h.clearLogs();
    h.fake.addFault({ method: 'GET', route: route(), times: 1, fault: { kind: 'status', status: 500, body: { errors: echoes } } });
    const r = await call(client, 'get_ticket', { id: ticketId });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/\[REDACTED\]/);
    const secrets = [SENTINELS.secret, SENTINELS.integrationCode];
    expect(leakedForms(JSON.stringify(r.raw), secrets)).toEqual([]);
    expect(leakedForms(r.text, secrets)).toEqual([]);
    expect(leakedForms(h.logs, secrets)).toEqual([]);
    h.fake.clearFaults();
  });
});
