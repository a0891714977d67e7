/**
 * The typical agent tasks still answer from the compact rows: each step's result carries the
 * names, labels and ids the next step or the answer needs, in text and in structuredContent,
 * without extra lookups. Checked against the demo seed over MCP; bytes per task are bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { call, textOf } from '../tickets/support.js';
import { nameOf, resultBytes, rowsOf, splitFence } from './support.js';
import type { Wire } from '../../helpers/wire.js';

const seed = buildDemoSeed();
const rec = seed.records as Record<string, Array<Record<string, Wire>>>;
const label = (entity: string, field: string, v: unknown) => seed.picklists[entity][field].find((p) => p.value === String(v))?.label;
const person = (r: Record<string, Wire>) => `${r.firstName} ${r.lastName}`;
const CLOSED = [5, 21];

let h: Harness;
let client: Client;
let bytes = 0;
beforeAll(async () => {
  h = await startHarness();
  client = await h.connect();
});
afterAll(async () => h?.close());

async function ask(name: string, args: Record<string, unknown>): Promise<{ res: CallToolResult; sc: Record<string, Wire>; text: string; inside: string }> {
  const res = await call(client, name, args);
  const text = textOf(res);
  expect(res.isError, text).toBeFalsy();
  bytes += resultBytes(res);
  return { res, sc: res.structuredContent as Record<string, Wire>, text, inside: splitFence(text).inside };
}

describe('typical agent tasks on the compact rows', () => {
  it('companies by partial name, then their open tickets with contact and assignee names', async () => {
    bytes = 0;
    const companies = await ask('search_companies', { name: 'dental' });
    const company = rowsOf(companies.sc).find((c) => c.companyName === 'Brightwater Dental Group')!;
    expect(company).toMatchObject({ id: 103, companyType: 'Customer' });
    const open = await ask('search_tickets', { companyID: company.id, openOnly: true, limit: 50 });
    const want = rec.Tickets.filter((t) => t.companyID === 103 && !CLOSED.includes(t.status));
    const rows = rowsOf(open.sc);
    expect(rows.map((t) => t.id).sort()).toEqual(want.map((t) => t.id).sort());
    for (const t of rows) {
      const s = want.find((x) => x.id === t.id)!;
      expect(t.status).toBe(label('Tickets', 'status', s.status));
      expect(open.inside).toContain(`|Brightwater Dental Group (103)|`);
      if (s.contactID) expect(open.inside).toContain(`${person(rec.Contacts.find((c) => c.id === s.contactID)!)} (${s.contactID})`);
      if (s.assignedResourceID) expect(nameOf(open.sc, 'resources', s.assignedResourceID)).toBe(person(rec.Resources.find((r) => r.id === s.assignedResourceID)!));
    }
    expect(bytes).toBeLessThanOrEqual(2_600);
  });

  it('a contact by e-mail, and its company, in one call', async () => {
    bytes = 0;
    const contact = rec.Contacts.find((c) => c.companyID === 106 && c.emailAddress)!;
    const r = await ask('search_contacts', { email: contact.emailAddress });
    const row = rowsOf(r.sc).find((c) => c.id === contact.id)!;
    const company = rec.Companies.find((c) => c.id === contact.companyID)!;
    expect(row).toMatchObject({ name: person(contact), companyID: company.id, emailAddress: contact.emailAddress });
    expect(r.inside).toContain(`${company.companyName} (${company.id})`);
    expect(bytes).toBeLessThanOrEqual(900);
  });

  it('a ticket with its notes and time, authors and technicians named', async () => {
    bytes = 0;
    const t = rec.Tickets.find((x) => rec.TicketNotes.filter((n) => n.ticketID === x.id).length >= 2 && rec.TimeEntries.some((e) => e.ticketID === x.id))!;
    const r = await ask('get_ticket', { ticketNumber: t.ticketNumber, includeNotes: true, includeTimeEntries: true });
    expect(r.sc.ticket).toMatchObject({ id: t.id, status: label('Tickets', 'status', t.status), priority: label('Tickets', 'priority', t.priority) });
    const notes = rowsOf(r.sc.notes);
    expect(notes.map((n) => n.id).sort()).toEqual(rec.TicketNotes.filter((n) => n.ticketID === t.id).map((n) => n.id).sort());
    for (const n of notes) expect(nameOf(r.sc, 'resources', n.creatorResourceID) ?? nameOf(r.sc, 'contacts', n.createdByContactID)).toEqual(expect.any(String));
    const hours = rowsOf(r.sc.timeEntries).reduce((a, e) => a + e.hoursWorked, 0);
    expect(hours).toBeCloseTo(rec.TimeEntries.filter((e) => e.ticketID === t.id).reduce((a, e) => a + e.hoursWorked, 0), 2);
    for (const e of rowsOf(r.sc.timeEntries)) expect(r.inside).toContain(`${nameOf(r.sc, 'resources', e.resourceID)} (${e.resourceID})`);
    expect(bytes).toBeLessThanOrEqual(4_300);
  });

  it("a queue's open tickets, by queue label", async () => {
    bytes = 0;
    const queue = seed.picklists.Tickets.queueID.find((q) => q.label === 'Service Desk')!;
    const r = await ask('search_tickets', { queue: 'Service Desk', openOnly: true, limit: 50 });
    const rows = rowsOf(r.sc);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((x) => x.queue === 'Service Desk' && !['Complete', 'Cancelled'].includes(x.status))).toBe(true);
    const all = rec.Tickets.filter((x) => x.queueID === Number(queue.value) && !CLOSED.includes(x.status));
    expect(rows.length).toBe(Math.min(50, all.length));
    expect(bytes).toBeLessThanOrEqual(16_700);
  });

  it("hours on a project's tasks in a date range, with task and technician names", async () => {
    bytes = 0;
    const project = rec.Projects.find((p) => p.id === 5100)!;
    const tasks = rec.Tasks.filter((x) => x.projectID === project.id).map((x) => x.id);
    const entries = rec.TimeEntries.filter((e) => tasks.includes(e.taskID) && e.dateWorked >= '2026-01-01' && e.dateWorked < '2027-01-01');
    expect(entries.length).toBeGreaterThan(0);
    const r = await ask('search_time_entries', { projectID: project.id, workedAfter: '2026-01-01', workedBefore: '2027-01-01', limit: 500 });
    expect(r.sc.totalHoursOnPage).toBeCloseTo(entries.reduce((a, e) => a + e.hoursWorked, 0), 2);
    for (const e of rowsOf(r.sc)) {
      expect(nameOf(r.sc, 'tasks', e.taskID)).toBe(rec.Tasks.find((x) => x.id === e.taskID)!.title);
      expect(nameOf(r.sc, 'resources', e.resourceID)).toEqual(expect.any(String));
    }
    expect(r.text).toMatch(/Total on this page: [\d.]+ hours\./);
    expect(bytes).toBeLessThanOrEqual(7_800);
  });

  it('a generic entity query, with labels and names', async () => {
    bytes = 0;
    const r = await ask('query_entities', { entity: 'Contracts', filter: [{ op: 'eq', field: 'companyID', value: 109 }] });
    const rows = rowsOf(r.sc);
    expect(rows.length).toBe(rec.Contracts.filter((c) => c.companyID === 109).length);
    for (const c of rows) {
      const s = rec.Contracts.find((x) => x.id === c.id)!;
      expect(c.status).toBe(label('Contracts', 'status', s.status) ?? s.status);
      expect(nameOf(r.sc, 'companies', 109)).toBe(rec.Companies.find((x) => x.id === 109)!.companyName);
    }
    expect(bytes).toBeLessThanOrEqual(1_500);
  });
});
