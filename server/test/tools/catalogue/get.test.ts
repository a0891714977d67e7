/**
 * get_product and get_service over MCP: every set field with labels and the billing code named,
 * a bundle's services (links, then one query for those services) or a service's bundles, and
 * the item's prices per foreign currency; nothing asked of price lists in a single-currency tenant.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { call, expectSent, filterOf, sent, structured, textOf } from '../tickets/support.js';
import { nameOf, rowsOf } from '../results/support.js';
import { refused, useHarness } from '../companies/flow.js';
import type { Wire } from '../../helpers/wire.js';

const seed = buildDemoSeed();
const services = seed.records.Services;
const links = seed.records.ServiceBundleServices;
const s = useHarness();

const get = async (tool: string, args: Record<string, unknown>) => structured<Record<string, Wire>>(await call(s.client, tool, args));

describe('get_product', () => {
  const licence = seed.records.Products.find((p) => p.productCategory === 3)!;

  it('every set field, labels, the billing code named, and its prices in EUR and USD', async () => {
    const r = await get('get_product', { id: licence.id });
    expect(r.product).toMatchObject({ id: licence.id, name: licence.name, sku: licence.sku, productCategory: 'Licence', periodType: 'Monthly', unitPrice: licence.unitPrice, productBillingCodeID: 29683502 });
    expect(nameOf(r, 'billingCodes', 29683502)).toBe(seed.records.BillingCodes.find((b) => b.id === 29683502)!.name);
    const entries = seed.records.PriceListProducts.filter((e) => e.productID === licence.id);
    expect(rowsOf(r.prices).map((p) => [p.currency, p.currencyID, p.unitPrice, p.usesInternalCurrencyPrice])).toEqual(
      entries.map((e) => [e.currencyID === 2 ? 'EUR' : 'USD', e.currencyID, e.unitPrice, e.usesInternalCurrencyPrice]),
    );
    expect(sent(s.h.fake, 'PriceListProducts/query').map(filterOf)).toEqual([[{ op: 'eq', field: 'productID', value: licence.id }]]);
    expect(r.untrusted).toEqual(expect.arrayContaining(['name', 'description', 'sku', 'names']));
  });

  it('says plainly when the product does not exist, asking nothing more; a bad id sends nothing', async () => {
    const r = await call(s.client, 'get_product', { id: 1 });
    expect(structured(r)).toEqual({ found: false });
    expect(textOf(r)).toMatch(/No product with id 1 exists.*search_products/);
    expect(sent(s.h.fake, 'PriceListProducts/query')).toEqual([]);
    s.h.fake.clearRequests();
    await refused(s, 'get_product', { id: -3 }, /id/);
  });

  it('a single-currency tenant: no price-list query, and the section says why', async () => {
    const all = s.h.fake.records('Currencies');
    const saved = all.splice(1);
    try {
      const r = await call(s.client, 'get_product', { id: licence.id });
      expect(rowsOf(structured<Record<string, Wire>>(r).prices)).toEqual([]);
      expect(textOf(r)).toMatch(/single-currency tenant: no price lists/);
      expect(sent(s.h.fake, 'PriceListProducts/query')).toEqual([]);
    } finally {
      all.push(...saved);
    }
  });
});

describe('get_service', () => {
  const bundle = seed.records.ServiceBundles[0];

  it('a bundle with its services and their own prices: one link query, one services query', async () => {
    const r = await get('get_service', { id: bundle.id, kind: 'bundles' });
    expect(r.serviceBundle).toMatchObject({ id: bundle.id, name: bundle.name, periodType: 'Monthly', percentageDiscount: bundle.percentageDiscount });
    const members = links.filter((l) => l.serviceBundleID === bundle.id).map((l) => services.find((x) => x.id === l.serviceID)!);
    expect(rowsOf(r.services).map((x) => [x.id, x.name, x.unitPrice, x.periodType])).toEqual(members.map((x) => [x.id, x.name, x.unitPrice, 'Monthly']));
    expectSent(s.h.fake, 'ServiceBundleServices/query', [{ op: 'eq', field: 'serviceBundleID', value: bundle.id }]);
    expect(sent(s.h.fake, 'Services/query').map(filterOf)).toEqual([[{ op: 'in', field: 'id', value: members.map((x) => x.id) }]]);
    expectSent(s.h.fake, 'PriceListServiceBundles/query', [{ op: 'eq', field: 'serviceBundleID', value: bundle.id }]);
    expect(rowsOf(r.prices).map((p) => p.currency)).toEqual(['EUR', 'USD']);
    expect(nameOf(r, 'billingCodes', bundle.billingCodeID)).toBe('Recurring Managed Services');
  });

  it('a service with the bundles holding it, named in one lookup', async () => {
    const member = links.find((l) => l.serviceBundleID === bundle.id)!.serviceID as number;
    const r = await get('get_service', { id: member });
    expect(r.service).toMatchObject({ id: member, name: services.find((x) => x.id === member)!.name });
    const holders = links.filter((l) => l.serviceID === member);
    expect(rowsOf(r.bundles).map((b) => b.serviceBundleID)).toEqual(holders.map((l) => l.serviceBundleID));
    expect(nameOf(r, 'serviceBundles', bundle.id)).toBe(bundle.name);
    expectSent(s.h.fake, 'ServiceBundleServices/query', [{ op: 'eq', field: 'serviceID', value: member }]);
    expect(rowsOf(r.prices)).toHaveLength(2);
  });

  it('the legacy service is in no bundle; a service id asked as a bundle is not found, with the hint', async () => {
    const legacy = services.find((x) => x.isActive === false)!;
    const r = await call(s.client, 'get_service', { id: legacy.id });
    expect(textOf(r)).toMatch(/\(in no bundle\)/);
    const wrong = await call(s.client, 'get_service', { id: legacy.id, kind: 'bundles' });
    expect(structured(wrong)).toEqual({ found: false });
    expect(textOf(wrong)).toMatch(/No service bundle with id \d+ exists.*search_services kind=bundles/);
    s.h.fake.clearRequests();
    await refused(s, 'get_service', { id: legacy.id, kind: 'product' }, /kind/);
  });
});
