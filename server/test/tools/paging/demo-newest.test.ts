/**
 * On the demo tenant, "newest" really is the most recently created: its ids follow creation order
 * (as Autotask assigns them), which newest-first paging relies on for every entity with a
 * creation date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { creationDateField } from '../../../src/tools/paging.js';
import { rowsOf, type Table } from '../results/support.js';
import { startHarness, type Harness } from '../../helpers/harness.js';

const seed = buildDemoSeed();
let h: Harness;
let client: Client;

beforeAll(async () => {
  h = await startHarness({ seed });
  client = await h.connect();
});
afterAll(async () => h?.close());

const ALL = ['TicketNotes', 'TimeEntries', 'CompanyNotes', 'ProjectNotes', 'TaskNotes', 'Companies', 'Contacts', 'Projects', 'Tasks'];

/** The ticket with the most attachments (TicketAttachments queries need a ticketID). */
function busiestTicket(): number {
  const counts = new Map<number, number>();
  for (const a of seed.records.TicketAttachments) counts.set(a.ticketID as number, (counts.get(a.ticketID as number) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
}

async function newestPage(entity: string, field: string, filter: unknown[], limit: number): Promise<number[]> {
  const r = await client.callTool({ name: 'query_entities', arguments: { entity, filter, limit, includeFields: [field] } });
  expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
  return rowsOf(r.structuredContent as Table).map((i) => i.id as number);
}

/** The records' creation dates, newest first. */
function createdDesc(entity: string, field: string, ids?: number[]): number[] {
  const rows = seed.records[entity].filter((x) => ids === undefined || ids.includes(x.id));
  return rows.map((x) => Date.parse(String(x[field]))).sort((a, b) => b - a);
}

describe('newest first on the demo tenant', () => {
  it.each(ALL)('query_entities %s: the first page holds the most recently created records', async (entity) => {
    const field = creationDateField(entity)!;
    const limit = Math.min(5, seed.records[entity].length - 1);
    const ids = await newestPage(entity, field, [], limit);
    expect(createdDesc(entity, field, ids)).toEqual(createdDesc(entity, field).slice(0, limit));
  });

  it('query_entities TicketAttachments of one ticket: the most recently attached first', async () => {
    const ticketID = busiestTicket();
    const ids = await newestPage('TicketAttachments', 'attachDate', [{ op: 'eq', field: 'ticketID', value: ticketID }], 2);
    const all = seed.records.TicketAttachments.filter((a) => a.ticketID === ticketID).map((a) => a.id);
    expect(all.length).toBeGreaterThan(2);
    expect(createdDesc('TicketAttachments', 'attachDate', ids)).toEqual(createdDesc('TicketAttachments', 'attachDate', all).slice(0, 2));
  });
});
