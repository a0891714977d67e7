/**
 * Company tools over MCP against the strict fake with the demo tenant: the exact filter of every
 * search parameter, results checked against the seed, get options, and confirmed writes whose
 * body is exactly the preview's. Bad input is refused with what to fix and sends nothing.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { SeedRecord } from '../../../src/fake/types.js';
import { call, lastFilter, sent, structured, textOf } from '../tickets/support.js';
import { confirm, list, preview, refused, sortedIds, useHarness } from './flow.js';
import { rowsOf, splitFence } from '../results/support.js';
import { createNameResolver } from '../../../src/tools/enrich.js';
import type { Wire } from '../../helpers/wire.js';

const seed = buildDemoSeed();
const companies = seed.records.Companies;
const contacts = seed.records.Contacts;
const typeValue = (label: string) => Number(seed.picklists.Companies.companyType.find((p) => p.label === label)!.value);
const expectIds = (pred: (c: SeedRecord) => boolean) => companies.filter(pred).map((c) => c.id).sort((a, b) => a - b);
const accountManager = companies[1].ownerResourceID as number;
const INACTIVE_RESOURCE = 29682899;

const s = useHarness();
const search = (args: Record<string, unknown>) => list(s, 'search_companies', { limit: 500, ...args });

describe('search_companies', () => {
  it('name is a case-insensitive contains on companyName; ids come back with labels and names', async () => {
    const r = await search({ name: 'BRISTOL' });
    expect(r.items).toEqual([]);
    const dental = await search({ name: 'dental' });
    expect(lastFilter(s.h.fake, 'Companies/query')).toEqual([{ op: 'contains', field: 'companyName', value: 'dental' }]);
    expect(sortedIds(dental.items)).toEqual(expectIds((c) => String(c.companyName).toLowerCase().includes('dental')));
    // Labels instead of codes; the account manager's id with its name once in names.
    expect(dental.items[0]).toMatchObject({ companyType: 'Customer', ownerResourceID: expect.any(Number) });
    expect(dental.names!.resources[String(dental.items[0].ownerResourceID)]).toEqual(expect.any(String));
    expect(dental.untrusted).toEqual(expect.arrayContaining(['companyName', 'names']));
  });

  it.each([
    [{ companyNumber: 'C1004' }, [{ op: 'eq', field: 'companyNumber', value: 'C1004' }], (c: SeedRecord) => c.companyNumber === 'C1004'],
    [{ type: 'vendor' }, [{ op: 'eq', field: 'companyType', value: 7 }], (c: SeedRecord) => c.companyType === 7],
    [{ type: ['Lead', 3] }, [{ op: 'in', field: 'companyType', value: [2, 3] }], (c: SeedRecord) => c.companyType === 2 || c.companyType === 3],
    [{ active: false }, [{ op: 'eq', field: 'isActive', value: false }], (c: SeedRecord) => c.isActive === false],
    [{ phone: '0161' }, [{ op: 'contains', field: 'phone', value: '0161' }], (c: SeedRecord) => String(c.phone).includes('0161')],
    [{ city: 'bath' }, [{ op: 'contains', field: 'city', value: 'bath' }], (c: SeedRecord) => String(c.city).toLowerCase().includes('bath')],
    [{ postalCode: 'BS1 ' }, [{ op: 'beginsWith', field: 'postalCode', value: 'BS1' }], (c: SeedRecord) => String(c.postalCode).startsWith('BS1')],
    [{ ownerResourceID: accountManager }, [{ op: 'eq', field: 'ownerResourceID', value: accountManager }], (c: SeedRecord) => c.ownerResourceID === accountManager],
    [{ parentCompanyID: 103 }, [{ op: 'eq', field: 'parentCompanyID', value: 103 }], (c: SeedRecord) => c.parentCompanyID === 103],
    [
      { lastActivityAfter: '2026-10-25' },
      [{ op: 'gte', field: 'lastActivityDate', value: '2026-10-25T00:00:00.000Z' }],
      (c: SeedRecord) => Date.parse(String(c.lastActivityDate)) >= Date.parse('2026-10-25T00:00:00Z'),
    ],
  ])('%j sends exactly %j', async (args, filter, pred) => {
    const r = await search(args);
    expect(lastFilter(s.h.fake, 'Companies/query')).toEqual(filter);
    expect(sortedIds(r.items)).toEqual(expectIds(pred));
  });

  it('filters combine with AND and only the list fields are asked for', async () => {
    const r = await search({ city: 'Bristol', type: 'Customer', active: true });
    expect(lastFilter(s.h.fake, 'Companies/query')).toEqual([
      { op: 'eq', field: 'companyType', value: 1 },
      { op: 'eq', field: 'isActive', value: true },
      { op: 'contains', field: 'city', value: 'Bristol' },
    ]);
    expect(sortedIds(r.items)).toEqual(expectIds((c) => c.city === 'Bristol' && c.companyType === 1 && c.isActive === true));
    const body = sent(s.h.fake, 'Companies/query', 'POST')[0].body as { IncludeFields: string[] };
    expect(body.IncludeFields).toEqual(expect.arrayContaining(['id', 'companyName', 'companyType', 'ownerResourceID']));
    expect(body.IncludeFields).not.toContain('userDefinedFields');
  });

  it('pages with an opaque cursor: exact hasMore, no repeats, nothing lost', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = await list(s, 'search_companies', { limit: 7, ...(cursor ? { cursor } : {}) });
      seen.push(...r.items.map((c) => c.id as number));
      expect(r.hasMore).toBe(r.nextCursor !== null);
      cursor = r.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(seen).toEqual(companies.map((c) => c.id).sort((a, b) => a - b));
    expect(pages).toBe(Math.ceil(companies.length / 7));
  });

  it('states an empty result plainly', async () => {
    const r = await call(s.client, 'search_companies', { name: 'no such company zzz' });
    expect(structured(r).rows).toEqual([]);
    expect(textOf(r)).toMatch(/No companies found matching name="no such company zzz"\. This is a definitive empty result/);
  });

  it('marks company names as untrusted in the text', async () => {
    const r = await call(s.client, 'search_companies', { companyNumber: 'C1001' });
    expect(splitFence(textOf(r)).inside).toContain('|Brightwater Dental Group|');
  });

  it('refuses bad arguments with what to fix, sending nothing', async () => {
    await refused(s, 'search_companies', { type: 'Galactic Empire' }, /"Galactic Empire" is not a valid Companies\.companyType\. Valid values: 1=Customer, 2=Lead/, 'metadata');
    await refused(s, 'search_companies', { limit: 0 }, /limit/);
    await refused(s, 'search_companies', { limit: 501 }, /limit/);
    await refused(s, 'search_companies', { lastActivityAfter: 'last week' }, /ISO date/);
    await refused(s, 'search_companies', { active: 'yes' }, /active/);
    await refused(s, 'search_companies', { cursor: 'not-a-cursor' }, /cursor is not valid/);
  });

  it('a cursor from another search is refused', async () => {
    const first = await list(s, 'search_companies', { limit: 2, city: 'Bristol' });
    s.h.fake.clearRequests();
    await refused(s, 'search_companies', { limit: 2, city: 'Bath', cursor: first.nextCursor }, /belongs to a different search/);
  });
});

describe('get_company', () => {
  it('returns the enriched company with UDFs, and says plainly when it does not exist', async () => {
    const r = structured<{ found: boolean; company: Record<string, Wire>; names: Record<string, Record<string, string>> }>(await call(s.client, 'get_company', { id: 103 }));
    expect(r.company).toMatchObject({ id: 103, companyName: 'Brightwater Dental Group', companyType: 'Customer', ownerResourceID: expect.any(Number) });
    expect(r.names.resources[String(r.company.ownerResourceID)]).toEqual(expect.any(String));
    expect(r.company['udf:Customer Tier']).toEqual(expect.any(String));
    expect(sent(s.h.fake, 'Companies/103', 'GET')).toHaveLength(1);

    const own = structured<{ company: Record<string, unknown> }>(await call(s.client, 'get_company', { id: 0 }));
    expect(own.company.id).toBe(0);

    const missing = await call(s.client, 'get_company', { id: 999_999 });
    expect(missing.isError).toBeFalsy();
    expect(structured(missing)).toEqual({ found: false });
    expect(textOf(missing)).toMatch(/No company with id 999999 exists/);
  });

  it('includeLocations and includeContactCount query by companyID (isActive as the integer 1)', async () => {
    const r = structured<{ locations: { columns: string[]; rows: unknown[][] }; contacts: { total: number; active: number } }>(
      await call(s.client, 'get_company', { id: 103, includeLocations: true, includeContactCount: true }),
    );
    expect(lastFilter(s.h.fake, 'CompanyLocations/query')).toEqual([{ op: 'eq', field: 'companyID', value: 103 }]);
    expect(sortedIds(rowsOf(r.locations))).toEqual(seed.records.CompanyLocations.filter((l) => l.companyID === 103).map((l) => l.id).sort((a, b) => a - b));
    const counts = sent(s.h.fake, 'Contacts/query/count', 'POST').map((q) => (q.body as { filter: unknown }).filter);
    expect(counts).toEqual(
      expect.arrayContaining([
        [{ op: 'eq', field: 'companyID', value: 103 }],
        [{ op: 'eq', field: 'companyID', value: 103 }, { op: 'eq', field: 'isActive', value: 1 }],
      ]),
    );
    const mine = contacts.filter((c) => c.companyID === 103);
    expect(r.contacts).toEqual({ total: mine.length, active: mine.filter((c) => c.isActive === 1).length });
  });

  it('refuses a negative id', async () => {
    await refused(s, 'get_company', { id: -1 }, /id/);
  });
});

describe('create_company', () => {
  const args = { companyName: 'Harbourside Test Co', phone: '0117 000 0000', ownerResourceID: accountManager, city: 'Bristol', postalCode: 'BS1 1AA' };

  it('defaults the type from the tenant picklist and posts exactly the previewed body', async () => {
    const p = await preview(s, 'create_company', args);
    expect(p.request).toEqual({
      method: 'POST',
      path: 'Companies',
      body: { companyName: args.companyName, phone: args.phone, companyType: 1, ownerResourceID: accountManager, city: 'Bristol', postalCode: 'BS1 1AA' },
    });
    expect(p.summary).toContain('Customer (1)');
    expect(p.warnings).toEqual([]);
    const { id } = await confirm(s, 'create_company', args, p);
    expect(s.h.fake.records('Companies').find((c) => c.id === id)).toMatchObject({ companyName: args.companyName, companyType: 1 });
  });

  it('accepts a type label and warns about a duplicate name', async () => {
    const p = await preview(s, 'create_company', { ...args, companyName: 'Brightwater Dental Group', companyType: 'Prospect' });
    expect(p.request.body.companyType).toBe(typeValue('Prospect'));
    expect(p.warnings.join(' ')).toMatch(/already exists \(id 103\)/);
  });

  it.each([
    [{ ...args, ownerResourceID: 123 }, /No resource with id 123 exists/],
    [{ ...args, ownerResourceID: INACTIVE_RESOURCE }, /inactive and cannot be an account manager/],
    [{ ...args, parentCompanyID: 999_999 }, /No parent company with id 999999/],
    [{ ...args, companyType: 'Friend' }, /"Friend" is not a valid Companies\.companyType/],
  ])('%j is refused after reading what it refers to', async (bad, message) => {
    await refused(s, 'create_company', bad, message, 'reads');
  });

  it.each([
    [{ phone: '1', ownerResourceID: accountManager }, /companyName/],
    [{ ...args, companyName: 'x'.repeat(101) }, /companyName/],
    [{ ...args, phone: undefined }, /phone/],
  ])('%j is refused by the schema, sending nothing', async (bad, message) => {
    await refused(s, 'create_company', bad, message);
  });
});

describe('update_company', () => {
  it('patches only the fields that change and previews current -> new values with labels', async () => {
    const before = companies.find((c) => c.id === 109)!;
    const args = { id: 109, phone: before.phone, city: 'Bath Spa', companyType: 'Partner' };
    const p = await preview(s, 'update_company', args);
    expect(p.request).toEqual({ method: 'PATCH', path: 'Companies', body: { id: 109, city: 'Bath Spa', companyType: 8 } });
    expect(p.changes).toEqual([
      { field: 'companyType', from: 'Customer (1)', to: 'Partner (8)' },
      { field: 'city', from: before.city, to: 'Bath Spa' },
    ]);
    await confirm(s, 'update_company', args, p);
    expect(s.h.fake.records('Companies').find((c) => c.id === 109)).toMatchObject({ city: 'Bath Spa', companyType: 8, phone: before.phone });
  });

  it('warns before deactivating', async () => {
    const p = await preview(s, 'update_company', { id: 112, isActive: false });
    expect(p.request.body).toEqual({ id: 112, isActive: false });
    expect(p.warnings.join(' ')).toMatch(/deactivates the company/);
  });

  it.each([
    [{ id: 112 }, /Nothing to change: give at least one field/],
    [{ id: 112, city: companies.find((c) => c.id === 112)!.city }, /already has these values/],
    [{ id: 999_999, city: 'X' }, /No company with id 999999/],
    [{ id: 112, parentCompanyID: 112 }, /cannot be its own parent/],
    [{ id: 112, ownerResourceID: INACTIVE_RESOURCE }, /inactive/],
  ])('%j is refused and writes nothing', async (bad, message) => {
    await refused(s, 'update_company', bad, message, 'reads');
  });
});

describe('Autotask failures and request budget', () => {
  it('a failing Autotask write is an actionable isError, never retried, with no secret in the text', async () => {
    const args = { companyName: 'Fault Test Ltd', phone: '1', ownerResourceID: accountManager };
    const p = await preview(s, 'create_company', args);
    s.h.fake.addFault({ method: 'POST', route: /^Companies$/i, times: 1, fault: { kind: 'status', status: 500, body: { errors: ['Simulated business-rule failure.'] } } });
    try {
      const r = await call(s.client, 'create_company', { ...args, confirmationToken: p.confirmationToken });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/Simulated business-rule failure/);
      expect(sent(s.h.fake, 'Companies', 'POST')).toHaveLength(1);
      expect(textOf(r)).not.toMatch(/SENTINEL/);
    } finally {
      s.h.fake.clearFaults();
    }
  });

  it('a page of companies costs one query plus at most one batched name lookup per referenced entity', async () => {
    s.h.deps.names = createNameResolver(s.h.deps.api); // cold name cache: the bound must hold without earlier lookups
    await search({ limit: 30 });
    const data = s.h.fake.requests.filter((q) => !/entityInformation/.test(q.route)).map((q) => q.route);
    expect(data.filter((r) => r === 'Companies/query').length).toBeLessThanOrEqual(2); // the page (+ parent names, when any)
    expect(data.filter((r) => r === 'Resources/query')).toHaveLength(1);
    expect(data.length).toBeLessThanOrEqual(3);
  });
});
