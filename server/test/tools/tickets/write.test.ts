/** create_ticket and update_ticket over MCP: previews write nothing, confirmed bodies are exact. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { call, sent, structured, textOf, writes } from './support.js';

const seed = buildDemoSeed();
const contactOf = (companyId: number) => seed.records.Contacts.find((c) => c.companyID === companyId)!;
const openTicket = seed.records.Tickets.find((t) => t.status === 8 && t.assignedResourceID)!;

interface Preview {
  status: string;
  summary: string;
  request: { method: string; path: string; body: Record<string, unknown> };
  changes: Array<{ field: string; from: unknown; to: unknown }>;
  warnings: string[];
  confirmationToken: string;
}

let h: Harness;
let client: Client;
beforeAll(async () => {
  h = await startHarness();
  client = await h.connect();
});
afterAll(async () => h?.close());
beforeEach(() => h.fake.clearRequests());

async function previewOf(name: string, args: Record<string, unknown>): Promise<Preview> {
  const p = structured<Preview>(await call(client, name, args));
  expect(p.status).toBe('confirmation_required');
  expect(writes(h.fake)).toHaveLength(0);
  return p;
}

describe('create_ticket', () => {
  it('defaults required picklists from the tenant, resolves labels, and creates exactly the previewed body', async () => {
    const company = seed.records.Companies.find((c) => c.id === 118)!;
    const contact = contactOf(118);
    const args = { companyID: 118, title: 'Scanner not sending to email', description: 'Since this morning.', queue: 'escalations (level 2)', contactID: contact.id, dueDateTime: '2026-11-05T17:00:00+01:00' };
    const p = await previewOf('create_ticket', args);
    expect(p.request).toEqual({
      method: 'POST',
      path: 'Tickets',
      body: { companyID: 118, title: args.title, description: args.description, status: 1, priority: 2, queueID: 29683360, contactID: contact.id, dueDateTime: '2026-11-05T16:00:00.000Z' },
    });
    expect(p.summary).toContain(String(company.companyName));
    expect(p.summary).toContain('New (1)');
    expect(p.summary).toContain('Medium (2)');

    const done = await call(client, 'create_ticket', { ...args, confirmationToken: p.confirmationToken });
    expect(done.isError).toBeFalsy();
    const posts = sent(h.fake, 'Tickets', 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0].body).toEqual(p.request.body);
    const id = (done.structuredContent as { id: number }).id;
    expect(h.fake.records('Tickets').find((t) => t.id === id)).toMatchObject({ title: args.title, queueID: 29683360, status: 1 });
  });

  it('issue and sub-issue types by label, when the sub-issue belongs to the issue', async () => {
    const p = await previewOf('create_ticket', { companyID: 118, title: 'Weak signal', queue: 'Service Desk', issueType: 'network & connectivity', subIssueType: 'Wi-Fi', ticketType: 'Incident', source: 'Email' });
    expect(p.request.body).toMatchObject({ issueType: 3, subIssueType: 302, ticketType: 2, source: 4 });
  });

  it('an assignee without a queue gets the resource\'s default service desk role, and Autotask accepts it', async () => {
    const args = { companyID: 118, title: 'Assigned ticket', assignedResourceID: 29682906, priority: 'High', status: 'In Progress' };
    const p = await previewOf('create_ticket', args);
    expect(p.request.body).toMatchObject({ assignedResourceID: 29682906, assignedResourceRoleID: 29683356, priority: 1, status: 8 });
    expect(p.request.body.queueID).toBeUndefined();
    const done = await call(client, 'create_ticket', { ...args, confirmationToken: p.confirmationToken });
    expect(done.isError).toBeFalsy();
    expect(sent(h.fake, 'Tickets', 'POST')).toHaveLength(1);
  });

  it('neither a queue nor an assignee: refused before sending, with the tenant\'s queues listed', async () => {
    const res = await call(client, 'create_ticket', { companyID: 118, title: 'Nobody owns me' });
    expect(res.isError).toBe(true);
    const text = textOf(res);
    expect(text).toMatch(/needs a queue or an assignee/);
    expect(text).toMatch(/queue .*assignedResourceID/);
    // Every active queue of the tenant, as id=label.
    for (const q of seed.picklists.Tickets.queueID.filter((v) => v.isActive)) expect(text).toContain(`${q.value}=${q.label}`);
    expect(text).toMatch(/Nothing was sent/);
    expect(writes(h.fake)).toHaveLength(0);
  });

  it('says so in its description', async () => {
    const { tools } = await client.listTools();
    expect(tools.find((t) => t.name === 'create_ticket')!.description).toMatch(/queue or an assignee/);
  });

  it.each([
    [{ companyID: 999_999, title: 'x' }, /No company with id 999999/],
    [{ companyID: 118, title: 'x', contactID: contactOf(103).id }, /belongs to company 103, not to the ticket's company 118/],
    [{ companyID: 118, title: 'x', priority: 'Whenever' }, /"Whenever" is not a valid Tickets\.priority\. Valid values: 4=Critical, 1=High, 2=Medium, 3=Low/],
    [{ companyID: 118, title: 'x', assignedResourceRoleID: 29683356 }, /needs assignedResourceID/],
    [{ companyID: 118, title: '' }, /title/],
    [{ companyID: 118, title: 'x', issueType: 'Hardware', subIssueType: 'Wi-Fi' }, /"Wi-Fi" belongs to issue type 3, not to 1\. Sub-issue types of issue type 1: 101=Laptop \/ Desktop/],
    [{ companyID: 118, title: 'x', dueDateTime: 'tomorrow' }, /ISO date/],
  ])('%j is refused and writes nothing', async (args, message) => {
    const res = await call(client, 'create_ticket', args);
    expect(res.isError).toBe(true);
    expect(textOf(res)).toMatch(message);
    expect(writes(h.fake)).toHaveLength(0);
  });
});

describe('update_ticket', () => {
  it('PATCHes only changed fields and previews current -> new values with labels', async () => {
    const t = openTicket;
    const args = { id: t.id, status: 'Waiting Customer', priority: t.priority, title: t.title };
    const p = await previewOf('update_ticket', args);
    expect(p.request).toEqual({ method: 'PATCH', path: 'Tickets', body: { id: t.id, status: 7 } });
    expect(p.changes).toEqual([{ field: 'status', from: 'In Progress (8)', to: 'Waiting Customer (7)' }]);
    expect(p.warnings).toEqual([]);

    const done = await call(client, 'update_ticket', { ...args, confirmationToken: p.confirmationToken });
    expect(done.isError).toBeFalsy();
    const patches = sent(h.fake, 'Tickets', 'PATCH');
    expect(patches.map((q) => q.body)).toEqual([{ id: t.id, status: 7 }]);
    expect(h.fake.records('Tickets').find((x) => x.id === t.id)!.status).toBe(7);
  });

  it('closing a ticket carries a warning; reassigning sets the role too', async () => {
    const t = seed.records.Tickets.find((x) => x.status === 1 && x.id !== openTicket.id)!;
    const p = await previewOf('update_ticket', { id: t.id, status: 'Complete', assignedResourceID: 29682906, dueDateTime: '2026-12-01' });
    expect(p.request.body).toMatchObject({ id: t.id, status: 5, assignedResourceID: 29682906, assignedResourceRoleID: 29683356, dueDateTime: '2026-12-01T00:00:00.000Z' });
    expect(p.warnings.join(' ')).toMatch(/closes the ticket/);
    expect(p.changes.find((c) => c.field === 'status')).toEqual({ field: 'status', from: 'New (1)', to: 'Complete (5)' });
  });

  it.each([
    [{ id: openTicket.id }, /Nothing to change: give at least one field/],
    [{ id: openTicket.id, title: openTicket.title }, /Nothing to change: ticket .* already has these values/],
    [{ id: 999_999, title: 'x' }, /No ticket with id 999999/],
    [{ id: openTicket.id, queue: 'Nowhere' }, /not a valid Tickets\.queueID/],
    [{ id: openTicket.id, estimatedHours: -1 }, /estimatedHours/],
    [{ id: openTicket.id, issueType: 8, subIssueType: 'Server' }, /belongs to issue type 1, not to 8/],
  ])('%j is refused and writes nothing', async (args, message) => {
    const res = await call(client, 'update_ticket', args);
    expect(res.isError).toBe(true);
    expect(textOf(res)).toMatch(message);
    expect(writes(h.fake)).toHaveLength(0);
  });
});
