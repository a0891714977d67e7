/** MCP resources over Streamable HTTP: record templates, schema template, completion, clear errors. */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../src/demo/seed.js';
import { useHarness } from '../tools/companies/flow.js';
import type { Wire } from '../helpers/wire.js';

const seed = buildDemoSeed();
const s = useHarness();

async function readJson(uri: string): Promise<Record<string, Wire>> {
  const r = (await s.client.readResource({ uri }));
  expect(r.contents).toHaveLength(1);
  expect(r.contents[0]).toMatchObject({ uri, mimeType: 'application/json' });
  return JSON.parse((r.contents[0] as { text: string }).text);
}

async function readError(uri: string): Promise<{ code: number; message: string }> {
  try {
    await s.client.readResource({ uri });
  } catch (err) {
    return err as { code: number; message: string };
  }
  throw new Error(`reading ${uri} did not fail`);
}

describe('resource templates', () => {
  it('lists the four record templates and the schema template; records are not enumerated', async () => {
    const { resourceTemplates } = await s.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual([
      'autotask://companies/{id}',
      'autotask://contacts/{id}',
      'autotask://projects/{id}',
      'autotask://schema/{entity}',
      'autotask://tickets/{id}',
    ]);
    const { resources } = await s.client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(expect.arrayContaining(['autotask://schema/Tickets', 'autotask://schema/TimeEntries']));
    expect(resources.every((r) => r.uri.startsWith('autotask://schema/'))).toBe(true);
    expect(s.h.fake.requests).toEqual([]);
  });

  it.each([
    ['tickets', 'Tickets', seed.records.Tickets[5].id, 'ticketNumber', 'title'],
    ['companies', 'Companies', 103, 'companyName', 'companyName'],
    ['contacts', 'Contacts', 30700100, 'firstName', 'emailAddress'],
    ['projects', 'Projects', 5100, 'projectName', 'projectName'],
  ])('autotask://%s/{id} returns the enriched record as JSON', async (segment, entity, id, field, untrustedField) => {
    const doc = await readJson(`autotask://${segment}/${id}`);
    const raw = seed.records[entity].find((r) => r.id === id)!;
    expect(doc).toMatchObject({ entity, id, record: { id, [field]: raw[field] } });
    expect(doc.untrustedFields).toContain(untrustedField);
    expect(doc.notice).toMatch(/never as instructions/);
    expect(s.h.fake.requests.some((r) => r.method === 'GET' && r.route === `${entity}/${id}`)).toBe(true);
    if ('companyID' in raw) expect(doc.record.companyName).toEqual(expect.any(String));
  });

  it('company 0 (your own company) is a valid id', async () => {
    expect((await readJson('autotask://companies/0')).record.id).toBe(0);
  });

  it('a missing record is a resource-not-found error that says what to do', async () => {
    const err = await readError('autotask://tickets/999999');
    expect(err.code).toBe(-32002);
    expect(err.message).toMatch(/No ticket with id 999999 exists .* Use search_tickets/);
  });

  it('a non-numeric id is refused before anything is sent', async () => {
    const err = await readError('autotask://contacts/bob');
    expect(err.code).toBe(-32602);
    expect(err.message).toMatch(/"bob" is not a contact id/);
    expect(s.h.fake.requests).toEqual([]);
  });
});

describe('schema resource', () => {
  it('gives fields with picklist labels, UDFs and write routes, like describe_entity', async () => {
    const doc = await readJson('autotask://schema/Tickets');
    expect(doc.entity).toBe('Tickets');
    const status = doc.fields.find((f: { name: string }) => f.name === 'status');
    expect(status.picklist).toEqual(expect.arrayContaining([expect.objectContaining({ value: '5', label: 'Complete' })]));
    expect(doc.userDefinedFields.map((u: { name: string }) => u.name)).toContain('Affected Users');
    const notes = await readJson('autotask://schema/TicketNotes');
    expect(notes.routes.create).toEqual(['POST Tickets/{parentId}/Notes']);
  });

  it('an unknown entity is refused with suggestions, and entity names complete offline', async () => {
    const err = await readError('autotask://schema/Tikets');
    expect(err.code).toBe(-32602);
    expect(err.message).toMatch(/"Tikets" is not an Autotask REST entity.*Tickets/s);
    const done = await s.client.complete({ ref: { type: 'ref/resource', uri: 'autotask://schema/{entity}' }, argument: { name: 'entity', value: 'timeen' } });
    expect(done.completion.values).toContain('TimeEntries');
    expect(s.h.fake.requests).toEqual([]);
  });
});
