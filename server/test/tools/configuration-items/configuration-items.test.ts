/**
 * Device (configuration item) tools over MCP against the demo tenant: every filter reaches
 * Autotask as sent, products and contracts are named in one batched lookup each, a device comes
 * with its UDFs and its newest tickets (primary and additional), and writes go to the root
 * ConfigurationItems URL with references checked against the device's company.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { SeedRecord } from '../../../src/fake/types.js';
import { call, expectSent, filterOf, sent, structured, textOf } from '../tickets/support.js';
import { nameOf, rowsOf } from '../results/support.js';
import { confirm, list, preview, refused, sortedIds, useHarness } from '../companies/flow.js';
import type { Wire } from '../../helpers/wire.js';

const seed = buildDemoSeed();
const cis = seed.records.ConfigurationItems;
const tickets = seed.records.Tickets;
const links = seed.records.TicketAdditionalConfigurationItems;
const products = seed.records.Products;
const idsOf = (pred: (r: SeedRecord) => boolean) => cis.filter(pred).map((r) => r.id).sort((a, b) => a - b);
const CI = cis.find((c) => links.some((l) => l.configurationItemID === c.id) && tickets.some((t) => t.configurationItemID === c.id))!;
const COMPANY = CI.companyID as number;
const OTHER_COMPANY_CONTACT = seed.records.Contacts.find((c) => c.companyID !== COMPANY)!;
const SERVER_TYPE = 2;

const s = useHarness();

describe('search_configuration_items', () => {
  const search = (args: Record<string, unknown>) => list(s, 'search_configuration_items', { limit: 500, order: 'oldest', ...args });

  it('names products, contracts, companies and contacts once per page, in one batched lookup each', async () => {
    const r = await search({ companyID: COMPANY });
    const row = r.items.find((i) => i.id === CI.id)!;
    expect(row).toMatchObject({ referenceTitle: CI.referenceTitle, productID: CI.productID, companyID: COMPANY, isActive: CI.isActive });
    expect(nameOf(r, 'products', CI.productID)).toBe(products.find((p) => p.id === CI.productID)!.name);
    expect(nameOf(r, 'contracts', CI.contractID)).toBe(seed.records.Contracts.find((c) => c.id === CI.contractID)!.contractName);
    expect(nameOf(r, 'companies', COMPANY)).toBe(seed.records.Companies.find((c) => c.id === COMPANY)!.companyName);
    expect(r.untrusted).toEqual(expect.arrayContaining(['referenceTitle', 'names']));
    // The first search of the file: one batched `in` query per entity, never one per row.
    for (const entity of ['Products', 'Contracts', 'Companies']) {
      expect(sent(s.h.fake, `${entity}/query`).map((q) => filterOf(q)[0].op), entity).toEqual(['in']);
    }
    expect(s.h.fake.requests.filter((q) => q.method === 'GET' && /^(Products|Contracts|Companies)\/\d+$/.test(q.route))).toEqual([]);
  });

  it.each([
    [{ companyID: COMPANY }, [{ op: 'eq', field: 'companyID', value: COMPANY }], (c: SeedRecord) => c.companyID === COMPANY],
    [
      { text: 'fw01' },
      [{ op: 'or', items: ['referenceTitle', 'serialNumber', 'referenceNumber'].map((field) => ({ op: 'contains', field, value: 'fw01' })) }],
      (c: SeedRecord) => /fw01/i.test(String(c.referenceTitle)),
    ],
    [{ serialNumber: String(CI.serialNumber) }, [{ op: 'eq', field: 'serialNumber', value: CI.serialNumber }], (c: SeedRecord) => c.serialNumber === CI.serialNumber],
    [{ productID: 29683601 }, [{ op: 'eq', field: 'productID', value: 29683601 }], (c: SeedRecord) => c.productID === 29683601],
    [{ type: 'server' }, [{ op: 'eq', field: 'configurationItemType', value: SERVER_TYPE }], (c: SeedRecord) => c.configurationItemType === SERVER_TYPE],
    [{ type: ['Server', 'Firewall'] }, [{ op: 'in', field: 'configurationItemType', value: [2, 5] }], (c: SeedRecord) => [2, 5].includes(c.configurationItemType as number)],
    [{ active: false }, [{ op: 'eq', field: 'isActive', value: false }], (c: SeedRecord) => c.isActive === false],
    [{ contractID: CI.contractID }, [{ op: 'eq', field: 'contractID', value: CI.contractID }], (c: SeedRecord) => c.contractID === CI.contractID],
    [
      { warrantyAfter: '2026-11-01', warrantyBefore: '2027-06-01' },
      [
        { op: 'gte', field: 'warrantyExpirationDate', value: '2026-11-01T00:00:00.000Z' },
        { op: 'lt', field: 'warrantyExpirationDate', value: '2027-06-01T00:00:00.000Z' },
      ],
      (c: SeedRecord) => String(c.warrantyExpirationDate) >= '2026-11-01' && String(c.warrantyExpirationDate) < '2027-06-01',
    ],
  ])('%j sends exactly %j', async (args, filter, pred) => {
    const r = await search(args);
    expectSent(s.h.fake, 'ConfigurationItems/query', filter as never);
    expect(sortedIds(r.items)).toEqual(idsOf(pred));
    expect(r.items.length).toBeGreaterThan(0);
  });

  it('pages newest first without repeating a device', async () => {
    const first = await list(s, 'search_configuration_items', { limit: 10 });
    expect(first.items.map((i) => i.id)).toEqual(cis.map((c) => c.id).sort((a, b) => b - a).slice(0, 10));
    expect(first.hasMore).toBe(true);
    const second = await list(s, 'search_configuration_items', { limit: 10, cursor: first.nextCursor });
    expect(second.items.map((i) => i.id)).toEqual(cis.map((c) => c.id).sort((a, b) => b - a).slice(10, 20));
  });

  it('refuses bad input, sending nothing (or only the picklist metadata)', async () => {
    await refused(s, 'search_configuration_items', { warrantyAfter: '2027-01-01', warrantyBefore: '2026-01-01' }, /warrantyAfter .* must be earlier than warrantyBefore/);
    await refused(s, 'search_configuration_items', { warrantyBefore: '2027-01-01T10:30:00Z' }, /calendar day that has no time of day/);
    await refused(s, 'search_configuration_items', { companyId: COMPANY }, /companyId/);
    await refused(s, 'search_configuration_items', { type: 'Toaster' }, /"Toaster" is not a valid ConfigurationItems\.configurationItemType\. Valid values: 1=Workstation/, 'metadata');
  });
});

describe('get_configuration_item', () => {
  it('returns the device with its UDFs, names and newest tickets, primary and additional', async () => {
    const r = structured<Record<string, Wire>>(await call(s.client, 'get_configuration_item', { id: CI.id }));
    const udf = (CI.userDefinedFields as Array<{ name: string; value: string | null }>).find((u) => u.value !== null)!;
    expect(r.configurationItem).toMatchObject({ id: CI.id, referenceTitle: CI.referenceTitle, serialNumber: CI.serialNumber, productID: CI.productID, [`udf:${udf.name}`]: udf.value });
    expect(r.configurationItem.configurationItemType).toEqual(expect.any(String));
    expect(nameOf(r, 'products', CI.productID)).toBe(products.find((p) => p.id === CI.productID)!.name);
    const primary = tickets.filter((t) => t.configurationItemID === CI.id).map((t) => t.id);
    const additional = links.filter((l) => l.configurationItemID === CI.id).map((l) => l.ticketID as number);
    const expected = [...new Set([...primary, ...additional])].sort((a, b) => b - a).slice(0, 10);
    const rows = rowsOf(r.tickets);
    expect(rows.map((t) => t.id)).toEqual(expected);
    expect(new Set(rows.map((t) => t.device))).toEqual(new Set(['primary', 'additional']));
    for (const t of rows) expect(t.device, `ticket ${t.id}`).toBe(primary.includes(t.id) ? 'primary' : 'additional');
    expectSent(s.h.fake, 'TicketAdditionalConfigurationItems/query', [{ op: 'eq', field: 'configurationItemID', value: CI.id }]);
    // The primary ones newest first; the additional ones not on that page in one `in` query.
    const ticketQueries = sent(s.h.fake, 'Tickets/query').map(filterOf);
    expect(ticketQueries.filter((f) => f[0].field === 'configurationItemID').length).toBeGreaterThan(0);
    for (const f of ticketQueries.filter((q) => q[0].field === 'configurationItemID')) expect(f[0]).toEqual({ op: 'eq', field: 'configurationItemID', value: CI.id });
    expect(ticketQueries.filter((f) => f[0].field === 'id' && f[0].op === 'in')).toHaveLength(1);
  });

  it('ticketsLimit 0 reads the device only; a missing device is a plain not-found', async () => {
    await call(s.client, 'get_configuration_item', { id: CI.id, ticketsLimit: 0 });
    expect(sent(s.h.fake, 'Tickets/query')).toEqual([]);
    const missing = await call(s.client, 'get_configuration_item', { id: 1 });
    expect(structured(missing)).toEqual({ found: false });
    expect(textOf(missing)).toMatch(/No device with id 1 exists/);
  });
});

describe('create_configuration_item', () => {
  const contact = seed.records.Contacts.find((c) => c.companyID === COMPANY)!;
  const location = seed.records.CompanyLocations.find((l) => l.companyID === COMPANY)!;

  it('posts to the root URL with the fields given, active by default, and the type resolved from its label', async () => {
    const args = {
      companyID: COMPANY, productID: 29683600, referenceTitle: 'ME-LT-0200', serialNumber: 'SN-NEW-0001', type: 'Workstation', contactID: contact.id,
      companyLocationID: location.id, contractID: CI.contractID, installDate: '2026-11-20', warrantyExpirationDate: '2029-11-19', location: 'Reception',
    };
    const p = await preview(s, 'create_configuration_item', args);
    expect(p.request).toEqual({
      method: 'POST',
      path: 'ConfigurationItems',
      body: {
        companyID: COMPANY, productID: 29683600, referenceTitle: 'ME-LT-0200', serialNumber: 'SN-NEW-0001', location: 'Reception', isActive: true, configurationItemType: 1,
        installDate: '2026-11-20T00:00:00.000Z', warrantyExpirationDate: '2029-11-19T00:00:00.000Z', contactID: contact.id, companyLocationID: location.id, contractID: CI.contractID,
      },
    });
    expect(p.summary).toMatch(/Add device "ME-LT-0200" \(product 29683600, type Workstation \(1\)\) to company/);
    const { id } = await confirm(s, 'create_configuration_item', args, p);
    expect(s.h.fake.records('ConfigurationItems').find((c) => c.id === id)).toMatchObject({ companyID: COMPANY, referenceTitle: 'ME-LT-0200', isActive: true });
  });

  it('warns about a serial number already on record and an inactive product', async () => {
    const p = await preview(s, 'create_configuration_item', { companyID: COMPANY, productID: 29683606, referenceTitle: 'Old tower', serialNumber: String(CI.serialNumber) });
    expect(p.warnings.join(' ')).toMatch(new RegExp(`Serial number ${String(CI.serialNumber)} is already on device\\(s\\) ${CI.id}`));
    expect(p.warnings.join(' ')).toMatch(/Product 29683606 "Desktop Tower PC" is inactive/);
  });

  it.each([
    [{ companyID: COMPANY, productID: 1, referenceTitle: 'x' }, /No product with id 1 exists/],
    [{ companyID: COMPANY, productID: 29683600, referenceTitle: 'x', contactID: OTHER_COMPANY_CONTACT.id }, new RegExp(`contact ${OTHER_COMPANY_CONTACT.id} belongs to company ${OTHER_COMPANY_CONTACT.companyID}, not to company ${COMPANY}`)],
    [{ companyID: COMPANY, productID: 29683600, referenceTitle: 'x', installDate: '2026-02-30' }, /not a real date|2026-02-30/],
  ])('refuses %j before anything is written', async (args, message) => {
    await refused(s, 'create_configuration_item', args, message, 'reads');
  });

  it('needs the product and a name (schema), sending nothing', async () => {
    await refused(s, 'create_configuration_item', { companyID: COMPANY, referenceTitle: 'x' }, /productID/);
    await refused(s, 'create_configuration_item', { companyID: COMPANY, productID: 29683600 }, /referenceTitle/);
  });
});

describe('update_configuration_item', () => {
  it('sends only what changes, with the previous values in the preview', async () => {
    const device = cis.find((c) => c.isActive === true && c.id !== CI.id)!;
    const args = { id: device.id, referenceTitle: `${String(device.referenceTitle)}-R`, serialNumber: device.serialNumber, active: false };
    const p = await preview(s, 'update_configuration_item', args);
    expect(p.request).toEqual({ method: 'PATCH', path: 'ConfigurationItems', body: { id: device.id, referenceTitle: args.referenceTitle, isActive: false } });
    expect(p.changes).toEqual([
      { field: 'referenceTitle', from: device.referenceTitle, to: args.referenceTitle },
      { field: 'isActive', from: true, to: false },
    ]);
    expect(p.warnings.join(' ')).toMatch(/retires the device/);
    await confirm(s, 'update_configuration_item', args, p);
    expect(s.h.fake.records('ConfigurationItems').find((c) => c.id === device.id)).toMatchObject({ isActive: false, referenceTitle: args.referenceTitle });
  });

  it('refuses a move to another company, a no-op and a contract of another company', async () => {
    await refused(s, 'update_configuration_item', { id: CI.id, companyID: 103 }, /companyID/);
    await refused(s, 'update_configuration_item', { id: CI.id, referenceTitle: String(CI.referenceTitle) }, /already has these values/, 'reads');
    const foreign = seed.records.Contracts.find((c) => c.companyID !== COMPANY)!;
    await refused(s, 'update_configuration_item', { id: CI.id, contractID: foreign.id }, new RegExp(`contract ${foreign.id} belongs to company ${foreign.companyID}`), 'reads');
  });
});
