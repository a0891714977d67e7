/**
 * Name/label enrichment against the strict fake over HTTP with the real client: the request
 * bound (batched `in` queries, one per referenced entity), warm-cache reuse, single-flight,
 * TTL expiry, >500 ids chunking and labels from picklist metadata.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { AutotaskClient } from '../../src/autotask/client.js';
import { startFakeAutotask } from '../../src/fake/server.js';
import type { FakeAutotask, RecordedRequest, SeedRecord, TenantSeed } from '../../src/fake/types.js';
import type { PicklistValue } from '../../src/autotask/types.js';
import { companionBase, createNameResolver, LOOKUPS, MAX_IN_LIST, ROLE_LOOKUP } from '../../src/tools/enrich.js';

const CREDS = { integrationCode: 'ENRICH-SENTINEL-CODE-1a2b3c', username: 'enrich@tests.example', secret: 'ENRICH-SENTINEL-SECRET-9f8e7d' };

const pl = (pairs: Array<[number, string]>): PicklistValue[] =>
  pairs.map(([value, label], i) => ({ value: String(value), label, isDefaultValue: i === 0, sortOrder: i, parentValue: '', isActive: true, isSystem: false }));

/** 600 companies, 40 contacts, 5 resources, 3 projects and 700 tickets referencing them. */
function seed(): TenantSeed {
  const companies: SeedRecord[] = Array.from({ length: 600 }, (_, i) => ({ id: 1 + i, companyName: `Company ${1 + i}`, isActive: true }));
  const contacts: SeedRecord[] = Array.from({ length: 40 }, (_, i) => ({ id: 2001 + i, companyID: 1 + i, firstName: 'Con', lastName: `Tact${i}`, isActive: 1 }));
  const resources: SeedRecord[] = Array.from({ length: 5 }, (_, i) => ({ id: 3001 + i, firstName: 'Tech', lastName: `Nician${i}`, isActive: true, email: `t${i}@msp.example` }));
  const projects: SeedRecord[] = Array.from({ length: 3 }, (_, i) => ({ id: 4001 + i, projectName: `Project ${i}`, companyID: 1, status: 1 }));
  const tickets: SeedRecord[] = Array.from({ length: 700 }, (_, i) => ({
    id: 10_001 + i,
    ticketNumber: `T20260101.${String(i + 1).padStart(4, '0')}`,
    title: `Ticket ${i}`,
    companyID: 1 + (i % 600),
    contactID: i % 3 === 0 ? 2001 + (i % 40) : null,
    assignedResourceID: i % 4 === 0 ? null : 3001 + (i % 5),
    creatorResourceID: 3001 + ((i + 1) % 5),
    projectID: i % 10 === 0 ? 4001 + (i % 3) : null,
    status: i % 2 ? 1 : 5,
    priority: 2,
    queueID: 77,
  }));
  return {
    records: {
      Companies: companies,
      Contacts: contacts,
      Resources: resources,
      Projects: projects,
      Tickets: tickets,
      TicketNotes: [{ id: 9001, ticketID: 10_001, description: 'x', noteType: 1, publish: 2 }],
      Roles: [
        { id: 7001, name: 'Engineer', hourlyFactor: 1, hourlyRate: 100, isActive: true },
        { id: 7002, name: 'Retired role', hourlyFactor: 1, hourlyRate: 100, isActive: false },
      ],
    },
    picklists: {
      Tickets: { status: pl([[1, 'New'], [5, 'Complete']]), priority: pl([[1, 'High'], [2, 'Medium']]), queueID: pl([[77, 'Service Desk']]) },
      TicketNotes: { noteType: pl([[1, 'General']]), publish: pl([[1, 'All Autotask Users'], [2, 'Internal Project Team'], [4, 'Internal & Co-Managed']]) },
    },
  };
}

let fake: FakeAutotask;
let api: AutotaskClient;

beforeAll(async () => {
  fake = await startFakeAutotask({ credentials: CREDS, seed: seed() });
  api = new AutotaskClient({ credentials: CREDS, apiUrl: fake.restBase, zoneLookupUrl: fake.restBase, logger: pino({ level: 'silent' }), maxRetries: 0 });
});
afterAll(async () => fake?.close());
beforeEach(() => fake.clearRequests());

const page = async (from: number, count: number) =>
  (await api.query('Tickets', { filter: [{ op: 'gte', field: 'id', value: from }], maxRecords: Math.min(count, 500) })).items.slice(0, count) as Array<Record<string, unknown>>;

const byRoute = (reqs: RecordedRequest[]) => {
  const counts: Record<string, number> = {};
  for (const r of reqs) counts[r.route] = (counts[r.route] ?? 0) + 1;
  return counts;
};

describe('companionBase', () => {
  it('strips a trailing ID/Id only', () => {
    expect(companionBase('companyID')).toBe('company');
    expect(companionBase('problemTicketId')).toBe('problemTicket');
    expect(companionBase('status')).toBe('status');
    expect(companionBase('ID')).toBe('ID');
  });
});

describe('createNameResolver', () => {
  it('enriches a 100-ticket page within the stated bound on a cold cache, and with 0 requests when warm', async () => {
    const resolver = createNameResolver(api);
    const records = await page(10_001, 100);
    fake.clearRequests();
    await resolver.enrich('Tickets', records);

    // Bound: 1 fields metadata call + at most 1 batched query per referenced entity (Companies, Contacts, Resources, Projects).
    const counts = byRoute(fake.requests);
    expect(counts).toEqual({
      'Tickets/entityInformation/fields': 1,
      'Companies/query': 1,
      'Contacts/query': 1,
      'Resources/query': 1,
      'Projects/query': 1,
    });
    expect(fake.requests.length).toBeLessThanOrEqual(5);
    for (const r of fake.requests.filter((x) => x.route.endsWith('/query'))) {
      const body = r.body as { filter: Array<{ op: string; field: string; value: number[] }>; IncludeFields: string[] };
      expect(body.filter).toHaveLength(1);
      expect(body.filter[0]).toMatchObject({ op: 'in', field: 'id' });
      expect(body.filter[0].value.length).toBeLessThanOrEqual(MAX_IN_LIST);
      expect(body.IncludeFields).toContain('id');
    }
    const companyQuery = fake.requests.find((r) => r.route === 'Companies/query')!.body as { filter: Array<{ value: number[] }>; IncludeFields: string[] };
    expect(new Set(companyQuery.filter[0].value)).toEqual(new Set(records.map((r) => r.companyID)));
    expect(companyQuery.IncludeFields).toEqual(['id', 'companyName']);

    // Names and labels are right for every record.
    for (const r of records) {
      expect(r.companyName).toBe(`Company ${r.companyID}`);
      expect(r.statusLabel).toBe(r.status === 1 ? 'New' : 'Complete');
      expect(r.priorityLabel).toBe('Medium');
      expect(r.queueLabel).toBe('Service Desk');
      expect(r.creatorResourceName).toBe(`Tech Nician${(r.creatorResourceID as number) - 3001}`);
      if (r.assignedResourceID) expect(r.assignedResourceName).toBe(`Tech Nician${(r.assignedResourceID as number) - 3001}`);
      else expect(r.assignedResourceName).toBeUndefined();
      if (r.contactID) expect(r.contactName).toBe(`Con Tact${(r.contactID as number) - 2001}`);
      if (r.projectID) expect(r.projectName).toBe(`Project ${(r.projectID as number) - 4001}`);
    }

    // Warm cache: the same page (fresh copies) costs nothing more.
    fake.clearRequests();
    const again = await page(10_001, 100);
    fake.clearRequests();
    await resolver.enrich('Tickets', again);
    expect(fake.requests).toHaveLength(0);
    expect(again[5].companyName).toBe(records[5].companyName);
  });

  it('splits more than 500 missing ids into in-lists of at most 500', async () => {
    const resolver = createNameResolver(api);
    const records = [...(await page(10_001, 500)), ...(await page(10_501, 100))];
    expect(new Set(records.map((r) => r.companyID)).size).toBe(600);
    fake.clearRequests();
    await resolver.enrich('Tickets', records);
    const companyQueries = fake.requests.filter((r) => r.route === 'Companies/query');
    expect(companyQueries).toHaveLength(2);
    const sizes = companyQueries.map((r) => (r.body as { filter: Array<{ value: number[] }> }).filter[0].value.length).sort((a, b) => a - b);
    expect(sizes).toEqual([100, 500]);
    expect(records.every((r) => r.companyName === `Company ${r.companyID}`)).toBe(true);
  });

  it('shares in-flight lookups between concurrent callers (single-flight)', async () => {
    const resolver = createNameResolver(api);
    const a = await page(10_001, 50);
    const b = await page(10_001, 50);
    await api.fields('Tickets'); // metadata warm: only lookups are counted below
    fake.clearRequests();
    await Promise.all([resolver.enrich('Tickets', a), resolver.enrich('Tickets', b)]);
    expect(byRoute(fake.requests)['Companies/query']).toBe(1);
    expect(byRoute(fake.requests)['Resources/query']).toBe(1);
    expect(b.every((r) => r.companyName === `Company ${r.companyID}`)).toBe(true);
  });

  it('expires cached names after the TTL', async () => {
    let t = 1_000_000;
    const resolver = createNameResolver(api, { ttlMs: 1000, now: () => t });
    const records = await page(10_001, 3);
    await resolver.enrich('Tickets', records);
    fake.clearRequests();
    await resolver.enrich('Tickets', await page(10_001, 3));
    expect(fake.requests.filter((r) => r.route === 'Companies/query')).toHaveLength(0);
    t += 1001;
    fake.clearRequests();
    await resolver.enrich('Tickets', await page(10_001, 3));
    expect(fake.requests.filter((r) => r.route === 'Companies/query')).toHaveLength(1);
  });

  it('labels note picklists and names the ticket a note belongs to', async () => {
    const resolver = createNameResolver(api);
    const notes = (await api.query('TicketNotes', { filter: [{ op: 'eq', field: 'ticketID', value: 10_001 }] })).items as Array<Record<string, unknown>>;
    await resolver.enrich('TicketNotes', notes);
    expect(notes[0]).toMatchObject({ publishLabel: 'Internal Project Team', noteTypeLabel: 'General', ticketNumber: 'T20260101.0001' });
  });

  it('caches unknown ids as unknown and never overwrites fields a record already has', async () => {
    const resolver = createNameResolver(api);
    const records: Array<Record<string, unknown>> = [
      { id: 1, companyID: 999_999, status: 1 },
      { id: 2, companyID: 1, companyName: 'Already named', status: 42 },
    ];
    fake.clearRequests();
    await resolver.enrich('Tickets', records);
    expect(records[0].companyName).toBeNull();
    expect(records[1].companyName).toBe('Already named');
    expect(records[1].statusLabel).toBeNull(); // a value the picklist does not know
    fake.clearRequests();
    await resolver.enrich('Tickets', [{ id: 3, companyID: 999_999 }]);
    expect(fake.requests).toHaveLength(0);
  });

  it('is best-effort: a failing lookup leaves names out without failing, and is retried after its pause', async () => {
    let t = 0;
    const resolver = createNameResolver(api, { now: () => t });
    await api.fields('Tickets');
    fake.addFault({ route: /^Companies\/query$/, fault: { kind: 'status', status: 403, body: { errors: ['forbidden'] } }, times: 1 });
    const records = await page(10_001, 2);
    await resolver.enrich('Tickets', records);
    expect(records[0].companyName).toBeUndefined();
    expect(records[0].statusLabel).toBeDefined();
    fake.clearFaults();
    t += 5 * 60_000 + 1;
    const again = await page(10_001, 2);
    await resolver.enrich('Tickets', again);
    expect(again[0].companyName).toBe('Company 1');
  });
});

describe('lookups for tools (the same caches)', () => {
  it('reads the small role table once; an id it does not hold is looked up by id, and cached as unknown', async () => {
    const resolver = createNameResolver(api);
    const roles = await resolver.lookup(ROLE_LOOKUP, [7001, 7002]);
    expect(roles.get(7001)).toEqual({ id: 7001, name: 'Engineer', isActive: true });
    expect(roles.get(7002)).toMatchObject({ isActive: false });
    expect(fake.requests.map((r) => r.body)).toEqual([{ filter: [{ op: 'gte', field: 'id', value: 0 }], IncludeFields: ['id', 'name', 'isActive'], MaxRecords: 500 }]);
    fake.clearRequests();
    expect((await resolver.lookup(ROLE_LOOKUP, [7002, 7001])).size).toBe(2);
    expect(fake.requests).toHaveLength(0);
    expect((await resolver.lookup(ROLE_LOOKUP, [7999])).get(7999)).toBeNull();
    expect(fake.requests.map((r) => (r.body as { filter: unknown[] }).filter)).toEqual([[{ op: 'in', field: 'id', value: [7999] }]]);
    fake.clearRequests();
    await resolver.lookup(ROLE_LOOKUP, [7999]);
    expect(fake.requests).toHaveLength(0);
  });

  it('rejects when a lookup fails, so a caller never mistakes a failed read for "no such record"', async () => {
    const resolver = createNameResolver(api);
    fake.addFault({ route: /^Roles\/query$/, fault: { kind: 'status', status: 403, body: { errors: ['forbidden'] } } });
    try {
      await expect(resolver.lookup(ROLE_LOOKUP, [7001])).rejects.toThrow();
    } finally {
      fake.clearFaults();
    }
    expect((await resolver.lookup(ROLE_LOOKUP, [7001])).get(7001)).toMatchObject({ name: 'Engineer' });
  });

  it('remember() takes names from whole records read anyway: enrichment then asks for nothing', async () => {
    const resolver = createNameResolver(api);
    const ticket = (await api.get('Tickets', 10_001))!;
    const resource = (await api.get('Resources', 3002))!;
    resolver.remember('Tickets', [ticket]);
    resolver.remember('Resources', [resource]);
    await api.fields('TicketNotes');
    fake.clearRequests();
    const note: Record<string, unknown> = { id: 1, ticketID: 10_001, creatorResourceID: 3002 };
    await resolver.enrich('TicketNotes', [note]);
    expect(note).toMatchObject({ ticketNumber: ticket.ticketNumber, creatorResourceName: 'Tech Nician1' });
    expect(fake.requests).toHaveLength(0);
    expect((await resolver.lookup(LOOKUPS.resource, [3002])).get(3002)).toEqual({ id: 3002, firstName: 'Tech', lastName: 'Nician1' });
  });

  for (const [status, kind] of [[429, 'rate_limited'], [401, 'auth']] as const) {
    it(`a ${status} on a lookup is logged once and backs that lookup off: the next calls send nothing for it until the pause ends`, async () => {
      let t = 1_000_000;
      const lines: Array<Record<string, unknown>> = [];
      const logger = pino({ level: 'debug' }, { write: (l: string) => lines.push(JSON.parse(l) as Record<string, unknown>) });
      const resolver = createNameResolver(api, { now: () => t, logger });
      const records = await page(10_001, 20);
      await api.fields('Tickets');
      fake.addFault({ route: /^Companies\/query$/, fault: { kind: 'status', status, headers: status === 429 ? { 'Retry-After': '1' } : {}, body: { errors: ['no'] } } });
      try {
        await resolver.enrich('Tickets', records);
        expect(records.some((r) => r.companyName !== undefined)).toBe(false);
        expect(records.every((r) => typeof r.assignedResourceName === 'string' || r.assignedResourceID === null)).toBe(true);
        fake.clearRequests();
        for (let i = 0; i < 3; i++) await resolver.enrich('Tickets', await page(10_101 + i * 20, 20));
      } finally {
        fake.clearFaults();
      }
      expect(fake.requests.filter((r) => r.route === 'Companies/query')).toHaveLength(0);
      const warned = lines.filter((l) => l.msg === 'name lookup failed; pausing it');
      expect(warned).toHaveLength(1);
      expect(warned[0]).toMatchObject({ entity: 'Companies', kind });
      expect(JSON.stringify(lines)).not.toContain(CREDS.secret);
      t += 10 * 60_000;
      fake.clearRequests();
      const later = await page(10_001, 20);
      await resolver.enrich('Tickets', later);
      expect(fake.requests.filter((r) => r.route === 'Companies/query')).toHaveLength(1);
      expect(later.every((r) => r.companyName === `Company ${r.companyID}`)).toBe(true);
    });
  }
});
