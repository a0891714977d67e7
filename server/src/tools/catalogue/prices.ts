/**
 * Price lists: an item's price in each foreign currency. Autotask keeps them only in
 * multi-currency databases (official PriceListServices page); an entry with
 * usesInternalCurrencyPrice returns the item's internal price divided by the currency's exchange
 * rate, else a price of its own. The internal currency has no price list: its prices are the
 * items' own (unitPrice, a role's hourlyRate).
 */
import type { AutotaskRecord } from '../../autotask/types.js';
import type { ToolContext } from '../types.js';
import { ToolInputError } from '../results.js';
import { derived, field, flag, type Column, type Section } from '../rows.js';
import { namedRef, type NamedKind } from '../named.js';

export type PriceKind = 'products' | 'services' | 'bundles' | 'roles';

export interface PriceList {
  entity: string;
  /** The item's id field on an entry. */
  field: string;
  named: NamedKind;
  /** The entry's price field. */
  price: string;
  what: string;
  /** Where the internal price is. */
  internal: string;
}

export const PRICE_LISTS: ReadonlyMap<PriceKind, PriceList> = new Map<PriceKind, PriceList>([
  ['products', { entity: 'PriceListProducts', field: 'productID', named: 'products', price: 'unitPrice', what: 'product prices', internal: "each product's unitPrice (search_products)" }],
  ['services', { entity: 'PriceListServices', field: 'serviceID', named: 'services', price: 'unitPrice', what: 'service prices', internal: "each service's unitPrice (search_services)" }],
  ['bundles', { entity: 'PriceListServiceBundles', field: 'serviceBundleID', named: 'serviceBundles', price: 'unitPrice', what: 'service bundle prices', internal: "each bundle's unitPrice (search_services kind=bundles)" }],
  ['roles', { entity: 'PriceListRoles', field: 'roleID', named: 'roles', price: 'hourlyRate', what: 'role hourly rates', internal: "each role's hourlyRate (query_entities on Roles)" }],
]);

export function priceList(kind: PriceKind): PriceList {
  const list = PRICE_LISTS.get(kind);
  if (!list) throw new ToolInputError(`Unknown price list "${kind}": use one of ${[...PRICE_LISTS.keys()].join(', ')}.`);
  return list;
}

/** A small configuration table: one request covers it. */
const CURRENCIES_MAX = 500;
/** One item has one entry per currency at most; a page covers it. */
const ENTRIES_MAX = 500;

export const describeCurrency = (c: AutotaskRecord) => `${String(c.name)} (${c.id}${c.isInternalCurrency === true ? ', internal' : ''})`;

/** The tenant's currencies in id order (one request). */
export async function currencies(ctx: ToolContext): Promise<AutotaskRecord[]> {
  const { items } = await ctx.api.query('Currencies', { filter: [{ op: 'gte', field: 'id', value: 0 }], maxRecords: CURRENCIES_MAX }, { signal: ctx.signal });
  return [...items].sort((a, b) => a.id - b.id);
}

/** A currency by id, or by code / description (any case). */
export function pickCurrency(all: readonly AutotaskRecord[], given: number | string): AutotaskRecord {
  const wanted = String(given).trim().toLowerCase();
  const named = (v: unknown) => typeof v === 'string' && v.toLowerCase() === wanted;
  const hit = typeof given === 'number' ? all.find((c) => c.id === given) : all.find((c) => named(c.name) || named(c.description));
  if (!hit) throw new ToolInputError(`"${given}" is not a currency of this tenant. Its currencies: ${all.map(describeCurrency).join(', ')}.`);
  return hit;
}

/** The entry's price, or the one that follows the internal price, as the entry reports it. */
export function priceColumns(list: PriceList, withItem: boolean): Column[] {
  return [field('id'), ...(withItem ? [namedRef(list.field, list.named)] : []), field(list.price), flag('usesInternalCurrencyPrice')];
}

/**
 * One item's prices in every foreign currency, for a get tool's section: one Currencies query,
 * and one entry query when the tenant has a foreign currency (single-currency tenants have no
 * price lists, so nothing is asked there).
 */
export async function priceSection(ctx: ToolContext, kind: PriceKind, id: number): Promise<Section> {
  const list = priceList(kind);
  const all = await currencies(ctx);
  const byId = new Map(all.map((c) => [c.id, c]));
  const foreign = all.filter((c) => c.isInternalCurrency !== true);
  const columns: Column[] = [
    derived('currency', (r) => {
      const c = typeof r.currencyID === 'number' ? byId.get(r.currencyID) : undefined;
      return c ? String(c.name) : null;
    }),
    field('currencyID'),
    ...priceColumns(list, false).slice(1),
  ];
  if (!foreign.length) return { key: 'prices', title: 'Prices in other currencies:', columns, records: [], empty: '(single-currency tenant: no price lists)' };
  const { items, nextPageUrl } = await ctx.api.query(list.entity, { filter: [{ op: 'eq', field: list.field, value: id }], maxRecords: ENTRIES_MAX }, { signal: ctx.signal });
  const rows = [...items].sort((a, b) => Number(a.currencyID) - Number(b.currencyID));
  const internal = all.find((c) => c.isInternalCurrency === true);
  return {
    key: 'prices',
    title: `Prices in other currencies (internal: ${internal ? String(internal.name) : 'unknown'}; usesInternalCurrencyPrice yes = internal price / exchange rate):`,
    columns,
    records: rows,
    empty: '(on no price list)',
    extra: { more: nextPageUrl !== null },
  };
}
