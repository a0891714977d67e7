/**
 * What the demo MSP sells besides hardware: recurring services, service bundles, two more
 * products (one discontinued), and price lists (items and role rates) in two foreign currencies
 * (Autotask keeps price lists only in multi-currency databases; the internal currency is GBP).
 */
import type { PicklistValue } from '../autotask/types.js';
import type { SeedRecord } from '../fake/types.js';
import { add, DAY, iso, type DemoContext } from './context.js';
import { list } from './picklists.js';

/** [unverified] period codes: Autotask names them per tenant; the demo's labels are what tools show. */
export const PERIOD = { OneTime: 1, Monthly: 2, Quarterly: 3, Yearly: 5 } as const;
const PRODUCT_CATEGORY = { Hardware: 1, Software: 2, Licence: 3 } as const;

export function cataloguePicklists(): Record<string, Record<string, PicklistValue[]>> {
  const period = list([[PERIOD.OneTime, 'One-Time'], [PERIOD.Monthly, 'Monthly', { isDefault: true }], [PERIOD.Quarterly, 'Quarterly'], [PERIOD.Yearly, 'Yearly']]);
  return {
    Services: { periodType: period },
    ServiceBundles: { periodType: period },
    Products: { periodType: period, productCategory: list([[PRODUCT_CATEGORY.Hardware, 'Hardware'], [PRODUCT_CATEGORY.Software, 'Software'], [PRODUCT_CATEGORY.Licence, 'Licence']]) },
  };
}

export interface Catalogue {
  /** Service id by key. */
  service: Record<ServiceKey, number>;
  bundle: { essentials: number; infrastructure: number };
  /** The billing code recurring services are billed under. */
  recurringCode: number;
}

type ServiceKey = 'workstation' | 'server' | 'network' | 'm365' | 'backup' | 'training';

const SERVICES: Array<[key: ServiceKey, name: string, price: number, cost: number, description: string]> = [
  ['workstation', 'Managed Workstation', 35, 9, 'Monitoring, patching, antivirus and service desk for one PC or laptop'],
  ['server', 'Managed Server', 120, 30, 'Monitoring, patching and backup checks for one server'],
  ['network', 'Network & Firewall Management', 60, 12, 'Firewall rules, firmware and switch management per site'],
  ['m365', 'Microsoft 365 Business Premium', 18.1, 15.8, 'Licence per user, billed monthly'],
  ['backup', 'Cloud Backup (per TB)', 45, 18, 'Offsite backup storage per terabyte'],
  ['training', 'Security Awareness Training', 4, 1.5, 'Phishing simulations and training per user'],
];

/**
 * Foreign currencies: exchangeRate in GBP per unit (an item's internal price divided by it is its
 * price there). displaySymbol is an integer code in Autotask ([unverified] which symbol each means).
 */
const CURRENCIES: Array<[id: number, name: string, symbol: string, rate: number]> = [
  [2, 'EUR', '€', 0.85],
  [3, 'USD', '$', 0.79],
];

const round2 = (n: number) => Math.round(n * 100) / 100;

export function buildCatalogue(ctx: DemoContext, billingCodeId: number): Catalogue {
  const created = ctx.now - 900 * DAY;
  const creator = 29682901;
  add(ctx, 'BillingCodes', { id: billingCodeId, name: 'Recurring Managed Services', description: 'Monthly managed service fees', isActive: true, unitCost: 0, unitPrice: 0, billingCodeType: 0 });
  // The oldest service, no longer sold (old contracts may still carry it); ids follow creation.
  add(ctx, 'Services', {
    id: 29684000, name: 'Hosted Exchange Mailbox', description: 'Legacy hosted mailbox (replaced by Microsoft 365)', invoiceDescription: 'Hosted Exchange Mailbox',
    billingCodeID: billingCodeId, periodType: PERIOD.Monthly, unitPrice: 6, unitCost: 2.5, isActive: false, createDate: iso(created - 300 * DAY), creatorResourceID: creator,
  });
  const service = {} as Record<ServiceKey, number>;
  SERVICES.forEach(([key, name, unitPrice, unitCost, description], i) => {
    service[key] = 29684001 + i;
    add(ctx, 'Services', {
      id: service[key], name, description, invoiceDescription: name, billingCodeID: billingCodeId, periodType: PERIOD.Monthly, unitPrice, unitCost,
      isActive: true, createDate: iso(created + i * DAY), creatorResourceID: creator, lastModifiedDate: iso(created + (i + 30) * DAY),
    });
  });
  const bundle = { essentials: 29684100, infrastructure: 29684101 };
  const bundles: Array<[number, string, number, number, ServiceKey[]]> = [
    [bundle.essentials, 'Managed IT Essentials (per user)', 49, 10, ['workstation', 'm365', 'training']],
    [bundle.infrastructure, 'Managed Infrastructure (per site)', 165, 8, ['server', 'network', 'backup']],
  ];
  let link = 29684200;
  for (const [id, name, unitPrice, percentageDiscount, members] of bundles) {
    add(ctx, 'ServiceBundles', {
      id, name, description: `Bundle: ${members.map((m) => SERVICES.find((s) => s[0] === m)![1]).join(', ')}`, invoiceDescription: name, billingCodeID: billingCodeId,
      periodType: PERIOD.Monthly, unitPrice, percentageDiscount, unitDiscount: 0, isActive: true, createDate: iso(created + 40 * DAY), creatorResourceID: creator,
    });
    for (const m of members) add(ctx, 'ServiceBundleServices', { id: link++, serviceBundleID: id, serviceID: service[m] });
  }
  const products: SeedRecord[] = [
    { id: 29683605, name: 'Microsoft 365 Business Premium Licence', manufacturerName: 'Microsoft', unitPrice: 18.1, unitCost: 15.8, isActive: true, isSerialized: false, productCategory: PRODUCT_CATEGORY.Licence, periodType: PERIOD.Monthly, sku: 'SKU-1005' },
    { id: 29683606, name: 'Desktop Tower PC', manufacturerName: 'Northlake', unitPrice: 749, unitCost: 610, isActive: false, isSerialized: true, productCategory: PRODUCT_CATEGORY.Hardware, periodType: PERIOD.OneTime, sku: 'SKU-0999' },
  ];
  for (const p of products) add(ctx, 'Products', { ...p, productBillingCodeID: 29683502, description: `${p.manufacturerName} ${p.name}${p.isActive ? '' : ' (discontinued)'}` });
  for (const p of ctx.records.Products ?? []) p.productCategory ??= PRODUCT_CATEGORY.Hardware;
  buildPriceLists(ctx, bundles.map(([id]) => id));
  return { service, bundle, recurringCode: billingCodeId };
}

/** Every product, service and bundle on each foreign price list; a few with a price of their own. */
function buildPriceLists(ctx: DemoContext, bundleIds: number[]): void {
  add(ctx, 'Currencies', { id: 1, name: 'GBP', description: 'Pound Sterling', displaySymbol: 1, exchangeRate: 1, isActive: true, isInternalCurrency: true, currencyPositiveFormat: '£X', currencyNegativeFormat: '-£X' });
  for (const [id, name, symbol, exchangeRate] of CURRENCIES) {
    add(ctx, 'Currencies', { id, name, description: name === 'EUR' ? 'Euro' : 'US Dollar', displaySymbol: id, exchangeRate, isActive: true, isInternalCurrency: false, currencyPositiveFormat: `${symbol}X`, currencyNegativeFormat: `-${symbol}X` });
  }
  const lists: Array<[entity: string, field: string, items: SeedRecord[], first: number, price: string]> = [
    ['PriceListProducts', 'productID', ctx.records.Products ?? [], 40000, 'unitPrice'],
    ['PriceListServices', 'serviceID', ctx.records.Services ?? [], 41000, 'unitPrice'],
    ['PriceListServiceBundles', 'serviceBundleID', (ctx.records.ServiceBundles ?? []).filter((b) => bundleIds.includes(b.id)), 42000, 'unitPrice'],
    // Role hourly rates (official PriceListRoles page: hourlyRate, same rule as unitPrice).
    ['PriceListRoles', 'roleID', ctx.records.Roles ?? [], 43000, 'hourlyRate'],
  ];
  for (const [entity, field, items, first, price] of lists) {
    let id = first;
    for (const [currencyID, , , rate] of CURRENCIES) {
      items.forEach((item, i) => {
        // Every third item has its own rounded price there; the rest follow the internal price.
        const own = i % 3 === 1;
        const internal = Number(item[price] ?? 0);
        const value = own ? Math.ceil(internal / rate) - 0.01 : round2(internal / rate);
        add(ctx, entity, { id: id++, currencyID, [field]: item.id, usesInternalCurrencyPrice: !own, [price]: value });
      });
    }
  }
}
