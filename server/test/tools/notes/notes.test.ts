/**
 * Ticket, project and company notes over MCP on the demo tenant: lists query the root entity,
 * creates go through the parent route, a note is internal by default, publishing needs the
 * explicit option and warns, and the full confirmation-token flow.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startHarness, SECRET_SENTINELS, type Harness } from '../../helpers/harness.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { ConfirmationService } from '../../../src/tools/confirm.js';
import { catalogue as defaultCatalogue } from '../../../src/catalogue/index.js';
import { call, dataRequests, expectSent, sent, structured, textOf, writes } from '../tickets/support.js';
import { nameOf, rowsOf } from '../results/support.js';
import type { Wire } from '../../helpers/wire.js';

const seed = buildDemoSeed();
const publish = seed.picklists.TicketNotes.publish;
// Publish values as live tenants list them (sandbox log; WYRE-AI/autotask-mcp #41 for projects).
const INTERNAL = 2; // "Internal Project Team"
const CO_MANAGED = 4; // "Internal & Co-Managed": the client's own IT staff can read it
const PUBLISHED = 1; // "All Autotask Users"
const noteTypes = seed.picklists.TicketNotes.noteType;
const DEFAULT_NOTE_TYPE = Number(noteTypes.find((v) => v.isDefaultValue)!.value);
const ticket = seed.records.Tickets.find((t) => seed.records.TicketNotes.filter((n) => n.ticketID === t.id).length >= 3)!;
const project = seed.records.Projects.find((p) => seed.records.ProjectNotes.some((n) => n.projectID === p.id))!;
const company = seed.records.Companies.find((c) => seed.records.CompanyNotes.filter((n) => n.companyID === c.id).length >= 2)!;

interface Preview {
  status: string;
  summary: string;
  request: { method: string; path: string; body: Record<string, unknown> };
  warnings: string[];
  confirmationToken: string;
}
interface List {
  columns: string[];
  rows: unknown[][];
  /** The rows read back as objects by column. */
  items: Array<Record<string, Wire>>;
  names?: Record<string, Record<string, string>>;
  hasMore: boolean;
  nextCursor: string | null;
  untrusted: string[];
}
const listOf = async (name: string, args: Record<string, unknown>): Promise<List> => {
  const r = structured<List>(await call(client, name, args));
  return { ...r, items: rowsOf(r) };
};
const seededNote = (entity: string, id: unknown) => seed.records[entity].find((n) => n.id === id)!;

let h: Harness;
let client: Client;
let clock = Date.parse('2026-11-01T12:00:00Z');

beforeAll(async () => {
  h = await startHarness();
  // A confirmation service on a clock the test controls, to prove expiry without waiting.
  h.deps.confirmations = new ConfirmationService(5 * 60_000, () => clock);
  client = await h.connect();
});
afterAll(async () => h?.close());
beforeEach(() => h.fake.clearRequests());

const preview = async (name: string, args: Record<string, unknown>) => {
  const before = writes(h.fake).length;
  const res = await call(client, name, args);
  const p = structured<Preview>(res);
  expect(p.status).toBe('confirmation_required');
  expect(writes(h.fake)).toHaveLength(before);
  return { p, text: textOf(res) };
};

describe('list and get notes', () => {
  it('list_notes for a ticket queries TicketNotes by ticketID (never the child GET list), with labels', async () => {
    const r = await listOf('list_notes', { parentType: 'ticket', parentId: ticket.id });
    expectSent(h.fake, 'TicketNotes/query', [{ op: 'eq', field: 'ticketID', value: ticket.id }]);
    expect(h.fake.requests.some((q) => q.route === `Tickets/${ticket.id}/Notes`)).toBe(false);
    const expected = seed.records.TicketNotes.filter((n) => n.ticketID === ticket.id);
    expect(r.items.map((n) => n.id)).toEqual(expected.map((n) => n.id).sort((a, b) => b - a)); // newest first
    for (const n of r.items) {
      const seeded = seededNote('TicketNotes', n.id);
      expect(n.publish).toBe(publish.find((p) => p.value === String(seeded.publish))!.label);
      expect(n.noteType).toBe(noteTypes.find((p) => p.value === String(seeded.noteType))!.label);
    }
    // The text fields, plus the author names enrichment filled in (names are client/staff-editable data).
    expect(r.untrusted).toEqual(['title', 'description', 'names']);
    expect(r.hasMore).toBe(false);
  });

  it('pages with limit and cursor, and filters by createdAfter', async () => {
    const expected = seed.records.TicketNotes.filter((n) => n.ticketID === ticket.id).map((n) => n.id).sort((a, b) => b - a);
    const first = await listOf('list_notes', { parentType: 'ticket', parentId: ticket.id, limit: 2 });
    expect(first.hasMore).toBe(true);
    const rest = await listOf('list_notes', { parentType: 'ticket', parentId: ticket.id, limit: 100, cursor: first.nextCursor });
    expect([...first.items, ...rest.items].map((n) => n.id)).toEqual(expected);
    expect(rest.hasMore).toBe(false);

    h.fake.clearRequests();
    await call(client, 'list_notes', { parentType: 'ticket', parentId: ticket.id, createdAfter: '2026-10-01' });
    expectSent(h.fake, 'TicketNotes/query', [
      { op: 'eq', field: 'ticketID', value: ticket.id },
      { op: 'gte', field: 'createDateTime', value: '2026-10-01T00:00:00.000Z' },
    ]);
  });

  it('project and company notes use their own root entities and fields', async () => {
    const pr = await listOf('list_notes', { parentType: 'project', parentId: project.id });
    expectSent(h.fake, 'ProjectNotes/query', [{ op: 'eq', field: 'projectID', value: project.id }]);
    expect(pr.items.map((n) => n.id)).toEqual(seed.records.ProjectNotes.filter((n) => n.projectID === project.id).map((n) => n.id).sort((a, b) => b - a));
    const cr = await listOf('list_notes', { parentType: 'company', parentId: company.id });
    expectSent(h.fake, 'CompanyNotes/query', [{ op: 'eq', field: 'companyID', value: company.id }]);
    expect(cr.items.length).toBe(seed.records.CompanyNotes.filter((n) => n.companyID === company.id).length);
    const actionTypes = seed.picklists.CompanyNotes.actionType;
    expect(cr.items.every((n) => n.actionType === actionTypes.find((p) => p.value === String(seededNote('CompanyNotes', n.id).actionType))!.label)).toBe(true);
    expect(cr.items.every((n) => typeof cr.names!.resources[String(n.assignedResourceID)] === 'string')).toBe(true);
    expect(cr.untrusted).toEqual(['name', 'note', 'names']);
  });

  it('get_note returns one note; a missing one is stated plainly', async () => {
    const note = seed.records.TicketNotes.find((n) => n.ticketID === ticket.id)!;
    const r = structured<{ found: boolean; note: Record<string, unknown> }>(await call(client, 'get_note', { parentType: 'ticket', id: note.id }));
    expect(sent(h.fake, `TicketNotes/${note.id}`, 'GET')).toHaveLength(1);
    expect(r.note).toMatchObject({ id: note.id, description: note.description, ticketID: ticket.id });
    expect(nameOf(r, 'tickets', ticket.id)).toBe(ticket.ticketNumber);
    const missing = await call(client, 'get_note', { parentType: 'company', id: 1 });
    expect(missing.isError).toBeFalsy();
    expect(textOf(missing)).toMatch(/No company note with id 1 exists/);
  });

  it('an empty list says so', async () => {
    const t = seed.records.Tickets.find((x) => !seed.records.TicketNotes.some((n) => n.ticketID === x.id))!;
    const res = await call(client, 'list_notes', { parentType: 'ticket', parentId: t.id });
    expect(structured<List>(res).rows).toEqual([]);
    expect(textOf(res)).toMatch(/No ticket notes found matching ticket \d+/);
  });
});

describe('publish values as real tenants have them', () => {
  const values = (entity: string) => seed.picklists[entity].publish.map((v) => [Number(v.value), v.label]);

  it('the demo tenant lists TicketNotes 1/2/4 (no 3) and ProjectNotes 1/2/3', () => {
    expect(values('TicketNotes')).toEqual([[1, 'All Autotask Users'], [2, 'Internal Project Team'], [4, 'Internal & Co-Managed']]);
    expect(values('ProjectNotes')).toEqual([[1, 'All Autotask Users'], [2, 'Internal Project Team'], [3, 'Project Team']]);
  });

  it('an internal ticket note gets 2 (Internal Project Team), never the co-managed 4, and the preview names it', async () => {
    const { p, text } = await preview('create_note', { parentType: 'ticket', parentId: ticket.id, text: 'Checked the RAID logs.', visibility: 'internal' });
    expect(p.request.body.publish).toBe(INTERNAL);
    expect(p.request.body.publish).not.toBe(CO_MANAGED);
    expect(p.summary).toContain('internal (Internal Project Team)');
    expect(text).toContain('Internal Project Team');
    expect(p.warnings).toEqual([]);
  });

  it('an internal project note gets 2 (Internal Project Team), not 3 (Project Team)', async () => {
    const { p } = await preview('create_note', { parentType: 'project', parentId: project.id, title: 'Risk', text: 'Vendor delay.' });
    expect(p.request.body.publish).toBe(2);
    expect(p.summary).toContain('internal (Internal Project Team)');
  });

  it('publishing names the client-visible value in the preview', async () => {
    const { p } = await preview('create_note', { parentType: 'ticket', parentId: ticket.id, text: 'Fixed.', title: 'Done', visibility: 'all_autotask_users_and_client' });
    expect(p.request.body.publish).toBe(PUBLISHED);
    expect(p.summary).toContain('PUBLISHED (All Autotask Users)');
  });
});

describe('create notes', () => {
  it('a ticket note is internal by default and goes to POST Tickets/{id}/Notes', async () => {
    const { p } = await preview('create_note', { parentType: 'ticket', parentId: ticket.id, text: 'Rebooted the print server.' });
    expect(p.request).toEqual({
      method: 'POST',
      path: `Tickets/${ticket.id}/Notes`,
      body: { ticketID: ticket.id, title: 'Rebooted the print server.', description: 'Rebooted the print server.', noteType: DEFAULT_NOTE_TYPE, publish: INTERNAL },
    });
    expect(p.warnings).toEqual([]);
    expect(p.summary).toMatch(/internal/);
    const done = await call(client, 'create_note', { parentType: 'ticket', parentId: ticket.id, text: 'Rebooted the print server.', confirmationToken: p.confirmationToken });
    expect(done.isError).toBeFalsy();
    const posts = sent(h.fake, `Tickets/${ticket.id}/Notes`, 'POST');
    expect(posts).toHaveLength(1);
    expect((posts[0].body as { publish: number }).publish).toBe(INTERNAL);
    const id = (done.structuredContent as { id: number }).id;
    expect(h.fake.records('TicketNotes').find((n) => n.id === id)).toMatchObject({ ticketID: ticket.id, publish: INTERNAL });
  });

  it('publishing needs the explicit option and carries a warning', async () => {
    const { p, text } = await preview('create_note', { parentType: 'ticket', parentId: ticket.id, text: 'Fixed, please confirm.', title: 'Update', noteType: 'client communication', visibility: 'all_autotask_users_and_client' });
    expect(p.request.body).toMatchObject({ publish: PUBLISHED, noteType: 2, title: 'Update' });
    expect(p.warnings.join(' ')).toMatch(/PUBLISHED.*client can see it/);
    expect(text).toMatch(/Warning: .*client can see it/);
  });

  it('project notes go to POST Projects/{id}/Notes with a title (given, or the first line of the text)', async () => {
    const { p } = await preview('create_note', { parentType: 'project', parentId: project.id, title: 'Status', text: 'Pilot group migrated.' });
    expect(p.request).toEqual({
      method: 'POST',
      path: `Projects/${project.id}/Notes`,
      body: { projectID: project.id, title: 'Status', description: 'Pilot group migrated.', noteType: DEFAULT_NOTE_TYPE, publish: INTERNAL, isAnnouncement: false },
    });
    const { p: derived } = await preview('create_note', { parentType: 'project', parentId: project.id, text: 'Go-live moved\nThe vendor needs another week.' });
    expect(derived.request.body.title).toBe('Go-live moved');
  });

  it('company notes go to POST Companies/{id}/Notes with action type and time, no publish field', async () => {
    const { p } = await preview('create_note', { parentType: 'company', parentId: company.id, text: 'Discussed renewal.', title: 'Call', noteType: 'Phone Call', assignedResourceID: 29682914, noteDateTime: '2026-10-30T10:15:00Z' });
    expect(p.request).toEqual({
      method: 'POST',
      path: `Companies/${company.id}/Notes`,
      body: { companyID: company.id, name: 'Call', note: 'Discussed renewal.', actionType: 1, assignedResourceID: 29682914, startDateTime: '2026-10-30T10:15:00.000Z', endDateTime: '2026-10-30T10:15:00.000Z' },
    });
    const done = await call(client, 'create_note', { parentType: 'company', parentId: company.id, text: 'Discussed renewal.', title: 'Call', noteType: 'Phone Call', assignedResourceID: 29682914, noteDateTime: '2026-10-30T10:15:00Z', confirmationToken: p.confirmationToken });
    expect(done.isError).toBeFalsy();
    expect(sent(h.fake, `Companies/${company.id}/Notes`, 'POST')).toHaveLength(1);
  });

  it.each([
    ['create_note', { parentType: 'ticket', parentId: 41_000, text: 'x', noteType: 'Gossip' }, /"Gossip" is not a valid TicketNotes\.noteType\. Valid values: 1=General/],
    ['create_note', { parentType: 'ticket', parentId: 41_000, text: 'x', visibility: 'public' }, /visibility/],
    ['create_note', { parentType: 'ticket', parentId: 41_000, text: '' }, /text/],
    ['create_note', { parentType: 'ticket', parentId: 999_999, text: 'x' }, /No ticket with id 999999/],
    ['create_note', { parentType: 'company', parentId: 103, text: 'x' }, /A company note needs assignedResourceID/],
    ['create_note', { parentType: 'company', parentId: 103, text: 'x', assignedResourceID: 29682914, visibility: 'internal' }, /visibility applies to ticket and project notes only/],
    ['create_note', { parentType: 'ticket', parentId: 41_000, text: 'x', isAnnouncement: true }, /isAnnouncement applies to project notes only/],
    ['create_note', { parentType: 'ticket', parentId: 41_000, text: 'x', noteDateTime: '2026-10-30' }, /noteDateTime applies to company notes only/],
    ['list_notes', { parentType: 'ticket', parentId: 'abc' }, /parentId/],
  ])('%s %j is refused and nothing is written', async (name, args, message) => {
    const res = await call(client, name, args);
    expect(res.isError).toBe(true);
    expect(textOf(res)).toMatch(message);
    expect(writes(h.fake)).toHaveLength(0);
    if (name.startsWith('list')) expect(dataRequests(h.fake)).toHaveLength(0);
  });
});

describe('note titles: always sent, the user\'s or the text\'s first line, cut to the field length', () => {
  it('an untitled ticket note is titled with its first line, shown in the preview, and accepted by a tenant requiring titles', async () => {
    expect(seed.requireTicketNoteTitles).toBe(true);
    const args = { parentType: 'ticket', parentId: ticket.id, text: '  Printer   fixed  \n\nReplaced the fuser unit.\nTested two pages.' };
    const { p, text } = await preview('create_note', args);
    expect(p.request.body.title).toBe('Printer fixed');
    expect(p.summary).toContain('"Printer fixed"');
    expect(text).toContain('"Printer fixed"');
    const done = await call(client, 'create_note', { ...args, confirmationToken: p.confirmationToken });
    expect(done.isError).toBeFalsy();
    const id = (done.structuredContent as { id: number }).id;
    expect(h.fake.records('TicketNotes').find((n) => n.id === id)).toMatchObject({ title: 'Printer fixed' });
  });

  it('a first line longer than TicketNotes.title (250 in the field metadata) is cut to 250 with a marker', async () => {
    const long = `${'Disk cleanup '.repeat(40)}\nsecond line`;
    const { p } = await preview('create_note', { parentType: 'ticket', parentId: ticket.id, text: long });
    const title = p.request.body.title as string;
    expect(title).toHaveLength(250);
    expect(title.endsWith('…')).toBe(true);
    expect(title.startsWith('Disk cleanup Disk cleanup')).toBe(true);
  });

  it("the user's title is kept, and cut to the field length with a warning when longer", async () => {
    const { p } = await preview('create_note', { parentType: 'ticket', parentId: ticket.id, text: 'Body.', title: '  Called back  ' });
    expect(p.request.body.title).toBe('Called back');
    expect(p.warnings).toEqual([]);
    const { p: cut } = await preview('create_note', { parentType: 'ticket', parentId: ticket.id, text: 'Body.', title: 'x'.repeat(300) });
    expect(cut.request.body.title).toHaveLength(250);
    expect(cut.warnings.join(' ')).toMatch(/title.*cut to 250 characters/i);
  });

  it('company notes get the same rule on their name field', async () => {
    const { p } = await preview('create_note', { parentType: 'company', parentId: company.id, text: 'Renewal call\nThey want a quote.', assignedResourceID: 29682914 });
    expect(p.request.body.name).toBe('Renewal call');
    expect(p.summary).toContain('"Renewal call"');
  });
});

describe('note title length comes from the tenant\'s field metadata', () => {
  it('a tenant whose TicketNotes.title holds 40 characters gets a 40-character title', async () => {
    const catalogue = structuredClone(defaultCatalogue);
    catalogue.entities.TicketNotes.fields.find((f) => f.name === 'title')!.length = 40;
    const short = await startHarness({ fake: { catalogue } });
    try {
      const c = await short.connect();
      const p = structured<Preview>(await call(c, 'create_note', { parentType: 'ticket', parentId: ticket.id, text: 'A first line that is clearly longer than forty characters.' }));
      expect(p.request.body.title).toBe('A first line that is clearly longer tha…');
      expect(p.request.body.title).toHaveLength(40);
    } finally {
      await short.close();
    }
  });
});

describe('confirmation flow on create_note', () => {
  const args = { parentType: 'ticket', parentId: 0, text: 'Confirmed flow note.' };
  beforeAll(() => {
    args.parentId = ticket.id;
  });

  it('preview -> execute once -> reuse refused -> tampered payload refused -> expired refused', async () => {
    const { p } = await preview('create_note', args);
    const token = p.confirmationToken;

    const ok = await call(client, 'create_note', { ...args, confirmationToken: token });
    expect(ok.isError).toBeFalsy();
    expect(sent(h.fake, `Tickets/${ticket.id}/Notes`, 'POST')).toHaveLength(1);

    const reused = await call(client, 'create_note', { ...args, confirmationToken: token });
    expect(reused.isError).toBe(true);
    expect(textOf(reused)).toMatch(/already used/);

    const { p: p2 } = await preview('create_note', args);
    const tampered = await call(client, 'create_note', { ...args, text: 'Different text.', confirmationToken: p2.confirmationToken });
    expect(tampered.isError).toBe(true);
    expect(textOf(tampered)).toMatch(/different request/);
    const published = await call(client, 'create_note', { ...args, visibility: 'all_autotask_users_and_client', confirmationToken: p2.confirmationToken });
    expect(published.isError).toBe(true);
    expect(textOf(published)).toMatch(/different request/);

    const { p: p3 } = await preview('create_note', args);
    clock += 5 * 60_000 + 1;
    const expired = await call(client, 'create_note', { ...args, confirmationToken: p3.confirmationToken });
    expect(expired.isError).toBe(true);
    expect(textOf(expired)).toMatch(/expired/);

    // Exactly one note was written through the whole flow.
    expect(sent(h.fake, `Tickets/${ticket.id}/Notes`, 'POST')).toHaveLength(1);
    const audit = h.logEvents().filter((e) => e.logger === 'audit' && e.tool === 'create_note');
    expect(audit.length).toBeGreaterThanOrEqual(1);
    for (const s of SECRET_SENTINELS) expect(h.logs).not.toContain(s);
  });
});
