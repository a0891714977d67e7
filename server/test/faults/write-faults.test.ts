/**
 * Defect 6: a confirmed write whose answer is broken (500 with an empty or HTML body, 200 with
 * HTML, truncated JSON, no answer) may have been applied. The result must say exactly that and
 * how to check, never suggest a retry; the write reaches Autotask exactly once; reusing the token
 * says what is known about it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { call, writeRequests } from '../tools/framework/call.js';
import type { FaultKind } from '../../src/fake/types.js';

let h: Harness;
let client: Client;
let ticketId: number;
beforeAll(async () => {
  h = await startHarness({ env: { AUTOTASK_TIMEOUT_SECONDS: '1' } });
  client = await h.connect();
  ticketId = h.fake.records('Tickets')[0].id;
});
afterAll(async () => {
  await h?.close();
  expect(leakedSentinels(h.logs)).toEqual([]);
});

const HTML = '<!DOCTYPE html><html><head><title>Runtime Error</title></head><body>Server Error in / Application.</body></html>';

const UNCERTAIN: Array<[string, FaultKind]> = [
  ['500 with an empty body, write applied', { kind: 'body', status: 500, text: '', applied: true }],
  ['500 with an empty body', { kind: 'body', status: 500, text: '' }],
  ['500 with an HTML page, write applied', { kind: 'body', status: 500, text: HTML, applied: true }],
  ['200 with an HTML page, write applied', { kind: 'body', status: 200, text: HTML, applied: true }],
  ['200 with truncated JSON after the write', { kind: 'truncate' }],
  ['502 gateway error', { kind: 'status', status: 502 }],
  ['503 unavailable', { kind: 'status', status: 503 }],
  ['504 gateway timeout', { kind: 'status', status: 504 }],
  ['no answer after the write', { kind: 'hang', applied: true }],
  ['connection reset after the write', { kind: 'reset', applied: true }],
];

async function previewNote(text: string): Promise<{ args: Record<string, unknown>; token: string }> {
  const args = { parentType: 'ticket', parentId: ticketId, text };
  const p = await call(client, 'create_note', args);
  expect(p.isError, p.text).toBe(false);
  return { args, token: p.structured.confirmationToken as string };
}

const notePosts = () => writeRequests(h.fake.requests).filter((r) => r.method === 'POST' && r.route === `Tickets/${ticketId}/Notes`);

describe('a confirmed write whose answer is broken', () => {
  for (const [name, fault] of UNCERTAIN) {
    it(`${name}: says it may have been applied and how to check, never "retry"; sent once`, async () => {
      const { args, token } = await previewNote(`Fault case: ${name}.`);
      h.fake.clearRequests();
      h.fake.addFault({ method: 'POST', route: /^Tickets\/\d+\/Notes$/, times: 1, fault });
      const r = await call(client, 'create_note', { ...args, confirmationToken: token });
      expect(r.isError).toBe(true);
      expect(r.text).toMatch(/may have been applied/);
      expect(r.text).toMatch(/check .*(list_notes|get_note)/i);
      expect(r.text).not.toMatch(/retr(y|ied)/i);
      expect(notePosts()).toHaveLength(1);

      const again = await call(client, 'create_note', { ...args, confirmationToken: token });
      expect(again.isError).toBe(true);
      expect(again.text).not.toMatch(/has been executed/);
      expect(again.text).toMatch(/may have been applied/);
      expect(again.text).toMatch(/list_notes|get_note/);
      expect(notePosts()).toHaveLength(1);
      h.fake.clearFaults();
    });
  }

  it('a write Autotask refused says so when its token is reused', async () => {
    const { args, token } = await previewNote('Refused case.');
    h.fake.clearRequests();
    h.fake.addFault({ method: 'POST', route: /^Tickets\/\d+\/Notes$/, times: 1, fault: { kind: 'status', status: 500, body: { errors: ['Simulated business rule.'] } } });
    const r = await call(client, 'create_note', { ...args, confirmationToken: token });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/Simulated business rule/);
    const again = await call(client, 'create_note', { ...args, confirmationToken: token });
    expect(again.text).toMatch(/refused/);
    expect(again.text).not.toMatch(/has been executed/);
    expect(notePosts()).toHaveLength(1);
  });

  it('a token that wrote says so when it is reused', async () => {
    const { args, token } = await previewNote('Written case.');
    const r = await call(client, 'create_note', { ...args, confirmationToken: token });
    expect(r.isError, r.text).toBe(false);
    const again = await call(client, 'create_note', { ...args, confirmationToken: token });
    expect(again.text).toMatch(/already used/);
    expect(again.text).toMatch(/was executed|was written/);
  });
});

describe('a confirmed write that could not be sent in time', () => {
  it('says nothing was written and the same token confirms it later; no POST went out meanwhile', async () => {
    const busy = await startHarness({ env: { AUTOTASK_TIMEOUT_SECONDS: '10', MCP_TOOL_TIMEOUT_SECONDS: '3' } });
    try {
      const c = await busy.connect();
      const id = busy.fake.records('Tickets')[0].id;
      const args = { parentType: 'ticket', parentId: id, text: 'Queued behind hung reads.' };
      const p = await call(c, 'create_note', args);
      const token = p.structured.confirmationToken as string;
      // Three reads of the Tickets endpoint hang and hold its three slots.
      busy.fake.addFault({ method: 'GET', route: new RegExp(`^Tickets/${id}$`), fault: { kind: 'hang' } });
      const hung = Array.from({ length: 3 }, () => call(c, 'get_ticket', { id }).catch((e: unknown) => ({ isError: true, text: String(e) })));
      // Wait until all three hold their slot at the fake (a fixed sleep is too short on a loaded CI).
      const holding = () => busy.fake.requests.filter((q) => q.method === 'GET' && q.route === `Tickets/${id}` && q.status === 0).length;
      for (let waited = 0; holding() < 3 && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      expect(holding()).toBe(3);
      busy.fake.clearRequests();
      const started = Date.now();
      const r = await call(c, 'create_note', { ...args, confirmationToken: token });
      // The queue wait ends at the 3 s tool deadline, not when the hung reads' 10 s timeout frees a
      // slot (the POST count below proves no write went out); a loaded CI overshoots 3 s a little.
      expect(Date.now() - started).toBeLessThan(8_000);
      expect(r.isError).toBe(true);
      expect(r.text).toMatch(/slow or busy/);
      expect(r.text).toMatch(/waited \d+ s for a free request slot/);
      expect(r.text).toMatch(/Nothing reached Autotask, so nothing was written; the same confirmationToken can confirm it again/);
      expect(writeRequests(busy.fake.requests)).toEqual([]);
      for (const g of await Promise.all(hung)) expect(g.isError).toBe(true);
      busy.fake.clearFaults();
      const ok = await call(c, 'create_note', { ...args, confirmationToken: token });
      expect(ok.isError, ok.text).toBe(false);
      expect(writeRequests(busy.fake.requests)).toHaveLength(1);
    } finally {
      await busy.close();
    }
  });
});
