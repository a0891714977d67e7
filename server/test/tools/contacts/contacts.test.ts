/**
 * Contact tools over MCP: search filters as sent (isActive as the integer Autotask uses), get,
 * and writes through Companies/{id}/Contacts, never the root Contacts URL.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { SeedRecord } from '../../../src/fake/types.js';
import { call, lastFilter, structured, textOf, writes } from '../tickets/support.js';
import { nameOf, rowsOf, splitFence } from '../results/support.js';
import { confirm, list, preview, refused, sortedIds, useHarness } from '../companies/flow.js';

const seed = buildDemoSeed();
const contacts = seed.records.Contacts;
const expectIds = (pred: (c: SeedRecord) => boolean) => contacts.filter(pred).map((c) => c.id).sort((a, b) => a - b);
const lower = (v: unknown) => String(v ?? '').toLowerCase();
const bethany = contacts.find((c) => c.id === 30700100)!;

const s = useHarness();
const search = (args: Record<string, unknown>) => list(s, 'search_contacts', { limit: 500, ...args });

describe('search_contacts', () => {
  it('one word matches first or last name; two words match first and last', async () => {
    const one = await search({ name: 'price' });
    expect(lastFilter(s.h.fake, 'Contacts/query')).toEqual([
      { op: 'or', items: [{ op: 'contains', field: 'firstName', value: 'price' }, { op: 'contains', field: 'lastName', value: 'price' }] },
    ]);
    expect(sortedIds(one.items)).toEqual(expectIds((c) => lower(c.firstName).includes('price') || lower(c.lastName).includes('price')));
    expect(one.items.length).toBeGreaterThan(0);

    const two = await search({ name: 'Bethany  Price' });
    expect(lastFilter(s.h.fake, 'Contacts/query')).toEqual([
      { op: 'and', items: [{ op: 'contains', field: 'firstName', value: 'Bethany' }, { op: 'contains', field: 'lastName', value: 'Price' }] },
    ]);
    expect(sortedIds(two.items)).toEqual(expectIds((c) => lower(c.firstName).includes('bethany') && lower(c.lastName).includes('price')));
  });

  it.each([
    [
      { email: '@brightwaterdental.example' },
      [{ op: 'or', items: ['emailAddress', 'emailAddress2', 'emailAddress3'].map((field) => ({ op: 'contains', field, value: '@brightwaterdental.example' })) }],
      (c: SeedRecord) => lower(c.emailAddress).includes('@brightwaterdental.example'),
    ],
    [{ companyID: 103 }, [{ op: 'eq', field: 'companyID', value: 103 }], (c: SeedRecord) => c.companyID === 103],
    // Contacts.isActive is an integer in Autotask: true/false become 1/0 on the wire.
    [{ active: true }, [{ op: 'eq', field: 'isActive', value: 1 }], (c: SeedRecord) => c.isActive === 1],
    [{ active: false }, [{ op: 'eq', field: 'isActive', value: 0 }], (c: SeedRecord) => c.isActive === 0],
    [
      { phone: '07700' },
      [{ op: 'or', items: ['phone', 'mobilePhone', 'alternatePhone'].map((field) => ({ op: 'contains', field, value: '07700' })) }],
      (c: SeedRecord) => lower(c.phone).includes('07700') || lower(c.mobilePhone).includes('07700'),
    ],
    [{ primaryOnly: true }, [{ op: 'eq', field: 'primaryContact', value: true }], (c: SeedRecord) => c.primaryContact === true],
  ])('%j sends exactly %j', async (args, filter, pred) => {
    const r = await search(args);
    expect(lastFilter(s.h.fake, 'Contacts/query')).toEqual(filter);
    expect(sortedIds(r.items)).toEqual(expectIds(pred));
    expect(r.items.length).toBeGreaterThan(0);
  });

  it('combines filters with AND and fills in company names; e-mails and names are untrusted', async () => {
    const r = await call(s.client, 'search_contacts', { companyID: 103, active: true });
    expect(lastFilter(s.h.fake, 'Contacts/query')).toEqual([
      { op: 'eq', field: 'companyID', value: 103 },
      { op: 'eq', field: 'isActive', value: 1 },
    ]);
    const sc = structured<{ columns: string[]; rows: unknown[][]; untrusted: string[] }>(r);
    const rows = rowsOf(sc);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((c) => c.companyID === 103 && nameOf(sc, 'companies', c.companyID) === 'Brightwater Dental Group')).toBe(true);
    expect(sc.untrusted).toEqual(expect.arrayContaining(['name', 'emailAddress', 'names']));
    const { inside } = splitFence(textOf(r));
    expect(inside).toContain(`|${bethany.emailAddress}|`);
    expect(inside).toContain('|Brightwater Dental Group (103)|');
  });

  it('states an empty result plainly and refuses bad input', async () => {
    const r = await call(s.client, 'search_contacts', { name: 'Zebedee' });
    expect(textOf(r)).toMatch(/No contacts found matching name="Zebedee"/);
    s.h.fake.clearRequests();
    await refused(s, 'search_contacts', { active: 1 }, /active/);
    await refused(s, 'search_contacts', { companyID: 'acme' }, /companyID/);
    await refused(s, 'search_contacts', { name: '' }, /name/);
  });
});

describe('get_contact', () => {
  it('returns the contact with its company name, or says it does not exist', async () => {
    const r = structured<{ contact: Record<string, unknown> }>(await call(s.client, 'get_contact', { id: bethany.id }));
    expect(r.contact).toMatchObject({ id: bethany.id, firstName: 'Bethany', companyID: 103, isActive: 1 });
    expect(nameOf(r, 'companies', 103)).toBe('Brightwater Dental Group');
    const missing = await call(s.client, 'get_contact', { id: 5 });
    expect(structured(missing)).toEqual({ found: false });
    expect(textOf(missing)).toMatch(/No contact with id 5 exists/);
  });
});

describe('create_contact', () => {
  const args = { companyID: 106, firstName: 'Ada', lastName: 'Lovelace', emailAddress: 'ada@kestrel.example', title: 'Operations Director', companyLocationID: 402 };

  it('posts through Companies/{id}/Contacts with isActive 1, exactly as previewed', async () => {
    const p = await preview(s, 'create_contact', args);
    expect(p.request).toEqual({
      method: 'POST',
      path: 'Companies/106/Contacts',
      body: { companyID: 106, firstName: 'Ada', lastName: 'Lovelace', emailAddress: 'ada@kestrel.example', title: 'Operations Director', companyLocationID: 402, isActive: 1 },
    });
    const { id } = await confirm(s, 'create_contact', args, p);
    expect(s.h.fake.records('Contacts').find((c) => c.id === id)).toMatchObject({ companyID: 106, firstName: 'Ada', isActive: 1 });
    expect(writes(s.h.fake).some((w) => /^Contacts$/i.test(w.route))).toBe(false);
  });

  it('active=false is sent as isActive 0; a used e-mail address is warned about', async () => {
    const p = await preview(s, 'create_contact', { companyID: 103, firstName: 'B', lastName: 'P', emailAddress: bethany.emailAddress, active: false });
    expect(p.request.body.isActive).toBe(0);
    expect(p.warnings.join(' ')).toMatch(new RegExp(`already used by contact ${bethany.id} \\(company 103\\)`));
  });

  it.each([
    [{ ...args, companyID: 999_999 }, /No company with id 999999/],
    [{ ...args, companyLocationID: 401 }, /Location 401 belongs to company 103, not to company 106/],
  ])('%j is refused after the lookup, writing nothing', async (bad, message) => {
    await refused(s, 'create_contact', bad, message, 'reads');
  });

  it.each([
    [{ ...args, emailAddress: 'not-an-email' }, /e-mail/],
    [{ ...args, lastName: undefined }, /lastName/],
    [{ ...args, firstName: 'x'.repeat(51) }, /firstName/],
    [{ ...args, active: 1 }, /active/],
  ])('%j is refused by the schema, sending nothing', async (bad, message) => {
    await refused(s, 'create_contact', bad, message);
  });
});

describe('update_contact', () => {
  it('patches through the contact\'s company with only the changes (active -> isActive 0)', async () => {
    const c = contacts.find((x) => x.companyID === 109 && x.isActive === 1)!;
    const args = { id: c.id, active: false, title: 'Practice Manager', firstName: c.firstName };
    const p = await preview(s, 'update_contact', args);
    expect(p.request).toEqual({ method: 'PATCH', path: 'Companies/109/Contacts', body: { id: c.id, isActive: 0, title: 'Practice Manager' } });
    expect(p.changes).toEqual([
      { field: 'title', from: c.title, to: 'Practice Manager' },
      { field: 'isActive', from: 1, to: 0 },
    ]);
    expect(p.warnings.join(' ')).toMatch(/deactivates the contact/);
    await confirm(s, 'update_contact', args, p);
    expect(s.h.fake.records('Contacts').find((x) => x.id === c.id)).toMatchObject({ isActive: 0, title: 'Practice Manager', companyID: 109 });
  });

  it.each([
    [{ id: bethany.id }, /Nothing to change/],
    [{ id: bethany.id, firstName: 'Bethany' }, /already has these values/],
    [{ id: 77, phone: '1' }, /No contact with id 77/],
    [{ id: bethany.id, companyLocationID: 402 }, /belongs to company 106, not to company 103/],
  ])('%j is refused and writes nothing', async (bad, message) => {
    await refused(s, 'update_contact', bad, message, 'reads');
  });

});
