/**
 * Ticket history, the people on a ticket and project phases over MCP against the demo tenant.
 * TicketHistory takes exactly one ticketID eq filter and nothing else (no paging bounds, no
 * IncludeFields); its pages are walked to show the newest, and the walk's cap is stated.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { call, filterOf, sent, structured, textOf } from '../tickets/support.js';
import { nameOf, rowsOf } from '../results/support.js';
import { confirm, list, preview, refused, useHarness } from '../companies/flow.js';
import type { Wire } from '../../helpers/wire.js';

const seed = buildDemoSeed();
const recs = (e: string) => seed.records[e];
const ticket = recs('Tickets').find((t) => t.status === 5 && recs('TicketHistory').filter((h) => h.ticketID === t.id).length >= 4)!;
const history = recs('TicketHistory').filter((h) => h.ticketID === ticket.id);
const copied = recs('TicketAdditionalContacts')[0];
const helped = recs('TicketSecondaryResources')[0];
const open = recs('Tickets').filter((t) => t.status !== 5 && t.status !== 21 && t.contactID !== null && t.assignedResourceID !== null);
const target = open.find((t) => recs('Contacts').filter((c) => c.companyID === t.companyID && c.id !== t.contactID && c.isActive === 1).length > 0 && !recs('TicketAdditionalContacts').some((a) => a.ticketID === t.id))!;
const colleague = recs('Contacts').find((c) => c.companyID === target.companyID && c.id !== target.contactID && c.isActive === 1)!;
const stranger = recs('Contacts').find((c) => c.companyID !== target.companyID)!;
const TECH = 29682906; // Senior Engineer, default service desk role 29683356

const s = useHarness();

describe('get_ticket_history', () => {
  it('sends exactly one ticketID eq filter, no IncludeFields, and answers newest first with names', async () => {
    const r = await list(s, 'get_ticket_history', { ticketID: ticket.id });
    const reqs = sent(s.h.fake, 'TicketHistory/query', 'POST');
    expect(reqs).toHaveLength(1);
    expect(reqs[0].body).toEqual({ filter: [{ op: 'eq', field: 'ticketID', value: ticket.id }], MaxRecords: 500 });
    expect(r.items.map((i) => i.id)).toEqual([...history].sort((a, b) => Date.parse(String(b.date)) - Date.parse(String(a.date)) || b.id - a.id).map((h) => h.id));
    expect(r.items.at(-1)).toMatchObject({ action: 'Created' });
    expect(nameOf(r, 'resources', r.items[0].resourceID)).toEqual(expect.any(String));
    expect(r.complete).toBe(true);
    expect(r.untrusted).toEqual(expect.arrayContaining(['action', 'detail']));
  });

  it('walks at most four pages for a long history, shows the newest read and says where it stopped', async () => {
    const long = open[0];
    s.h.fake.records('TicketHistory').push(...Array.from({ length: 2100 }, (_, k) => ({ id: 95_000_000 + k, ticketID: long.id, action: 'Edited', detail: `Change ${k}`, resourceID: TECH, date: new Date(Date.parse('2026-10-01T00:00:00Z') + k * 60_000).toISOString() })));
    const r = await call(s.client, 'get_ticket_history', { ticketID: long.id, limit: 5 });
    const out = structured<{ read: number; complete: boolean }>(r);
    expect(out).toMatchObject({ read: 2000, complete: false });
    expect(sent(s.h.fake, 'TicketHistory/query', 'POST')).toHaveLength(1);
    expect(sent(s.h.fake, 'TicketHistory/query/next', 'POST')).toHaveLength(3);
    expect(textOf(r)).toMatch(/more than 2000 history entries; these are the newest of the first 2000/);
  });

  it('says when the ticket does not exist', async () => {
    await refused(s, 'get_ticket_history', { ticketID: 1 }, /No ticket with id 1 exists/, 'reads');
  });
});

describe('list_ticket_people', () => {
  it('names the ticket contact and primary resource, additional contacts and secondary resources with roles', async () => {
    const r = structured<Record<string, Wire>>(await call(s.client, 'list_ticket_people', { ticketID: copied.ticketID }));
    expect(filterOf(sent(s.h.fake, 'TicketAdditionalContacts/query', 'POST')[0])).toEqual([{ op: 'eq', field: 'ticketID', value: copied.ticketID }]);
    expect(rowsOf(r.additionalContacts).map((c) => c.contactID)).toContain(copied.contactID);
    expect(nameOf(r, 'contacts', copied.contactID)).toEqual(expect.any(String));

    const h = structured<Record<string, Wire>>(await call(s.client, 'list_ticket_people', { ticketID: helped.ticketID }));
    const row = rowsOf(h.secondaryResources).find((x) => x.resourceID === helped.resourceID)!;
    expect(nameOf(h, 'resources', helped.resourceID)).toEqual(expect.any(String));
    expect(nameOf(h, 'roles', row.roleID)).toEqual(expect.any(String));
  });
});

describe('add_ticket_contact and add_secondary_resource', () => {
  it('adds a contact of the ticket\'s company through the ticket', async () => {
    const args = { ticketID: target.id, contactID: colleague.id };
    const p = await preview(s, 'add_ticket_contact', args);
    expect(p.request).toEqual({ method: 'POST', path: `Tickets/${target.id}/AdditionalContacts`, body: args });
    await confirm(s, 'add_ticket_contact', args, p);
    s.h.fake.clearRequests();
    await refused(s, 'add_ticket_contact', args, /already an additional contact/, 'reads');
  });

  it.each([
    ['a contact of another company', () => ({ ticketID: target.id, contactID: stranger.id }), /not to the ticket's company/],
    ['the ticket contact', () => ({ ticketID: target.id, contactID: target.contactID }), /already the contact of ticket/],
  ])('refuses %s before sending anything', async (_what, args, message) => {
    await refused(s, 'add_ticket_contact', args(), message, 'reads');
  });

  it('adds a secondary resource in their default role, and refuses the primary resource', async () => {
    const t = open.find((x) => x.assignedResourceID !== TECH && !recs('TicketSecondaryResources').some((r) => r.ticketID === x.id))!;
    const args = { ticketID: t.id, resourceID: TECH };
    const p = await preview(s, 'add_secondary_resource', args);
    expect(p.request).toEqual({ method: 'POST', path: `Tickets/${t.id}/SecondaryResources`, body: { ticketID: t.id, resourceID: TECH, roleID: 29683356 } });
    expect(p.summary).toMatch(/role 29683356 \(Senior Engineer\)/);
    await confirm(s, 'add_secondary_resource', args, p);
    s.h.fake.clearRequests();
    await refused(s, 'add_secondary_resource', args, /already a secondary resource/, 'reads');
    await refused(s, 'add_secondary_resource', { ticketID: t.id, resourceID: t.assignedResourceID }, /is the primary resource of ticket/, 'reads');
  });
});

describe('list_project_phases', () => {
  it('lists a project\'s phases in start order with task counts', async () => {
    const r = await list(s, 'list_project_phases', { projectID: 5100 });
    expect(filterOf(sent(s.h.fake, 'Phases/query', 'POST')[0])).toEqual([{ op: 'eq', field: 'projectID', value: 5100 }]);
    const phases = recs('Phases').filter((p) => p.projectID === 5100);
    expect(r.items.map((p) => p.id).sort()).toEqual(phases.map((p) => p.id).sort());
    const tasks = recs('Tasks').filter((t) => t.projectID === 5100);
    for (const p of r.items) {
      expect(p.tasks).toBe(tasks.filter((t) => t.phaseID === p.id).length);
      expect(p.openTasks).toBe(tasks.filter((t) => t.phaseID === p.id && t.status !== 5).length);
    }
  });

  it('says when the project does not exist', async () => {
    await refused(s, 'list_project_phases', { projectID: 1 }, /No project with id 1 exists/, 'reads');
  });
});
