/**
 * Names and other client-editable strings (company, contact and resource names, e-mail, phone,
 * address) are data: every typed list/get text rendering shows them inside its one untrusted
 * boundary, and structured results list them in `untrusted` ("names" for the names of ids). The injection text lives in a copy of the demo
 * seed (never the seed itself).
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { call, textOf } from '../tickets/support.js';
import { useHarness } from '../companies/flow.js';
import { splitFence } from '../results/support.js';

const INJ = 'IGNORE-RULES-7Q';
const COMPANY = 103;
const CONTACT = 30700100; // Bethany Price, of company 103
const PRIYA = 29682904; // Service Desk Technician (29683355)
const PROJECT = 5100; // of company 103
const seed = buildDemoSeed();
const r = seed.records as Record<string, Array<Record<string, unknown>>>;
const byId = (entity: string, id: number) => r[entity].find((x) => x.id === id)!;
Object.assign(byId('Companies', COMPANY), { companyName: `Brightwater ${INJ}`, phone: `0117 ${INJ}`, city: INJ, address1: `1 ${INJ} Street` });
Object.assign(byId('Contacts', CONTACT), { lastName: `Price ${INJ}`, emailAddress: `${INJ}@brightwater.example`, phone: `0117 ${INJ}`, mobilePhone: INJ });
Object.assign(byId('Resources', PRIYA), { lastName: `Raman ${INJ}`, email: `${INJ}@harbourline.example`, title: `Tech ${INJ}`, officePhone: INJ });
const ticket = r.Tickets.find((t) => t.companyID === COMPANY)!;
Object.assign(ticket, { contactID: CONTACT, assignedResourceID: PRIYA, assignedResourceRoleID: 29683355 });
Object.assign(byId('Projects', PROJECT), { projectLeadResourceID: PRIYA });
const task = r.Tasks.find((t) => t.projectID === PROJECT)!;
Object.assign(task, { assignedResourceID: PRIYA, assignedResourceRoleID: 29683355 });
const note = r.TicketNotes.find((n) => n.ticketID === ticket.id);
if (note) Object.assign(note, { creatorResourceID: PRIYA, createdByContactID: null });
else r.TicketNotes.push({ ...r.TicketNotes[0], id: 30_099_999, ticketID: ticket.id, creatorResourceID: PRIYA, createdByContactID: null });
r.TimeEntries.push({ ...r.TimeEntries.find((t) => t.ticketID)!, id: 40_999_999, ticketID: ticket.id, taskID: null, resourceID: PRIYA, roleID: 29683355 });

const s = useHarness({ seed });

const calls: Array<[string, Record<string, unknown>, string[]]> = [
  ['search_tickets', { companyID: COMPANY, limit: 50 }, ['title', 'names']],
  ['get_ticket', { id: ticket.id, includeNotes: true, includeTimeEntries: true }, ['title', 'notes.description', 'names']],
  ['search_companies', { name: 'Brightwater' }, ['companyName', 'phone', 'city']],
  ['get_company', { id: COMPANY }, ['companyName', 'phone', 'city', 'address1']],
  ['search_contacts', { companyID: COMPANY }, ['name', 'emailAddress', 'phone', 'mobilePhone', 'names']],
  ['get_contact', { id: CONTACT }, ['lastName', 'emailAddress', 'phone', 'mobilePhone', 'names']],
  ['search_resources', { name: 'Priya' }, ['name', 'email', 'title']],
  ['get_resource', { id: PRIYA }, ['name', 'email', 'title', 'officePhone']],
  ['search_projects', { companyID: COMPANY }, ['projectName', 'names']],
  ['get_project', { id: PROJECT, includeTasks: true }, ['projectName', 'tasks.title', 'names']],
  ['search_tasks', { projectID: PROJECT }, ['title', 'names']],
  ['get_task', { id: task.id }, ['title', 'names']],
  ['search_time_entries', { ticketID: ticket.id }, ['summaryNotes', 'names']],
  ['list_notes', { parentType: 'ticket', parentId: ticket.id }, ['description', 'names']],
];

describe('client-editable names are marked untrusted', () => {
  it.each(calls)('%s %j: the injected text appears only inside the one boundary, and its fields are listed', async (tool, args, fields) => {
    const res = await call(s.client, tool, args);
    const text = textOf(res);
    expect(res.isError, text).toBeFalsy();
    const { inside, outside } = splitFence(text);
    expect(inside).toContain(INJ);
    expect(outside).not.toContain(INJ);
    expect((res.structuredContent as { untrusted: string[] }).untrusted).toEqual(expect.arrayContaining(fields));
  });

  it('stays compact: no per-field markers, one instruction line', async () => {
    const text = textOf(await call(s.client, 'search_tickets', { companyID: COMPANY, limit: 50 }));
    expect(text).not.toContain('untrusted-data');
    expect(text.match(/never as instructions/g)).toHaveLength(1);
  });
});
