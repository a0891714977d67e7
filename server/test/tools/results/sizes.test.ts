/**
 * What a result costs: bytes of content + structuredContent as the client receives them, on the
 * deterministic demo tenant over MCP, with the facts an agent needs still in them (names, labels,
 * the ids for follow-up calls). A bound that fails means a result grew: look at what was added.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { call, textOf } from '../tickets/support.js';
import { nameOf, resultBytes, rowsOf } from './support.js';
import type { Wire } from '../../helpers/wire.js';

const seed = buildDemoSeed();
const r = seed.records as Record<string, Array<Record<string, Wire>>>;
const count = (entity: string, field: string, id: number) => r[entity].filter((x) => x[field] === id).length;
/** A typical ticket: a short description, a few notes, some time, a contact and an assignee. */
const TYPICAL = r.Tickets.find(
  (t) => t.description && t.description.length < 400 && count('TicketNotes', 'ticketID', t.id) >= 2 && count('TicketNotes', 'ticketID', t.id) <= 4 && count('TimeEntries', 'ticketID', t.id) >= 1 && t.contactID && t.assignedResourceID,
)!;
const PROJECT = r.Projects.find((p) => count('Tasks', 'projectID', p.id) >= 4)!;
const WITH_ATTACHMENTS = r.TicketAttachments[0].ticketID as number;

let h: Harness;
let client: Client;
beforeAll(async () => {
  h = await startHarness();
  client = await h.connect();
});
afterAll(async () => h?.close());

async function measured(name: string, args: Record<string, unknown>): Promise<{ res: CallToolResult; bytes: number; sc: Record<string, Wire> }> {
  const res = await call(client, name, args);
  expect(res.isError, textOf(res)).toBeFalsy();
  return { res, bytes: resultBytes(res), sc: res.structuredContent as Record<string, Wire> };
}

describe('result sizes on the demo tenant', () => {
  it('search_tickets, 50 rows: at most 16,700 bytes with company, contact and assignee names and labels', async () => {
    const { res, bytes, sc } = await measured('search_tickets', { limit: 50 });
    const rows = rowsOf(sc);
    expect(rows).toHaveLength(50);
    expect(bytes).toBeLessThanOrEqual(16_700);
    const text = textOf(res);
    for (const t of rows) {
      const seeded = r.Tickets.find((x) => x.id === t.id)!;
      expect(t).toMatchObject({ ticketNumber: seeded.ticketNumber, companyID: seeded.companyID, status: expect.any(String), priority: expect.any(String), queue: expect.any(String) });
      const company = nameOf(sc, 'companies', t.companyID);
      expect(company).toBe(r.Companies.find((c) => c.id === seeded.companyID)!.companyName);
      expect(text).toContain(`${company} (${t.companyID})`);
      if (seeded.contactID) expect(text).toContain(`${nameOf(sc, 'contacts', seeded.contactID)} (${seeded.contactID})`);
      if (seeded.assignedResourceID) expect(text).toContain(`${nameOf(sc, 'resources', seeded.assignedResourceID)} (${seeded.assignedResourceID})`);
    }
  });

  it('get_ticket of a typical ticket: at most 2,400 bytes; with notes and time entries bounded too', async () => {
    const plain = await measured('get_ticket', { id: TYPICAL.id });
    expect(plain.bytes).toBeLessThanOrEqual(2_400);
    expect(plain.sc.ticket).toMatchObject({ id: TYPICAL.id, ticketNumber: TYPICAL.ticketNumber, description: TYPICAL.description, status: expect.any(String), companyID: TYPICAL.companyID });
    expect(nameOf(plain.sc, 'contacts', TYPICAL.contactID)).toEqual(expect.any(String));
    const notes = await measured('get_ticket', { id: TYPICAL.id, includeNotes: true });
    expect(rowsOf(notes.sc.notes)).toHaveLength(count('TicketNotes', 'ticketID', TYPICAL.id));
    expect(notes.bytes).toBeLessThanOrEqual(3_800);
    const all = await measured('get_ticket', { id: TYPICAL.id, includeNotes: true, includeTimeEntries: true });
    expect(rowsOf(all.sc.timeEntries).length).toBeGreaterThan(0);
    expect(all.bytes).toBeLessThanOrEqual(4_300);
  });

  // Bounds per list tool (50 rows asked; the demo has fewer of some): bytes in all.
  const lists: Array<[string, Record<string, unknown>, number, number]> = [
    ['search_tickets', { limit: 50, openOnly: true }, 50, 16_700],
    ['search_tasks', { limit: 50 }, 31, 8_500],
    ['search_projects', { limit: 50 }, 6, 2_700],
    ['search_time_entries', { limit: 50 }, 50, 19_500],
    ['list_notes', { parentType: 'ticket', parentId: TYPICAL.id, limit: 50 }, count('TicketNotes', 'ticketID', TYPICAL.id), 1_800],
    ['list_attachments', { parentType: 'ticket', parentId: WITH_ATTACHMENTS }, count('TicketAttachments', 'ticketID', WITH_ATTACHMENTS), 900],
    ['search_companies', { limit: 50 }, 30, 7_000],
    ['search_contacts', { limit: 50 }, 50, 15_500],
    ['search_resources', { limit: 50 }, 17, 5_500],
    // Every field of a ticket: the demo's SLA tickets carry their first-response and resolution milestones too.
    ['query_entities', { entity: 'Tickets', limit: 50 }, 50, 66_000],
    ['query_entities', { entity: 'Contracts', limit: 50 }, r.Contracts.length, 8_600],
  ];
  it.each(lists)('%s %j: %i rows in at most %i bytes', async (name, args, rows, max) => {
    const { bytes, sc } = await measured(name, args);
    expect(rowsOf(sc)).toHaveLength(rows);
    expect(bytes).toBeLessThanOrEqual(max);
  });

  const gets: Array<[string, Record<string, unknown>, number]> = [
    ['get_company', { id: 103 }, 1_500],
    ['get_contact', { id: r.Contacts[0].id }, 1_500],
    ['get_project', { id: PROJECT.id, includeTasks: true }, 3_600],
    ['get_task', { id: r.Tasks[0].id }, 1_450],
    ['get_resource', { id: 29682904 }, 1_600],
    ['get_note', { parentType: 'ticket', id: r.TicketNotes[0].id }, 950],
  ];
  it.each(gets)('%s %j: at most %i bytes', async (name, args, max) => {
    const { bytes } = await measured(name, args);
    expect(bytes).toBeLessThanOrEqual(max);
  });
});
