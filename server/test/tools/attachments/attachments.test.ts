/**
 * Attachment tools over MCP on the demo tenant: metadata lists by parent id, content only via
 * the child route as an embedded resource with a size cap, and uploads with strict base64,
 * a size limit, a sanitised name and internal visibility by default.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { MAX_DOWNLOAD_BYTES } from '../../../src/tools/attachments/read.js';
import { MAX_UPLOAD_BYTES } from '../../../src/tools/attachments/write.js';
import { decodeBase64Strict, sanitizeFileName } from '../../../src/tools/attachments/files.js';
import { call, dataRequests, expectSent, lastFilter, sent, structured, textOf, writes } from '../tickets/support.js';
import { rowsOf, splitFence } from '../results/support.js';

const seed = buildDemoSeed();
const ticketAtts = seed.records.TicketAttachments;
const direct = (a: Record<string, unknown>) => a.ticketNoteID == null && a.timeEntryID == null;
// A ticket with files on itself, on a note and on a time entry.
const TICKET_ID = ticketAtts.find(
  (a) => direct(a) && ticketAtts.some((b) => b.ticketID === a.ticketID && b.ticketNoteID != null) && ticketAtts.some((b) => b.ticketID === a.ticketID && b.timeEntryID != null),
)!.ticketID as number;
const ticketAtt = ticketAtts.find((a) => a.ticketID === TICKET_ID && direct(a))!;
const noteAtt = ticketAtts.find((a) => a.ticketID === TICKET_ID && a.ticketNoteID != null)!;
const timeAtt = ticketAtts.find((a) => a.ticketID === TICKET_ID && a.timeEntryID != null)!;
const projectNoteAtt = seed.records.ProjectAttachments.find((a) => a.projectNoteID != null)!;
const projectAtt = seed.records.ProjectAttachments.find((a) => a.projectID === projectNoteAtt.projectID && a.projectNoteID == null)!;
const companyAtt = seed.records.CompanyAttachments[0];
const publish = seed.picklists.TicketAttachments.publish;
const INTERNAL = Number(publish.find((p) => /internal/i.test(p.label))!.value);
const PUBLISHED = Number(publish.find((p) => /all autotask users/i.test(p.label))!.value);

let h: Harness;
let client: Client;
beforeAll(async () => {
  h = await startHarness();
  client = await h.connect();
});
afterAll(async () => h?.close());
beforeEach(() => h.fake.clearRequests());

interface List {
  columns: string[];
  rows: unknown[][];
  hasMore: boolean;
  nextCursor: string | null;
}
const listOf = async (args: Record<string, unknown>) => {
  const res = await call(client, 'list_attachments', args);
  return { res, items: rowsOf(structured<List>(res)), columns: structured<List>(res).columns };
};

describe('list_attachments', () => {
  it.each([
    ['ticket', 'TicketAttachments', 'ticketID', TICKET_ID],
    ['project', 'ProjectAttachments', 'projectID', projectAtt.projectID as number],
    ['company', 'CompanyAttachments', 'companyID', companyAtt.companyID as number],
  ] as const)('%s: queries %s by the entity id %s (never parentID), metadata only', async (parentType, entity, idField, parentId) => {
    const r = await listOf({ parentType, parentId });
    expectSent(h.fake, `${entity}/query`, [{ op: 'eq', field: idField, value: parentId }]);
    const body = sent(h.fake, `${entity}/query`)[0].body as { IncludeFields?: string[] };
    expect(body.IncludeFields).toBeUndefined();
    expect(r.items.map((a) => a.id).sort()).toEqual(seed.records[entity].filter((a) => a[idField] === parentId).map((a) => a.id).sort());
    expect(r.columns).not.toContain('data');
    for (const a of r.items) expect(a.publish).toEqual(expect.any(String));
    expect(h.fake.requests.some((q) => /\/Attachments(\/\d+)?$/.test(q.route))).toBe(false);
  });

  it("a ticket's list includes the files on its notes and time entries, each saying what it hangs on", async () => {
    const r = await listOf({ parentType: 'ticket', parentId: TICKET_ID });
    const by = (id: number) => r.items.find((a) => a.id === id)!;
    expect(by(ticketAtt.id).attachedTo).toBe(`ticket ${TICKET_ID}`);
    expect(by(noteAtt.id).attachedTo).toBe(`note ${noteAtt.ticketNoteID}`);
    expect(by(timeAtt.id).attachedTo).toBe(`time entry ${timeAtt.timeEntryID}`);
    const { inside } = splitFence(textOf(r.res));
    expect(inside).toContain(`\n${ticketAtt.id}|ticket ${TICKET_ID}|`);
    expect(inside).toContain(`\n${noteAtt.id}|note ${noteAtt.ticketNoteID}|`);
    expect(inside).toContain(`\n${timeAtt.id}|time entry ${timeAtt.timeEntryID}|`);
  });

  it("a project's list includes the files on its project notes", async () => {
    const r = await listOf({ parentType: 'project', parentId: projectNoteAtt.projectID });
    expect(r.items.find((a) => a.id === projectNoteAtt.id)!.attachedTo).toBe(`project note ${projectNoteAtt.projectNoteID}`);
    expect(r.items.find((a) => a.id === projectAtt.id)!.attachedTo).toBe(`project ${projectAtt.projectID}`);
  });

  it('an empty list says so; a bad parentType is refused', async () => {
    const none = await call(client, 'list_attachments', { parentType: 'ticket', parentId: 1 });
    expect(textOf(none)).toMatch(/No attachments found matching ticket 1/);
    h.fake.clearRequests();
    const bad = await call(client, 'list_attachments', { parentType: 'invoice', parentId: 1 });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/parentType/);
    expect(dataRequests(h.fake)).toHaveLength(0);
  });
});

describe('get_attachment', () => {
  const resourceOf = (res: Awaited<ReturnType<typeof call>>) =>
    res.content.find((c) => c.type === 'resource') as { type: 'resource'; resource: { uri: string; mimeType: string; blob: string } } | undefined;

  it('reads metadata and bytes in one request from the root GET TicketAttachments/{id}, not the child route', async () => {
    const res = await call(client, 'get_attachment', { parentType: 'ticket', parentId: TICKET_ID, attachmentId: ticketAtt.id });
    expect(res.isError).toBeFalsy();
    expect(dataRequests(h.fake).map((q) => `${q.method} ${q.route}`)).toEqual([`GET TicketAttachments/${ticketAtt.id}`]);
    expect(resourceOf(res)!.resource).toEqual({ uri: `autotask://tickets/${TICKET_ID}/attachments/${ticketAtt.id}`, mimeType: ticketAtt.contentType, blob: ticketAtt.data });
    expect(splitFence(textOf(res)).inside).toContain(`fullPath: ${ticketAtt.fullPath}`);
  });

  it("reads a file on one of the ticket's notes or time entries, saying where it hangs", async () => {
    for (const [att, attachedTo] of [
      [noteAtt, { type: 'note', id: noteAtt.ticketNoteID }],
      [timeAtt, { type: 'time entry', id: timeAtt.timeEntryID }],
    ] as const) {
      h.fake.clearRequests();
      const res = await call(client, 'get_attachment', { parentType: 'ticket', parentId: TICKET_ID, attachmentId: att.id });
      expect(resourceOf(res)!.resource.blob).toBe(att.data);
      expect(res.structuredContent).toMatchObject({ found: true, attachedTo });
      expect(dataRequests(h.fake)).toHaveLength(1);
    }
    const other = await call(client, 'get_attachment', { parentType: 'ticket', parentId: TICKET_ID + 1, attachmentId: noteAtt.id });
    expect(other.structuredContent).toEqual({ found: false });
  });

  it('when the record does not say its ticket, membership is checked with the documented ticketID query', async () => {
    const note = seed.records.TicketNotes.find((n) => n.ticketID === TICKET_ID)!;
    h.fake.records('TicketAttachments').push({ ...noteAtt, id: 29_799_010, ticketID: null, ticketNoteID: note.id, parentID: note.id });
    const res = await call(client, 'get_attachment', { parentType: 'ticket', parentId: TICKET_ID, attachmentId: 29_799_010 });
    expect(resourceOf(res)!.resource.blob).toBe(noteAtt.data);
    expect(lastFilter(h.fake, 'TicketAttachments/query')).toEqual([
      { op: 'eq', field: 'ticketID', value: TICKET_ID },
      { op: 'eq', field: 'id', value: 29_799_010 },
    ]);
    const other = await call(client, 'get_attachment', { parentType: 'ticket', parentId: TICKET_ID + 1, attachmentId: 29_799_010 });
    expect(other.structuredContent).toEqual({ found: false });
    expect(JSON.stringify(other)).not.toContain(noteAtt.data as string);
  });

  it('project and company attachments come from their root entities too', async () => {
    const pr = await call(client, 'get_attachment', { parentType: 'project', parentId: projectAtt.projectID, attachmentId: projectAtt.id });
    expect(resourceOf(pr)!.resource.blob).toBe(projectAtt.data);
    const cr = await call(client, 'get_attachment', { parentType: 'company', parentId: companyAtt.companyID, attachmentId: companyAtt.id });
    expect(resourceOf(cr)!.resource).toMatchObject({ uri: `autotask://companies/${companyAtt.companyID}/attachments/${companyAtt.id}`, blob: companyAtt.data });
    expect(dataRequests(h.fake).map((q) => `${q.method} ${q.route}`)).toEqual([`GET ProjectAttachments/${projectAtt.id}`, `GET CompanyAttachments/${companyAtt.id}`]);
  });

  it('a missing attachment (Autotask: HTTP 500 "Attachment could not be found.") is found:false, not an error', async () => {
    const res = await call(client, 'get_attachment', { parentType: 'ticket', parentId: TICKET_ID, attachmentId: 1 });
    expect(res.isError).toBeFalsy();
    expect(res.structuredContent).toEqual({ found: false });
    expect(textOf(res)).toMatch(/No attachment 1 exists on ticket/);
    expect(sent(h.fake, 'TicketAttachments/1', 'GET')).toHaveLength(1);
  });

  it('an attachment of another ticket is not found on this one, and its bytes are not returned', async () => {
    const res = await call(client, 'get_attachment', { parentType: 'ticket', parentId: TICKET_ID + 1, attachmentId: ticketAtt.id });
    expect(res.isError).toBeFalsy();
    expect(res.structuredContent).toEqual({ found: false });
    expect(textOf(res)).toMatch(new RegExp(`No attachment ${ticketAtt.id} exists on ticket ${TICKET_ID + 1}`));
    expect(JSON.stringify(res)).not.toContain(ticketAtt.data as string);
  });

  it('files over the cap are refused with their size before the bytes are put in a result', async () => {
    const big = Buffer.alloc(MAX_DOWNLOAD_BYTES + 10, 65);
    h.fake.records('TicketAttachments').push({ ...ticketAtt, id: 29_799_001, fileSize: big.length, data: big.toString('base64') });
    const res = await call(client, 'get_attachment', { parentType: 'ticket', parentId: TICKET_ID, attachmentId: 29_799_001 });
    expect(res.isError).toBe(true);
    expect(textOf(res)).toMatch(/is 2\.00 MB \(2097162 bytes\), over the 2\.00 MB \(2097152 bytes\) limit/);
    expect(JSON.stringify(res).length).toBeLessThan(2_000);
    expect(dataRequests(h.fake)).toHaveLength(1);

    // Without fileSize the decoded size of the data decides.
    h.fake.records('TicketAttachments').push({ ...ticketAtt, id: 29_799_002, fileSize: null, data: big.toString('base64') });
    const res2 = await call(client, 'get_attachment', { parentType: 'ticket', parentId: TICKET_ID, attachmentId: 29_799_002 });
    expect(res2.isError).toBe(true);
    expect(textOf(res2)).toMatch(/2097162 bytes/);
    expect(JSON.stringify(res2).length).toBeLessThan(2_000);
  });
});

describe('attach_file_to_ticket', () => {
  const content = Buffer.from('Event log excerpt\nError 41: disk timeout\n');

  it('previews name, size and type, is internal by default, and posts FILE_ATTACHMENT to Tickets/{id}/Attachments', async () => {
    const args = { ticketID: TICKET_ID, fileName: '../logs/event log.txt', contentBase64: content.toString('base64') };
    const res = await call(client, 'attach_file_to_ticket', args);
    const p = structured<{ summary: string; request: { method: string; path: string; body: Record<string, unknown> }; warnings: string[]; confirmationToken: string }>(res);
    expect(writes(h.fake)).toHaveLength(0);
    expect(p.request).toEqual({
      method: 'POST',
      path: `Tickets/${TICKET_ID}/Attachments`,
      body: { attachmentType: 'FILE_ATTACHMENT', fullPath: 'event log.txt', title: 'event log.txt', publish: INTERNAL, data: content.toString('base64') },
    });
    expect(p.summary).toMatch(new RegExp(`Attach "event log.txt" \\(${content.length} bytes, text/plain\\) to ticket .* as internal`));
    expect(p.warnings).toEqual(['File name sanitised to "event log.txt".']);

    const done = await call(client, 'attach_file_to_ticket', { ...args, confirmationToken: p.confirmationToken });
    expect(done.isError).toBeFalsy();
    const posts = sent(h.fake, `Tickets/${TICKET_ID}/Attachments`, 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0].body).toEqual(p.request.body);
    const id = (done.structuredContent as { id: number }).id;
    const stored = h.fake.records('TicketAttachments').find((a) => a.id === id)!;
    expect(stored).toMatchObject({ parentID: TICKET_ID, publish: INTERNAL });
    // And it reads back byte-identical through get_attachment.
    const back = await call(client, 'get_attachment', { parentType: 'ticket', parentId: TICKET_ID, attachmentId: id });
    const blob = (back.content.find((c) => c.type === 'resource') as { resource: { blob: string } }).resource.blob;
    expect(Buffer.from(blob, 'base64').equals(content)).toBe(true);
  });

  it('publishing needs the explicit option and warns', async () => {
    const res = await call(client, 'attach_file_to_ticket', { ticketID: TICKET_ID, fileName: 'a.txt', contentBase64: 'aGk=', visibility: 'all_autotask_users_and_client' });
    const p = structured<{ request: { body: { publish: number } }; warnings: string[] }>(res);
    expect(p.request.body.publish).toBe(PUBLISHED);
    expect(p.warnings.join(' ')).toMatch(/PUBLISHED.*client can see it/);
  });

  it('a large file previews without echoing its base64, and the token still binds the full data', async () => {
    const file = Buffer.alloc(300_000, 7);
    const b64 = file.toString('base64');
    const res = await call(client, 'attach_file_to_ticket', { ticketID: TICKET_ID, fileName: 'dump.bin', contentBase64: b64 });
    const p = structured<{ request: { body: { data: string } }; confirmationToken: string }>(res);
    expect(p.request.body.data).toMatch(/^.{60}\.\.\. \[400000 characters in total\]$/);
    expect(JSON.stringify(res).length).toBeLessThan(10_000);
    const other = Buffer.from(file);
    other[123] = 8;
    const tampered = await call(client, 'attach_file_to_ticket', { ticketID: TICKET_ID, fileName: 'dump.bin', contentBase64: other.toString('base64'), confirmationToken: p.confirmationToken });
    expect(tampered.isError).toBe(true);
    expect(textOf(tampered)).toMatch(/different request/);
    expect(writes(h.fake)).toHaveLength(0);
  });

  it.each([
    [{ contentBase64: 'aGVsbG8' }, /not a multiple of 4/],
    [{ contentBase64: 'aGVs!G8=' }, /character "!" is not in the base64 alphabet/],
    [{ contentBase64: 'aGVsbG8-' }, /character "-" is not in the base64 alphabet/],
    [{ contentBase64: 'aG=sbG8=' }, /padding may only appear at the end/],
    [{ contentBase64: 'aGVsbG9=' }, /not canonical base64/],
    [{ fileName: '///' }, /not a usable file name/],
    [{ ticketID: 999_999 }, /No ticket with id 999999/],
    [{ visibility: 'everyone' }, /visibility/],
  ])('%j is refused and nothing is written', async (over, message) => {
    const res = await call(client, 'attach_file_to_ticket', { ticketID: TICKET_ID, fileName: 'x.txt', contentBase64: 'aGVsbG8=', ...over });
    expect(res.isError).toBe(true);
    expect(textOf(res)).toMatch(message);
    expect(writes(h.fake)).toHaveLength(0);
  });

  it('files over the upload limit are refused with the size', async () => {
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 1).toString('base64');
    const res = await call(client, 'attach_file_to_ticket', { ticketID: TICKET_ID, fileName: 'big.bin', contentBase64: big });
    expect(res.isError).toBe(true);
    expect(textOf(res)).toMatch(/The file is 4\.00 MB \(4194305 bytes\); the limit is 4\.00 MB \(4194304 bytes\)/);
    expect(dataRequests(h.fake)).toHaveLength(0);
  });
});

describe('file helpers', () => {
  it('decodeBase64Strict accepts wrapped canonical base64 and normalises it', () => {
    expect(decodeBase64Strict('aGVs\r\nbG8=').normalized).toBe('aGVsbG8=');
    expect(decodeBase64Strict('aGVsbG8=').bytes.toString()).toBe('hello');
  });
  it('sanitizeFileName strips paths, reserved characters and leading dots, keeps extensions', () => {
    expect(sanitizeFileName('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
    expect(sanitizeFileName('..hidden')).toBe('hidden');
    expect(sanitizeFileName('a<b>:c?.txt')).toBe('a_b__c_.txt');
    const long = sanitizeFileName(`${'x'.repeat(400)}.log`);
    expect(long).toHaveLength(255);
    expect(long.endsWith('.log')).toBe(true);
  });
});
