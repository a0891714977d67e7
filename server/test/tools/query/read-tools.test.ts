/**
 * The generic read tools over MCP against the strict fake and the demo tenant: what reached the
 * fake is exactly what the tool built, results match the tenant, and every bad filter is refused
 * with what to fix while the fake sees no query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { catalogue } from '../../../src/catalogue/index.js';
import { leakedSentinels, startHarness, type Harness } from '../../helpers/harness.js';
import { call, queryRequests } from '../framework/call.js';
import { nameOf, rowsOf, splitFence } from '../results/support.js';
import type { Wire } from '../../helpers/wire.js';

let h: Harness;
let client: Client;
beforeAll(async () => {
  h = await startHarness();
  client = await h.connect();
});
afterAll(async () => {
  await h?.close();
  expect(leakedSentinels(h.logs)).toEqual([]);
});

type Body = { filter: unknown[]; MaxRecords?: number; IncludeFields?: string[] };
const bodies = (entity: string, suffix = 'query') => h.fake.requests.filter((r) => r.method === 'POST' && r.route.toLowerCase() === `${entity}/${suffix}`.toLowerCase()).map((r) => r.body as Body);

describe('list_entities', () => {
  it('lists every catalogue entity with capabilities and parent routes, offline', async () => {
    h.fake.clearRequests();
    const r = await call(client, 'list_entities');
    expect(r.isError).toBe(false);
    expect(h.fake.requests).toEqual([]);
    expect(r.structured.count).toBe(Object.keys(catalogue.entities).length);
    const byName = new Map<string, Wire>(r.structured.entities.map((e: Wire) => [e.name, e]));
    expect(byName.get('Tickets')).toMatchObject({ canQuery: true, canCreate: true, canUpdate: true, canDelete: false, parentRoutes: [] });
    expect(byName.get('TicketNotes')).toMatchObject({ canQuery: true, canCreate: true, canUpdate: true, canDelete: false, parentRoutes: ['Tickets/{parentId}/Notes (create/update)'] });
    expect(byName.get('Contacts').parentRoutes).toEqual(['Companies/{parentId}/Contacts (create/update/delete)']);
    expect(byName.get('TimeEntries')).toMatchObject({ canCreate: true, canDelete: true });
    expect(byName.get('ConfigurationItems')).toMatchObject({ canQuery: true, canCreate: true });
    expect(r.text).toMatch(/^TicketNotes: query,create,update; via Tickets\/\{parentId\}\/Notes/m);
  });

  it('filters by name and by supported operation', async () => {
    const notes = await call(client, 'list_entities', { nameContains: 'contract' });
    expect(notes.structured.entities.length).toBeGreaterThan(3);
    expect(notes.structured.entities.every((e: Wire) => e.name.toLowerCase().includes('contract'))).toBe(true);
    const deletable = await call(client, 'list_entities', { supports: 'delete' });
    const names = deletable.structured.entities.map((e: Wire) => e.name);
    expect(names).toContain('TimeEntries');
    expect(names).toContain('Contacts'); // through Companies/{id}/Contacts
    expect(names).not.toContain('Tickets');
    const none = await call(client, 'list_entities', { nameContains: 'zzzz' });
    expect(none.structured).toEqual({ count: 0, entities: [] });
    expect(none.text).toMatch(/No Autotask entity name containing "zzzz"/);
  });
});

describe('describe_entity', () => {
  it('describes Contracts from tenant metadata with picklist labels and routes', async () => {
    h.fake.clearRequests();
    const r = await call(client, 'describe_entity', { entity: 'contracts' });
    expect(r.isError).toBe(false);
    expect(r.structured).toMatchObject({ entity: 'Contracts', canQuery: true, canCreate: true, canUpdate: true, canDelete: false });
    expect(r.structured.routes).toEqual({ create: ['POST Contracts'], update: ['PATCH Contracts'], delete: [] });
    const status = r.structured.fields.find((f: Wire) => f.name === 'status');
    expect(status).toMatchObject({ type: 'integer', required: true, readOnly: false, queryable: true });
    expect(status.picklist.length).toBeGreaterThan(0);
    expect(status.picklist[0]).toMatchObject({ value: expect.any(String), label: expect.any(String), isActive: expect.any(Boolean) });
    expect(r.structured.fields.find((f: Wire) => f.name === 'companyID')).toMatchObject({ reference: 'Company' });
    expect(h.fake.requests.map((q) => q.route)).toContain('Contracts/entityInformation/fields');
    expect(queryRequests(h.fake.requests)).toEqual([]);
  });

  it('lists UDFs with picklist values (Companies) and parent-only routes (TicketNotes)', async () => {
    const companies = await call(client, 'describe_entity', { entity: 'Companies' });
    const tier = companies.structured.userDefinedFields.find((u: Wire) => u.name === 'Customer Tier');
    expect(tier.picklist.map((p: Wire) => p.label)).toEqual(['Gold', 'Silver', 'Bronze']);
    expect(companies.text).toMatch(/User-defined fields \(2;/);
    const notes = await call(client, 'describe_entity', { entity: 'TicketNotes' });
    expect(notes.structured.routes).toEqual({ create: ['POST Tickets/{parentId}/Notes'], update: ['PATCH Tickets/{parentId}/Notes'], delete: [] });
    const ci = await call(client, 'describe_entity', { entity: 'ConfigurationItems' });
    expect(ci.structured.fields.some((f: Wire) => f.name === 'serialNumber')).toBe(true);
  });

  it('accepts singular names and suggests close ones', async () => {
    expect((await call(client, 'describe_entity', { entity: 'Ticket' })).structured.entity).toBe('Tickets');
    const bad = await call(client, 'describe_entity', { entity: 'Contrcts' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/"Contrcts" is not an Autotask REST entity. Did you mean .*"Contracts"/);
  });
});

describe('query_entities', () => {
  it('sends exactly the validated filter and returns the matching records with labels', async () => {
    h.fake.clearRequests();
    const r = await call(client, 'query_entities', { entity: 'Contracts', filter: [{ op: 'eq', field: 'companyid', value: '109' }], limit: 10, order: 'oldest' });
    expect(r.isError).toBe(false);
    expect(bodies('Contracts')).toEqual([{ filter: [{ op: 'eq', field: 'companyID', value: 109 }], MaxRecords: 11 }]);
    const expected = h.fake.records('Contracts').filter((c) => c.companyID === 109).map((c) => c.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(rowsOf(r.structured).map((i) => i.id)).toEqual(expected.slice(0, 10));
    expect(r.structured.filter).toEqual([{ op: 'eq', field: 'companyID', value: 109 }]);
    const first = rowsOf(r.structured)[0];
    expect(nameOf(r.structured, 'companies', first.companyID)).toEqual(expect.any(String));
    // The status label, not its code.
    expect(first.status).toMatch(/^[A-Za-z]/);
    // A column is left out when it is empty on every row.
    for (let i = 0; i < r.structured.columns.length; i++) expect(r.structured.rows.some((row: unknown[]) => row[i] !== null)).toBe(true);
    expect(r.text).toMatch(/Contracts records for companyID eq 109, oldest first; no more\./);
  });

  it('passes includeFields, groups, in-lists and picklist labels through as Autotask filters', async () => {
    h.fake.clearRequests();
    const filter = [
      { op: 'or', items: [{ op: 'eq', field: 'status', value: 'Complete' }, { op: 'in', field: 'priority', value: [1, 4] }] },
      { op: 'gte', field: 'createDate', value: '2026-06-01' },
      { op: 'exist', field: 'assignedResourceID' },
    ];
    const r = await call(client, 'query_entities', { entity: 'Tickets', filter: JSON.stringify(filter), includeFields: ['title', 'STATUS', 'priority', 'createDate', 'assignedResourceID'], limit: 5, order: 'oldest' });
    expect(r.isError).toBe(false);
    expect(bodies('Tickets')[0]).toEqual({
      filter: [
        { op: 'or', items: [{ op: 'eq', field: 'status', value: 5 }, { op: 'in', field: 'priority', value: [1, 4] }] },
        { op: 'gte', field: 'createDate', value: '2026-06-01T00:00:00Z' },
        { op: 'exist', field: 'assignedResourceID' },
      ],
      MaxRecords: 6,
      IncludeFields: ['id', 'title', 'status', 'priority', 'createDate', 'assignedResourceID'],
    });
    expect(r.structured.columns).not.toContain('description');
    expect(r.structured.rows.length).toBeGreaterThan(0);
    for (const t of rowsOf(r.structured)) {
      const seeded = h.fake.records('Tickets').find((x) => x.id === t.id)!;
      expect(seeded.status === 5 || [1, 4].includes(seeded.priority as number)).toBe(true);
    }
    expect(r.structured.untrusted).toContain('title');
    expect(splitFence(r.text).inside.split('\n')[1]).toMatch(/^id\|.*\|title(\||$)/);
  });

  it('filters on a UDF by name', async () => {
    h.fake.clearRequests();
    const r = await call(client, 'query_entities', { entity: 'Companies', filter: [{ op: 'eq', field: 'customer tier', udf: true, value: 'Gold' }], order: 'oldest' });
    expect(r.isError).toBe(false);
    expect(bodies('Companies')[0].filter).toEqual([{ op: 'eq', field: 'Customer Tier', udf: true, value: 'Gold' }]);
    expect(r.structured.rows.length).toBeGreaterThan(0);
    for (const c of rowsOf(r.structured)) expect(c['udf:Customer Tier']).toBe('Gold');
  });

  it('states empty results plainly', async () => {
    const r = await call(client, 'query_entities', { entity: 'Contracts', filter: [{ op: 'eq', field: 'id', value: 1 }] });
    expect(r.isError).toBe(false);
    expect(r.structured).toMatchObject({ columns: [], rows: [], hasMore: false, nextCursor: null });
    expect(r.text).toMatch(/No Contracts records found matching id eq 1. This is a definitive empty result/);
  });

  it('cuts long text with a marker and get_entity returns it whole', async () => {
    const ticket = h.fake.records('Tickets')[3];
    const long = `${'Printer queue stalls. '.repeat(150)}END`;
    ticket.description = long;
    const q = await call(client, 'query_entities', { entity: 'Tickets', filter: [{ op: 'eq', field: 'id', value: ticket.id }] });
    expect(rowsOf(q.structured)[0].description).toMatch(/\.\.\. \[truncated: \d+ more characters; call get_entity with this entity and id for the full text\]$/);
    const g = await call(client, 'get_entity', { entity: 'Tickets', id: ticket.id });
    expect(g.structured.item.description).toBe(long);
    expect(splitFence(g.text).inside).toContain(`description: ${long}`);
  });

  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ['ne operator', { filter: [{ op: 'ne', field: 'status', value: 5 }] }, /"ne" is not an Autotask operator - use noteq/],
    ['unknown field', { filter: [{ op: 'eq', field: 'accountID', value: 5 }] }, /Tickets has no field "accountID". Did you mean "companyID"/],
    ['non-queryable field', { filter: [{ op: 'eq', field: 'lastActivityPersonType', value: 1 }] }, /lastActivityPersonType cannot be used in filters/],
    ['value type', { filter: [{ op: 'gt', field: 'dueDateTime', value: 12 }] }, /dueDateTime expects ISO date\/time/],
    ['in-list over 500', { filter: [{ op: 'in', field: 'id', value: Array.from({ length: 501 }, (_, i) => i + 1) }] }, /501 values; Autotask allows at most 500/],
    ['two UDF terms', { filter: [{ op: 'exist', field: 'Affected Users', udf: true }, { op: 'exist', field: 'Customer Reference', udf: true }] }, /only one user-defined-field condition/],
    ['exist with a value', { filter: [{ op: 'exist', field: 'contactID', value: 1 }] }, /exist takes no value/],
    ['unknown picklist label', { filter: [{ op: 'eq', field: 'status', value: 'Finished' }] }, /"Finished" is not a Tickets.status label. Valid: .*5=Complete/],
    ['unknown UDF', { filter: [{ op: 'eq', field: 'Affected Usres', udf: true, value: 3 }] }, /no user-defined field "Affected Usres". Did you mean "Affected Users"/],
    ['bad JSON', { filter: '[{"op":"eq"' }, /filter is not valid JSON/],
    ['grammar', { filter: [{ op: 'eq', fieldName: 'id', value: 1 }] }, /unknown key\(s\) "fieldName"/],
    ['unknown includeFields', { includeFields: ['titel'] }, /Tickets has no field "titel". Did you mean "title"/],
    ['foreign cursor', { cursor: 'not-a-cursor' }, /cursor is not valid/],
  ];
  for (const [what, args, message] of bad) {
    it(`refuses a filter with ${what}, sending no query`, async () => {
      h.fake.clearRequests();
      const r = await call(client, 'query_entities', { entity: 'Tickets', ...args });
      expect(r.isError).toBe(true);
      expect(r.text).toMatch(message);
      expect(queryRequests(h.fake.requests)).toEqual([]);
      const c = await call(client, 'count_entities', { entity: 'Tickets', filter: args.filter ?? [{ op: 'ne', field: 'id', value: 1 }] });
      expect(c.isError).toBe(true);
      expect(queryRequests(h.fake.requests)).toEqual([]);
    });
  }

  it('refuses a cursor from a different search', async () => {
    const first = await call(client, 'query_entities', { entity: 'Tickets', filter: [{ op: 'eq', field: 'status', value: 1 }], limit: 1 });
    expect(first.structured.hasMore).toBe(true);
    h.fake.clearRequests();
    const r = await call(client, 'query_entities', { entity: 'Tickets', filter: [{ op: 'eq', field: 'status', value: 5 }], cursor: first.structured.nextCursor });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/cursor belongs to a different search/);
    expect(queryRequests(h.fake.requests)).toEqual([]);
  });

  it('refuses bad arguments before the handler (zod) with an isError result', async () => {
    h.fake.clearRequests();
    const r = await call(client, 'query_entities', { entity: 'Tickets', limit: 501 });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/limit/);
    expect(h.fake.requests).toEqual([]);
  });
});

describe('count_entities', () => {
  it('counts with /query/count and the validated filter', async () => {
    h.fake.clearRequests();
    const r = await call(client, 'count_entities', { entity: 'tickets', filter: [{ op: 'noteq', field: 'status', value: 5 }, { op: 'eq', field: 'companyID', value: 124 }] });
    expect(r.isError).toBe(false);
    const expected = h.fake.records('Tickets').filter((t) => t.status !== 5 && t.companyID === 124).length;
    expect(r.structured).toEqual({ entity: 'Tickets', filter: [{ op: 'noteq', field: 'status', value: 5 }, { op: 'eq', field: 'companyID', value: 124 }], count: expected });
    expect(bodies('Tickets', 'query/count')).toEqual([{ filter: [{ op: 'noteq', field: 'status', value: 5 }, { op: 'eq', field: 'companyID', value: 124 }] }]);
    expect(r.text).toBe(`${expected} Tickets record(s) match status noteq 5 AND companyID eq 124.`);
  });

  it('counts every record without a filter, on a non-core entity', async () => {
    h.fake.clearRequests();
    const r = await call(client, 'count_entities', { entity: 'ConfigurationItems' });
    expect(r.structured.count).toBe(h.fake.records('ConfigurationItems').length);
    expect(bodies('ConfigurationItems', 'query/count')[0].filter).toEqual([{ op: 'gte', field: 'id', value: 0 }]);
  });
});

describe('get_entity', () => {
  it('gets a record of a non-core entity with names enriched', async () => {
    const ci = h.fake.records('ConfigurationItems')[0];
    h.fake.clearRequests();
    const r = await call(client, 'get_entity', { entity: 'ConfigurationItems', id: ci.id });
    expect(r.isError).toBe(false);
    expect(h.fake.requests.some((q) => q.method === 'GET' && q.route === `ConfigurationItems/${ci.id}`)).toBe(true);
    expect(r.structured.item).toMatchObject({ id: ci.id, referenceTitle: ci.referenceTitle, companyID: ci.companyID });
    expect(nameOf(r.structured, 'companies', ci.companyID)).toEqual(expect.any(String));
  });

  it('states a missing record plainly as item null', async () => {
    const r = await call(client, 'get_entity', { entity: 'Contracts', id: 999999 });
    expect(r.isError).toBe(false);
    expect(r.structured).toMatchObject({ entity: 'Contracts', id: 999999, item: null });
    expect(r.text).toMatch(/There is no Contracts record with id 999999/);
  });
});
