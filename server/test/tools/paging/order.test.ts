/**
 * Every list of things that pile up answers newest first by default and in creation order with
 * order: "oldest" (over MCP against the fake); lists of companies, contacts and resources keep
 * Autotask's order and take no order argument.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { TenantSeed } from '../../../src/fake/types.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { rowsOf } from '../results/support.js';

let h: Harness;
let client: Client;
let seed: TenantSeed;

beforeAll(async () => {
  seed = buildDemoSeed();
  // Three attachments on one ticket, so their order shows.
  const attachments = seed.records.TicketAttachments;
  const first = attachments[0];
  const top = Math.max(...attachments.map((a) => a.id));
  attachments.push({ ...first, id: top + 1 }, { ...first, id: top + 2 });
  h = await startHarness({ seed });
  client = await h.connect();
});
afterAll(async () => h?.close());

function busiest(entity: string, field: string): number {
  const counts = new Map<number, number>();
  for (const r of seed.records[entity] ?? []) if (typeof r[field] === 'number') counts.set(r[field], (counts.get(r[field]) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

async function ids(name: string, args: Record<string, unknown>): Promise<number[]> {
  const r = await client.callTool({ name, arguments: args });
  expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
  return rowsOf(r.structuredContent as Record<string, unknown>).map((i) => i.id as number);
}

const desc = (xs: number[]) => [...xs].sort((a, b) => b - a);
const asc = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('newest first by default', () => {
  const cases: Array<[string, () => Record<string, unknown>]> = [
    ['search_tickets', () => ({ limit: 10 })],
    ['search_tasks', () => ({ limit: 10 })],
    ['search_projects', () => ({ limit: 3 })],
    ['search_time_entries', () => ({ ticketID: busiest('TimeEntries', 'ticketID'), limit: 5 })],
    ['list_notes', () => ({ parentType: 'ticket', parentId: busiest('TicketNotes', 'ticketID'), limit: 5 })],
    ['list_attachments', () => ({ parentType: 'ticket', parentId: busiest('TicketAttachments', 'ticketID'), limit: 2 })],
    ['query_entities', () => ({ entity: 'TimeEntries', filter: [{ op: 'gt', field: 'hoursWorked', value: 1 }], limit: 10 })],
  ];
  for (const [name, args] of cases) {
    it(`${name}: newest first, order "oldest" in creation order, same records in full`, async () => {
      const newest = await ids(name, args());
      expect(newest.length).toBeGreaterThan(1);
      expect(newest).toEqual(desc(newest));
      const oldest = await ids(name, { ...args(), order: 'oldest' });
      expect(oldest).toEqual(asc(oldest));
      expect(newest[0]).toBeGreaterThan(oldest[0]);
    });
  }

  it('search_tickets: the first page holds the highest ticket ids of the tenant', async () => {
    const newest = await ids('search_tickets', { limit: 25 });
    expect(newest).toEqual(desc(seed.records.Tickets.map((t) => t.id)).slice(0, 25));
  });

  it('lists of companies, contacts and resources take no order', async () => {
    for (const name of ['search_companies', 'search_contacts', 'search_resources']) {
      const r = await client.callTool({ name, arguments: { order: 'newest' } });
      expect(r.isError, name).toBe(true);
    }
  });
});
