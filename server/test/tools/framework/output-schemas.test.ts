/**
 * Output schemas: a tool declares one of three small shared contracts or none (issue 9: a schema
 * that only says "an object" costs context and tells nothing). Lists declare the page contract
 * (columns, rows, hasMore, nextCursor), typed gets the found flag, writes the preview/done envelope; the
 * tools without one are named here, so dropping or adding a schema is a reviewed change. Every
 * result shape a tool answers is validated against the schema it lists (the SDK client does it on
 * each call as well), and the schemas are shown to reject what breaks their contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { call } from './call.js';

const seed = buildDemoSeed();
const ticketAtt = seed.records.TicketAttachments[0];
const ticketId = ticketAtt.parentID as number;
const LINK_ID = 29_799_001;
// A link attachment has no file content (its own result shape); added to a copy of the seed only.
seed.records.TicketAttachments.push({ ...ticketAtt, id: LINK_ID, attachmentType: 'URL', fullPath: 'https://intranet.example/runbook', data: null, contentType: null, fileSize: null });

/** Tools whose results no shared contract describes: they declare no outputSchema. */
const WITHOUT_SCHEMA = ['test_connection', 'get_api_usage', 'list_entities', 'describe_entity', 'count_entities', 'get_entity'];
/** Issue 13 tools whose names do not say their contract: pages (history, phases, reports) and record views (people, a day). */
const LISTS_13 = ['list_checklist_items', 'list_ticket_charges', 'get_ticket_history', 'list_project_phases', 'report_unbilled_work', 'report_contract_hours', 'report_waiting_customer', 'report_sla_at_risk'];
const GETS_13 = ['list_ticket_people', 'report_technician_day'];
const LIST = {
  type: 'object',
  properties: { columns: { type: 'array', items: { type: 'string' } }, rows: { type: 'array', items: { type: 'array', items: {} } }, hasMore: { type: 'boolean' }, nextCursor: { type: ['string', 'null'] } },
  required: ['columns', 'rows', 'hasMore'],
};
const GET = { type: 'object', properties: { found: { type: 'boolean' } }, required: ['found'] };
const WRITE = { type: 'object', properties: { status: { type: 'string', enum: ['confirmation_required', 'done'] }, confirmationToken: { type: 'string' }, id: { type: 'integer' } }, required: ['status'] };

const validator = new AjvJsonSchemaValidator();
let h: Harness;
let client: Client;
let tools: Tool[];
beforeAll(async () => {
  h = await startHarness({ seed });
  client = await h.connect();
  // Listing caches each tool's output validator in the client: every call below is validated there too.
  tools = (await client.listTools()).tools;
});
afterAll(async () => h?.close());

const schemaOf = (name: string) => tools.find((t) => t.name === name)!.outputSchema;

/** Calls a tool and checks its structuredContent against the schema it lists. */
async function callChecked(name: string, args: Record<string, unknown>) {
  const r = await call(client, name, args);
  expect(r.isError, `${name}: ${r.text}`).toBe(false);
  expect(Object.keys(r.structured).length, name).toBeGreaterThan(0);
  const check = validator.getValidator(schemaOf(name) as never)(r.structured);
  expect(check.valid, `${name}: ${check.errorMessage}`).toBe(true);
  return r;
}

describe('output schemas', () => {
  it('lists declare the page contract, typed gets the found flag, writes the write envelope; the rest none', () => {
    expect(tools.length).toBeGreaterThan(35);
    for (const t of tools) {
      const write = t.annotations?.readOnlyHint === false;
      const list = /^(search_|list_notes$|list_attachments$|query_entities$)/.test(t.name) || LISTS_13.includes(t.name);
      const get = (/^get_/.test(t.name) && !WITHOUT_SCHEMA.includes(t.name)) || GETS_13.includes(t.name);
      const expected = write ? WRITE : list ? LIST : get ? GET : undefined;
      expect(t.outputSchema, t.name).toEqual(expected);
    }
    expect(tools.filter((t) => !t.outputSchema).map((t) => t.name).sort()).toEqual([...WITHOUT_SCHEMA].sort());
  });

  it('the contracts can fail: a result that breaks one is rejected', () => {
    const valid = (schema: object, value: unknown) => validator.getValidator(schema)(value).valid;
    expect(valid(LIST, { columns: ['id'], rows: [[1]], hasMore: false, nextCursor: null, names: {} })).toBe(true);
    expect(valid(LIST, { columns: 'id', rows: [], hasMore: false })).toBe(false);
    expect(valid(LIST, { columns: ['id'], rows: [1], hasMore: false })).toBe(false);
    expect(valid(LIST, { columns: [], rows: [] })).toBe(false);
    expect(valid(GET, { found: 'yes' })).toBe(false);
    expect(valid(WRITE, { status: 'maybe' })).toBe(false);
    expect(valid(WRITE, { status: 'done', id: 'x' })).toBe(false);
  });

  const project = seed.records.Projects[0];
  const getCalls: Array<[string, Record<string, unknown>]> = [
    ['get_ticket', { id: ticketId, includeNotes: true, includeTimeEntries: true, includeAttachments: true }],
    ['get_ticket', { ticketNumber: 'T19990101.0001' }],
    ['get_company', { id: 103, includeLocations: true, includeContactCount: true }],
    ['get_company', { id: 999_999 }],
    ['get_contact', { id: seed.records.Contacts[0].id }],
    ['get_contact', { id: 999_999 }],
    ['get_project', { id: project.id, includeTasks: true }],
    ['get_project', { id: 999_999 }],
    ['get_task', { id: seed.records.Tasks[0].id }],
    ['get_task', { id: 999_999 }],
    ['get_resource', { id: 29682904 }],
    ['get_resource', { id: 999_999 }],
    ['get_note', { parentType: 'ticket', id: seed.records.TicketNotes[0].id }],
    ['get_note', { parentType: 'project', id: seed.records.ProjectNotes[0].id }],
    ['get_note', { parentType: 'company', id: seed.records.CompanyNotes[0].id }],
    ['get_note', { parentType: 'company', id: 999_999 }],
    ['get_attachment', { parentType: 'ticket', parentId: ticketId, attachmentId: ticketAtt.id }],
    ['get_attachment', { parentType: 'ticket', parentId: ticketId, attachmentId: LINK_ID }],
    ['get_attachment', { parentType: 'ticket', parentId: ticketId, attachmentId: 999_999 }],
    ['get_service_call', { id: seed.records.ServiceCalls[0].id }],
    ['get_service_call', { id: 999_999 }],
  ];
  it.each(getCalls)('%s %j answers a found flag matching its schema', async (name, args) => {
    const r = await callChecked(name, args);
    expect(typeof r.structured.found, name).toBe('boolean');
  });

  const listCalls: Array<[string, Record<string, unknown>]> = [
    ['search_tickets', { limit: 3 }],
    ['search_tickets', { openOnly: true, limit: 3 }],
    ['search_tasks', { openOnly: true, limit: 3 }],
    ['search_projects', { openOnly: true, limit: 3 }],
    ['search_time_entries', { projectID: project.id, limit: 3 }],
    ['search_companies', { limit: 3 }],
    ['search_contacts', { limit: 3 }],
    ['search_projects', { limit: 3 }],
    ['search_tasks', { limit: 3 }],
    ['search_time_entries', { limit: 3 }],
    ['search_resources', { limit: 3 }],
    ['list_notes', { parentType: 'ticket', parentId: seed.records.TicketNotes[0].ticketID }],
    ['list_notes', { parentType: 'company', parentId: 999_999 }],
    ['list_attachments', { parentType: 'ticket', parentId: ticketId }],
    ['query_entities', { entity: 'Contracts', limit: 2 }],
    ['search_service_calls', { limit: 3 }],
    ['search_service_calls', { resourceID: 999_999 }],
  ];
  it.each(listCalls)('%s %j answers a page matching its schema', async (name, args) => {
    const r = await callChecked(name, args);
    expect(Array.isArray(r.structured.columns)).toBe(true);
    expect(Array.isArray(r.structured.rows)).toBe(true);
  });

  it('a write validates as a preview and, confirmed, as done (registry and tool-specific done results)', async () => {
    const t = seed.records.Tickets.find((x) => x.id === ticketId)!;
    const writesToCheck: Array<[string, Record<string, unknown>]> = [
      ['update_ticket', { id: ticketId, title: `${t.title} (checked)` }],
      ['create_note', { parentType: 'ticket', parentId: ticketId, text: 'Schema check note.' }],
    ];
    for (const [name, args] of writesToCheck) {
      const p = await callChecked(name, args);
      expect(p.structured.status).toBe('confirmation_required');
      const done = await callChecked(name, { ...args, confirmationToken: p.structured.confirmationToken });
      expect(done.structured).toMatchObject({ status: 'done', id: expect.any(Number) });
    }
  });
});
