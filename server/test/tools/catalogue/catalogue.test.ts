/**
 * Catalogue tools over MCP (read-only): products and services with their filters as sent,
 * bundles with the services they hold (one query for every bundle of the page), and price lists
 * per foreign currency (items and role rates) with names; the internal currency and a single-currency tenant are
 * answered plainly.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { SeedRecord } from '../../../src/fake/types.js';
import { call, expectSent, filterOf, sent, structured, textOf } from '../tickets/support.js';
import { nameOf } from '../results/support.js';
import { list, refused, sortedIds, useHarness } from '../companies/flow.js';

const seed = buildDemoSeed();
const products = seed.records.Products;
const services = seed.records.Services;
const bundles = seed.records.ServiceBundles;
const idsOf = (rows: SeedRecord[], pred: (r: SeedRecord) => boolean) => rows.filter(pred).map((r) => r.id).sort((a, b) => a - b);

const s = useHarness();

describe('search_products', () => {
  it.each([
    [{ name: 'laptop' }, [{ op: 'or', items: [{ op: 'contains', field: 'name', value: 'laptop' }, { op: 'contains', field: 'sku', value: 'laptop' }] }], (p: SeedRecord) => /laptop/i.test(String(p.name))],
    [{ manufacturer: 'northlake' }, [{ op: 'contains', field: 'manufacturerName', value: 'northlake' }], (p: SeedRecord) => p.manufacturerName === 'Northlake'],
    [{ category: 'Licence' }, [{ op: 'eq', field: 'productCategory', value: 3 }], (p: SeedRecord) => p.productCategory === 3],
    [{ active: false }, [{ op: 'eq', field: 'isActive', value: false }], (p: SeedRecord) => p.isActive === false],
  ])('%j sends exactly %j', async (args, filter, pred) => {
    const r = await list(s, 'search_products', { limit: 500, ...args });
    expectSent(s.h.fake, 'Products/query', filter as never);
    expect(sortedIds(r.items)).toEqual(idsOf(products, pred));
    expect(r.items.length).toBeGreaterThan(0);
  });

  it('shows labels and prices, pages in id order, and refuses a bad category', async () => {
    const first = await list(s, 'search_products', { limit: 3 });
    expect(first.items.map((p) => p.id)).toEqual(products.map((p) => p.id).sort((a, b) => a - b).slice(0, 3));
    expect(first.items[0]).toMatchObject({ productCategory: 'Hardware', unitPrice: products[0].unitPrice, isActive: true });
    const next = await list(s, 'search_products', { limit: 3, cursor: first.nextCursor });
    expect(next.items[0].id).toBeGreaterThan(first.items[2].id);
    s.h.fake.clearRequests();
    await refused(s, 'search_products', { category: 'Furniture' }, /"Furniture" is not a valid Products\.productCategory/, 'metadata');
  });
});

describe('search_services', () => {
  it('services with their period label; the inactive one only when asked', async () => {
    const r = await list(s, 'search_services', { active: true, limit: 500 });
    expectSent(s.h.fake, 'Services/query', [{ op: 'eq', field: 'isActive', value: true }]);
    expect(sortedIds(r.items)).toEqual(idsOf(services, (x) => x.isActive === true));
    expect(r.items[0]).toMatchObject({ periodType: 'Monthly', unitPrice: expect.any(Number) });
    const old = await list(s, 'search_services', { name: 'exchange' });
    expect(old.items.map((x) => [x.name, x.isActive])).toEqual([['Hosted Exchange Mailbox', false]]);
  });

  it('bundles list the services each holds, from one query for the whole page', async () => {
    const r = await list(s, 'search_services', { kind: 'bundles' });
    expect(sortedIds(r.items)).toEqual(bundles.map((b) => b.id).sort((a, b) => a - b));
    const links = seed.records.ServiceBundleServices;
    for (const b of r.items) {
      const names = links.filter((l) => l.serviceBundleID === b.id).map((l) => services.find((x) => x.id === l.serviceID)!.name);
      expect(b.services, `bundle ${b.id}`).toBe(names.join('; '));
    }
    const q = sent(s.h.fake, 'ServiceBundleServices/query');
    expect(q).toHaveLength(1);
    expect(filterOf(q[0])).toEqual([{ op: 'in', field: 'serviceBundleID', value: r.items.map((b) => b.id) }]);
    expect(r.untrusted).toEqual(expect.arrayContaining(['services']));
  });

  it('pages in id order with the filter on every page; a bad kind sends nothing', async () => {
    const active = idsOf(services, (x) => x.isActive === true);
    const first = await list(s, 'search_services', { active: true, limit: 4 });
    const next = await list(s, 'search_services', { active: true, limit: 4, cursor: first.nextCursor });
    expect(first.hasMore).toBe(true);
    expect([...first.items, ...next.items].map((x) => x.id)).toEqual(active);
    expect(next.hasMore).toBe(false);
    expectSent(s.h.fake, 'Services/query', [{ op: 'eq', field: 'isActive', value: true }]);
    s.h.fake.clearRequests();
    await refused(s, 'search_services', { kind: 'products' }, /kind/);
  });
});

describe('search_prices', () => {
  it('a foreign currency by code: entries with item names and whether they follow the internal price', async () => {
    const r = await list(s, 'search_prices', { currency: 'eur', limit: 500 });
    expectSent(s.h.fake, 'PriceListProducts/query', [{ op: 'eq', field: 'currencyID', value: 2 }]);
    const entries = seed.records.PriceListProducts.filter((e) => e.currencyID === 2);
    expect(sortedIds(r.items)).toEqual(entries.map((e) => e.id).sort((a, b) => a - b));
    for (const e of r.items) expect(nameOf(r, 'products', e.productID)).toBe(products.find((p) => p.id === e.productID)!.name);
    expect(new Set(r.items.map((e) => e.usesInternalCurrencyPrice))).toEqual(new Set([true, false]));
    expect(r.currency).toMatchObject({ id: 2, name: 'EUR', exchangeRate: 0.85 });
  });

  it('services and bundles, and one item by id', async () => {
    const bundle = bundles[0];
    const r = await list(s, 'search_prices', { currency: 3, kind: 'bundles', itemID: bundle.id });
    expectSent(s.h.fake, 'PriceListServiceBundles/query', [{ op: 'eq', field: 'currencyID', value: 3 }, { op: 'eq', field: 'serviceBundleID', value: bundle.id }]);
    expect(r.items).toHaveLength(1);
    expect(nameOf(r, 'serviceBundles', bundle.id)).toBe(bundle.name);
    const svc = await list(s, 'search_prices', { currency: 'USD', kind: 'services' });
    expect(svc.items.length).toBe(seed.records.PriceListServices.filter((e) => e.currencyID === 3).length);
  });

  it('role hourly rates, named from the roles table; pages with the currency on every page', async () => {
    const entries = seed.records.PriceListRoles.filter((e) => e.currencyID === 2).map((e) => e.id).sort((a, b) => a - b);
    const first = await list(s, 'search_prices', { currency: 'Euro', kind: 'roles', limit: 2 });
    const next = await list(s, 'search_prices', { currency: 2, kind: 'roles', limit: 500, cursor: first.nextCursor });
    expect([...first.items, ...next.items].map((e) => e.id)).toEqual(entries);
    expectSent(s.h.fake, 'PriceListRoles/query', [{ op: 'eq', field: 'currencyID', value: 2 }]);
    const role = seed.records.Roles.find((x) => x.id === first.items[0].roleID)!;
    expect(nameOf(first, 'roles', role.id)).toBe(role.name);
    expect(first.columns).toEqual(['id', 'roleID', 'hourlyRate', 'usesInternalCurrencyPrice']);
    expect(first.items[0].hourlyRate).toBe(Math.round(((role.hourlyRate as number) / 0.85) * 100) / 100);
  });

  it('the internal currency and an unknown one are refused with the currencies there are', async () => {
    await refused(s, 'search_prices', { currency: 'GBP' }, /GBP \(1, internal\) is the internal currency: its prices are each product's unitPrice \(search_products\)\. Price lists hold the other currencies: EUR \(2\), USD \(3\)/, 'reads');
    expect(sent(s.h.fake, 'PriceListProducts/query')).toEqual([]);
    s.h.fake.clearRequests();
    await refused(s, 'search_prices', { currency: 'JPY' }, /"JPY" is not a currency of this tenant\. Its currencies: GBP \(1, internal\), EUR \(2\), USD \(3\)/, 'reads');
  });

  it('a tenant with only its internal currency has no price lists, and says so', async () => {
    const all = s.h.fake.records('Currencies');
    const saved = all.splice(1);
    try {
      const r = await call(s.client, 'search_prices', { currency: 'EUR' });
      expect(structured(r)).toMatchObject({ multiCurrency: false, rows: [] });
      expect(textOf(r)).toMatch(/only its internal currency \(GBP\): Autotask keeps price lists only in multi-currency databases/);
      expect(sent(s.h.fake, 'PriceListProducts/query')).toEqual([]);
    } finally {
      all.push(...saved);
    }
  });
});
