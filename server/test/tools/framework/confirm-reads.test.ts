/**
 * What a confirming call reads: a create sends only its write; an update re-reads the record it
 * changes once (freshness), and when a value the preview showed no longer holds it writes
 * nothing and answers a fresh preview. The token binds the arguments of its preview.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { leakedSentinels, startHarness, type Harness } from '../../helpers/harness.js';
import { afterAll, beforeAll } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { call, writeRequests } from './call.js';
import { WRITE_ARGS } from '../cost/tasks.js';

let h: Harness;
let client: Client;
beforeAll(async () => {
  h = await startHarness();
  client = await h.connect();
});
afterAll(async () => {
  expect(leakedSentinels(h.logs)).toEqual([]);
  await h?.close();
});
beforeEach(() => {
  h.fake.clearFaults();
  h.fake.clearRequests();
});

const routes = () => h.fake.requests.map((r) => `${r.method} ${r.route}`);

async function previewOf(tool: string, args: Record<string, unknown>) {
  const p = await call(client, tool, args);
  expect(p.isError, p.text).toBe(false);
  expect(p.structured.status).toBe('confirmation_required');
  return p.structured as { confirmationToken: string; request: { method: string; path: string; body: Record<string, unknown> }; changes: Array<{ field: string; from: unknown; to: unknown }>; warnings: string[] };
}

describe('a confirmed create sends only its write', () => {
  it.each([
    ['create_time_entry', WRITE_ARGS.time],
    ['create_note', WRITE_ARGS.ticketNote],
    ['create_ticket', WRITE_ARGS.createTicket],
    ['create_note', WRITE_ARGS.companyNote],
  ])('%s', async (tool, args) => {
    const p = await previewOf(tool, args);
    h.fake.clearRequests();
    const done = await call(client, tool, { ...args, confirmationToken: p.confirmationToken });
    expect(done.isError, done.text).toBe(false);
    expect(routes()).toEqual([`${p.request.method} ${p.request.path}`]);
    expect(h.fake.requests[0].body).toEqual(p.request.body);
  });
});

describe('a confirmed update', () => {
  const ticket = () => h.fake.records('Tickets').find((t) => t.id === 41100)!;

  it('re-reads the record once, then PATCHes exactly the previewed body', async () => {
    const args = { id: 41100, priority: ticket().priority === 1 ? 2 : 1 };
    const p = await previewOf('update_ticket', args);
    h.fake.clearRequests();
    const done = await call(client, 'update_ticket', { ...args, confirmationToken: p.confirmationToken });
    expect(done.isError, done.text).toBe(false);
    expect(routes()).toEqual(['GET Tickets/41100', 'PATCH Tickets']);
    expect(h.fake.requests[1].body).toEqual(p.request.body);
  });

  it('still executes when someone else changed only fields the preview did not show', async () => {
    const args = { id: 41100, priority: ticket().priority === 1 ? 2 : 1 };
    const p = await previewOf('update_ticket', args);
    ticket().title = 'Edited by a colleague meanwhile';
    const done = await call(client, 'update_ticket', { ...args, confirmationToken: p.confirmationToken });
    expect(done.isError, done.text).toBe(false);
    expect(writeRequests(h.fake.requests)).toHaveLength(1);
  });

  it('writes nothing when a previewed value changed meanwhile, and answers a fresh preview with a new token', async () => {
    ticket().status = 8;
    const args = { id: 41100, status: 'Waiting Customer' };
    const p = await previewOf('update_ticket', args);
    expect(p.changes).toEqual([{ field: 'status', from: 'In Progress (8)', to: 'Waiting Customer (7)' }]);
    ticket().status = 1; // a colleague set it back to New
    const stale = await call(client, 'update_ticket', { ...args, confirmationToken: p.confirmationToken });
    expect(writeRequests(h.fake.requests)).toEqual([]);
    expect(ticket().status).toBe(1);
    expect(stale.isError).toBe(false);
    expect(stale.text).toMatch(/^PREVIEW ONLY - nothing was written/);
    expect(stale.text).toMatch(/changed since the preview you confirmed \(status\)/);
    expect(stale.structured).toMatchObject({ status: 'confirmation_required', changes: [{ field: 'status', from: 'New (1)', to: 'Waiting Customer (7)' }] });
    expect(stale.structured.confirmationToken).not.toBe(p.confirmationToken);

    // The old token is spent; the new one writes the fresh preview.
    const again = await call(client, 'update_ticket', { ...args, confirmationToken: p.confirmationToken });
    expect(again.isError).toBe(true);
    const done = await call(client, 'update_ticket', { ...args, confirmationToken: stale.structured.confirmationToken });
    expect(done.isError, done.text).toBe(false);
    expect(ticket().status).toBe(7);
  });

  it('a value changed to exactly the new one: nothing left to change, nothing written', async () => {
    ticket().status = 8;
    const args = { id: 41100, status: 'Waiting Customer' };
    const p = await previewOf('update_ticket', args);
    ticket().status = 7;
    const r = await call(client, 'update_ticket', { ...args, confirmationToken: p.confirmationToken });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/changed since the preview you confirmed \(status\).*Nothing to change/s);
    expect(writeRequests(h.fake.requests)).toEqual([]);
  });

  it('a record deleted meanwhile: nothing written, said plainly', async () => {
    const entry = h.fake.records('TimeEntries').find((t) => t.ticketID === 41007)!;
    const args = { id: entry.id, summaryNotes: `${String(entry.summaryNotes)} (checked)` };
    const p = await previewOf('update_time_entry', args);
    const all = h.fake.records('TimeEntries');
    const saved = all.splice(all.indexOf(entry), 1);
    try {
      const r = await call(client, 'update_time_entry', { ...args, confirmationToken: p.confirmationToken });
      expect(r.isError).toBe(true);
      expect(r.text).toMatch(new RegExp(`TimeEntries ${entry.id} no longer exists`));
      expect(writeRequests(h.fake.requests)).toEqual([]);
    } finally {
      all.push(...saved);
    }
  });

  it('a failed freshness read does not spend the token', async () => {
    const args = { id: 41100, priority: ticket().priority === 1 ? 2 : 1 };
    const p = await previewOf('update_ticket', args);
    h.fake.addFault({ method: 'GET', route: /^Tickets\/41100$/, times: 1, fault: { kind: 'status', status: 403, body: { errors: ['Forbidden.'] } } });
    const failed = await call(client, 'update_ticket', { ...args, confirmationToken: p.confirmationToken });
    expect(failed.isError).toBe(true);
    expect(writeRequests(h.fake.requests)).toEqual([]);
    const done = await call(client, 'update_ticket', { ...args, confirmationToken: p.confirmationToken });
    expect(done.isError, done.text).toBe(false);
    expect(writeRequests(h.fake.requests)).toHaveLength(1);
  });
});

describe('the token binds the arguments of its preview', () => {
  it('refuses other arguments even when they would send the same request', async () => {
    const args = { parentType: 'ticket', parentId: 41007, text: 'Rebooted the router.' };
    const p = await previewOf('create_note', args);
    // The same note, with its default title spelled out: the same request, other arguments.
    const other = await call(client, 'create_note', { ...args, title: 'Rebooted the router.', confirmationToken: p.confirmationToken });
    expect(other.isError).toBe(true);
    expect(other.text).toMatch(/issued for a different request. Nothing was changed/);
    const done = await call(client, 'create_note', { ...args, confirmationToken: p.confirmationToken });
    expect(done.isError, done.text).toBe(false);
    expect(writeRequests(h.fake.requests)).toHaveLength(1);
  });
});
