/**
 * Fields Autotask documents as "will return an error when queried" (attachment data, fileSize,
 * creatorType; Tasks.remainingHours): the catalogue records them, the fake refuses them in
 * filters (and, [unverified], in IncludeFields), and no tool sends them in either.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getEntity, getField } from '../../../src/catalogue/index.js';
import { SENTINELS, startHarness, type Harness } from '../../helpers/harness.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { call, queryRequests } from '../framework/call.js';
import { rowsOf } from '../results/support.js';
import { describeField } from '../../../src/tools/query/describe.js';
import type { FieldInfo } from '../../../src/autotask/types.js';

const seed = buildDemoSeed();
const ticketId = seed.records.TicketAttachments[0].ticketID as number;
const projectId = seed.records.Tasks[0].projectID as number;

let h: Harness;
let client: Client;
beforeAll(async () => {
  h = await startHarness();
  client = await h.connect();
});
afterAll(async () => h?.close());
beforeEach(() => h.fake.clearRequests());

type Body = { filter: unknown[]; IncludeFields?: string[] };
const bodies = (route: string) => h.fake.requests.filter((r) => r.method === 'POST' && r.route === route).map((r) => r.body as Body);

describe('catalogue', () => {
  it.each([
    ['TicketAttachments', ['data', 'fileSize', 'creatorType']],
    ['ProjectAttachments', ['data', 'fileSize', 'creatorType']],
    ['CompanyAttachments', ['data', 'fileSize', 'creatorType']],
    ['TicketNoteAttachments', ['data', 'fileSize', 'creatorType']],
    ['AttachmentInfo', ['fileSize']],
    ['Tasks', ['remainingHours']],
  ])('%s: %j are not queryable, with the official source', (entity, fields) => {
    for (const name of fields) {
      const f = getField(getEntity(entity)!, name)!;
      expect(f, `${entity}.${name}`).toMatchObject({ queryable: false, queryError: expect.stringMatching(/^official: /) });
    }
  });

  it('leaves the fields the pages do not list queryable', () => {
    expect(getField(getEntity('TicketAttachments')!, 'ticketID')).toMatchObject({ queryable: true });
    expect(getField(getEntity('AttachmentInfo')!, 'creatorType')).toMatchObject({ queryable: true });
    expect(getField(getEntity('TicketAttachments')!, 'ticketID')!.queryError).toBeUndefined();
  });
});

describe('the fake', () => {
  const post = (entity: string, body: unknown) => fetch(`${h.fake.restBase}V1.0/${entity}/query`, { method: 'POST', headers: { ApiIntegrationCode: SENTINELS.integrationCode, UserName: SENTINELS.username, Secret: SENTINELS.secret, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it('refuses them as filters', async () => {
    const r = await post('TicketAttachments', { filter: [{ op: 'eq', field: 'ticketID', value: ticketId }, { op: 'gt', field: 'fileSize', value: 10 }] });
    expect(r.status).toBe(400);
    expect(JSON.stringify(await r.json())).toMatch(/fileSize is not a queryable field/);
  });

  it('refuses them in IncludeFields [unverified]', async () => {
    const r = await post('Tasks', { filter: [{ op: 'eq', field: 'projectID', value: projectId }], IncludeFields: ['title', 'remainingHours'] });
    expect(r.status).toBe(400);
    expect(JSON.stringify(await r.json())).toMatch(/IncludeFields: 'remainingHours'/);
  });
});

describe('tools', () => {
  it('query_entities refuses them as filters and in includeFields, sending nothing', async () => {
    const f = await call(client, 'query_entities', { entity: 'TicketAttachments', filter: [{ op: 'eq', field: 'ticketID', value: ticketId }, { op: 'exist', field: 'data' }] });
    expect(f.isError).toBe(true);
    expect(f.text).toMatch(/TicketAttachments\.data cannot be used in filters/);
    const i = await call(client, 'query_entities', { entity: 'Tasks', filter: [{ op: 'eq', field: 'projectID', value: projectId }], includeFields: ['title', 'remainingHours'] });
    expect(i.isError).toBe(true);
    expect(i.text).toMatch(/includeFields: Tasks\.remainingHours cannot be requested in a query/);
    expect(i.text).toMatch(/get_entity/);
    expect(queryRequests(h.fake.requests)).toEqual([]);
  });

  it('describe_entity shows them as not queryable', async () => {
    const r = await call(client, 'describe_entity', { entity: 'TicketAttachments' });
    const fields = r.structured.fields as Array<{ name: string; queryable: boolean }>;
    for (const name of ['data', 'fileSize', 'creatorType']) expect(fields.find((f) => f.name === name)?.queryable, name).toBe(false);
    expect(r.text).toMatch(/^- fileSize: .*not queryable/m);
  });

  it('describe_entity trusts the catalogue over tenant metadata that calls such a field queryable', () => {
    const info: FieldInfo = {
      name: 'fileSize', dataType: 'double', length: 0, isRequired: false, isReadOnly: true, isQueryable: true, isReference: false,
      referenceEntityType: '', isPickList: false, picklistValues: null, picklistParentValueField: '', isSupportedWebhookField: false,
    };
    expect(describeField(info, false).queryable).toBe(false);
    expect(describeField(info).queryable).toBe(true);
  });

  it('search_tasks and get_project never put remainingHours in IncludeFields; get_task still shows it', async () => {
    const s = await call(client, 'search_tasks', { projectID: projectId });
    expect(s.isError).toBe(false);
    const p = await call(client, 'get_project', { id: projectId, includeTasks: true });
    expect(p.isError).toBe(false);
    const sent = bodies('Tasks/query');
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const b of sent) expect(b.IncludeFields ?? []).not.toContain('remainingHours');
    const task = seed.records.Tasks.find((t) => t.projectID === projectId && typeof t.remainingHours === 'number' && (t.remainingHours) > 0)!;
    const g = await call(client, 'get_task', { id: task.id });
    expect(g.text).toContain(`remainingHours: ${task.remainingHours}`);
  });

  it('list_attachments sends no non-queryable field in IncludeFields and still shows sizes', async () => {
    const r = await call(client, 'list_attachments', { parentType: 'ticket', parentId: ticketId });
    expect(r.isError).toBe(false);
    const b = bodies('TicketAttachments/query')[0];
    for (const name of ['data', 'fileSize', 'creatorType']) expect(b.IncludeFields ?? []).not.toContain(name);
    const att = seed.records.TicketAttachments.find((a) => a.ticketID === ticketId)!;
    expect(rowsOf(r.structured).find((a) => a.id === att.id)!.fileSize).toBe(att.fileSize);
  });
});

describe('get_entity on an attachment entity', () => {
  it('does not put the file bytes (returned by the root GET) into the result; it names the size and get_attachment', async () => {
    const att = seed.records.TicketAttachments[0];
    const r = await call(client, 'get_entity', { entity: 'TicketAttachments', id: att.id });
    expect(r.isError).toBe(false);
    expect(JSON.stringify(r.raw)).not.toContain(att.data as string);
    expect(r.structured.item.data).toBe(`[${att.fileSize} bytes of file content not shown: use get_attachment]`);
    expect(r.structured.item.fullPath).toBe(att.fullPath);
  });
});
