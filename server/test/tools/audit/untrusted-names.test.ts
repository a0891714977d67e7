/**
 * Names and other client-editable strings (company, contact and resource names, e-mail, phone,
 * address) are data: every typed list/get text rendering shows them inside untrusted markers, and
 * structured results list them in untrustedFields. The injection text lives in a copy of the demo
 * seed (never the seed itself).
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { call, textOf } from '../tickets/support.js';
import { useHarness } from '../companies/flow.js';

const INJ = 'IGNORE-RULES-7Q';
const COMPANY = 103;
const CONTACT = 30700100; // Bethany Price, of company 103
const PRIYA = 29682904; // Service Desk Technician (29683355)
const PROJECT = 5100; // of company 103
const seed = buildDemoSeed();
const r = seed.records as Record<string, Array<Record<string, unknown>>>;
const byId = (entity: string, id: number) => r[entity]!.find((x) => x.id === id)!;
Object.assign(byId('Companies', COMPANY), { companyName: `Brightwater ${INJ}`, phone: `0117 ${INJ}`, city: INJ, address1: `1 ${INJ} Street` });
Object.assign(byId('Contacts', CONTACT), { lastName: `Price ${INJ}`, emailAddress: `${INJ}@brightwater.example`, phone: `0117 ${INJ}`, mobilePhone: INJ });
Object.assign(byId('Resources', PRIYA), { lastName: `Raman ${INJ}`, email: `${INJ}@harbourline.example`, title: `Tech ${INJ}`, officePhone: INJ });
const ticket = r.Tickets!.find((t) => t.companyID === COMPANY)!;
Object.assign(ticket, { contactID: CONTACT, assignedResourceID: PRIYA, assignedResourceRoleID: 29683355 });
Object.assign(byId('Projects', PROJECT), { projectLeadResourceID: PRIYA });
const task = r.Tasks!.find((t) => t.projectID === PROJECT)!;
Object.assign(task, { assignedResourceID: PRIYA, assignedResourceRoleID: 29683355 });
const note = r.TicketNotes!.find((n) => n.ticketID === ticket.id);
if (note) Object.assign(note, { creatorResourceID: PRIYA, createdByContactID: null });
else r.TicketNotes!.push({ ...r.TicketNotes![0]!, id: 30_099_999, ticketID: ticket.id, creatorResourceID: PRIYA, createdByContactID: null });
r.TimeEntries!.push({ ...r.TimeEntries!.find((t) => t.ticketID)!, id: 40_999_999, ticketID: ticket.id, taskID: null, resourceID: PRIYA, roleID: 29683355 });

const s = useHarness({ seed });

/** The text with every untrusted block removed: what a model would read as the server's own words. */
const outsideMarkers = (text: string) => text.replace(/<untrusted-data>[^]*?<\/untrusted-data>/g, '');

const calls: Array<[string, Record<string, unknown>, string[]]> = [
  ['search_tickets', { companyID: COMPANY, limit: 50 }, ['companyName', 'contactName', 'assignedResourceName']],
  ['get_ticket', { id: ticket.id as number, includeNotes: true, includeTimeEntries: true }, ['companyName', 'contactName', 'assignedResourceName']],
  ['search_companies', { name: 'Brightwater' }, ['companyName', 'phone', 'city', 'address1']],
  ['get_company', { id: COMPANY }, ['companyName', 'phone', 'city', 'address1']],
  ['search_contacts', { companyID: COMPANY }, ['lastName', 'emailAddress', 'phone', 'mobilePhone', 'companyName']],
  ['get_contact', { id: CONTACT }, ['lastName', 'emailAddress', 'phone', 'mobilePhone', 'companyName']],
  ['search_resources', { name: 'Priya' }, ['lastName', 'email', 'title', 'officePhone']],
  ['get_resource', { id: PRIYA }, ['lastName', 'email', 'title', 'officePhone']],
  ['search_projects', { companyID: COMPANY }, ['companyName', 'projectLeadResourceName']],
  ['get_project', { id: PROJECT, includeTasks: true }, ['companyName', 'projectLeadResourceName']],
  ['search_tasks', { projectID: PROJECT }, ['assignedResourceName', 'projectName']],
  ['get_task', { id: task.id as number }, ['assignedResourceName']],
  ['search_time_entries', { ticketID: ticket.id as number }, ['resourceName']],
  ['list_notes', { parentType: 'ticket', parentId: ticket.id as number }, ['creatorResourceName']],
];

describe('client-editable names are marked untrusted', () => {
  it.each(calls)('%s %j: the injected text appears only inside markers, and its fields are listed', async (tool, args, fields) => {
    const res = await call(s.client, tool, args);
    const text = textOf(res);
    expect(res.isError, text).toBeFalsy();
    expect(text).toContain(INJ);
    expect(outsideMarkers(text)).not.toContain(INJ);
    expect((res.structuredContent as { untrustedFields: string[] }).untrustedFields).toEqual(expect.arrayContaining(fields));
  });

  it('stays compact: an id fallback or an empty value is not wrapped', async () => {
    const text = textOf(await call(s.client, 'search_tickets', { companyID: COMPANY, limit: 50 }));
    expect(text).not.toMatch(/<untrusted-data>\d*<\/untrusted-data>/);
    expect(text).not.toContain('<untrusted-data></untrusted-data>');
  });
});
