/**
 * Every tool declares an outputSchema, and every result shape a tool can answer validates against
 * it. The SDK client checks structuredContent against the listed schema on each non-error call
 * (and refuses a non-error result without structuredContent), so these calls fail on any member a
 * schema does not declare; the schemas are also checked here directly for the envelope fields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { call } from './call.js';

const seed = buildDemoSeed();
const ticketAtt = seed.records.TicketAttachments![0]!;
const ticketId = ticketAtt.parentID as number;
const LINK_ID = 29_799_001;
// A link attachment has no file content (its own result shape); added to a copy of the seed only.
seed.records.TicketAttachments!.push({ ...ticketAtt, id: LINK_ID, attachmentType: 'URL', fullPath: 'https://intranet.example/runbook', data: null, contentType: null, fileSize: null });

let h: Harness;
let client: Client;
let tools: Tool[];
beforeAll(async () => {
  h = await startHarness({ seed });
  client = await h.connect();
  // Listing caches each tool's output validator in the client: every call below is validated.
  tools = (await client.listTools()).tools;
});
afterAll(async () => h?.close());

const props = (t: Tool) => Object.keys((t.outputSchema?.properties ?? {}) as object);

describe('output schemas', () => {
  it('every listed tool declares an object outputSchema (no exceptions)', () => {
    expect(tools.length).toBeGreaterThan(40);
    expect(tools.filter((t) => t.outputSchema?.type !== 'object').map((t) => t.name)).toEqual([]);
  });

  it('get tools declare found and the untrusted-text envelope; write tools the preview and done envelope', () => {
    // get_entity answers item: null for a missing record instead (its own, older contract).
    for (const t of tools.filter((x) => /^get_(?!api_usage|entity)/.test(x.name))) expect(props(t), t.name).toEqual(expect.arrayContaining(['found', 'untrusted']));
    for (const t of tools.filter((x) => x.annotations?.readOnlyHint === false)) {
      expect(props(t), t.name).toEqual(expect.arrayContaining(['status', 'summary', 'request', 'changes', 'warnings', 'untrusted', 'confirmationToken', 'expiresAt', 'operation', 'entity', 'id']));
    }
  });

  const project = seed.records.Projects![0]!;
  const getCalls: Array<[string, Record<string, unknown>]> = [
    ['get_ticket', { id: ticketId, includeNotes: true, includeTimeEntries: true, includeAttachments: true }],
    ['get_ticket', { ticketNumber: 'T19990101.0001' }],
    ['get_company', { id: 103, includeLocations: true, includeContactCount: true }],
    ['get_company', { id: 999_999 }],
    ['get_contact', { id: seed.records.Contacts![0]!.id }],
    ['get_contact', { id: 999_999 }],
    ['get_project', { id: project.id, includeTasks: true }],
    ['get_project', { id: 999_999 }],
    ['get_task', { id: seed.records.Tasks![0]!.id }],
    ['get_task', { id: 999_999 }],
    ['get_resource', { id: 29682904 }],
    ['get_resource', { id: 999_999 }],
    ['get_entity', { entity: 'Contracts', id: seed.records.Contracts![0]!.id }],
    ['get_ticket_note', { id: seed.records.TicketNotes![0]!.id }],
    ['get_project_note', { id: seed.records.ProjectNotes![0]!.id }],
    ['get_company_note', { id: seed.records.CompanyNotes![0]!.id }],
    ['get_company_note', { id: 999_999 }],
    ['get_attachment', { parentType: 'ticket', parentId: ticketId, attachmentId: ticketAtt.id }],
    ['get_attachment', { parentType: 'ticket', parentId: ticketId, attachmentId: LINK_ID }],
    ['get_attachment', { parentType: 'ticket', parentId: ticketId, attachmentId: 999_999 }],
    ['test_connection', {}],
    ['get_api_usage', {}],
    // Lists: the shared compact table plus each tool's own members.
    ['search_tickets', { openOnly: true, limit: 3 }],
    ['search_tasks', { openOnly: true, limit: 3 }],
    ['search_projects', { openOnly: true, limit: 3 }],
    ['search_time_entries', { projectID: project.id, limit: 3 }],
    ['search_resources', { limit: 3 }],
    ['search_companies', { limit: 3 }],
    ['search_contacts', { limit: 3 }],
    ['list_ticket_notes', { ticketID: ticketId }],
    ['list_attachments', { parentType: 'ticket', parentId: ticketId }],
    ['query_entities', { entity: 'Contracts', limit: 3 }],
  ];
  it.each(getCalls)('%s %j answers structuredContent matching its schema', async (name, args) => {
    const r = await call(client, name, args);
    expect(r.isError, r.text).toBe(false);
    expect(Object.keys(r.structured).length, name).toBeGreaterThan(0);
    const declared = props(tools.find((t) => t.name === name)!);
    for (const key of Object.keys(r.structured)) expect(declared, `${name}.${key}`).toContain(key);
  });

  it('a write validates as a preview and, confirmed, as done (registry and tool-specific done results)', async () => {
    const t = seed.records.Tickets!.find((x) => x.id === ticketId)!;
    const writesToCheck: Array<[string, Record<string, unknown>]> = [
      ['update_ticket', { id: ticketId, title: `${t.title} (checked)` }],
      ['create_ticket_note', { ticketID: ticketId, text: 'Schema check note.' }],
    ];
    for (const [name, args] of writesToCheck) {
      const p = await call(client, name, args);
      expect(p.isError, p.text).toBe(false);
      expect(p.structured.status).toBe('confirmation_required');
      const done = await call(client, name, { ...args, confirmationToken: p.structured.confirmationToken });
      expect(done.isError, done.text).toBe(false);
      expect(done.structured).toMatchObject({ status: 'done', id: expect.any(Number) });
    }
  });
});
