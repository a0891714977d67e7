/**
 * search_prices: the prices of products, services or service bundles in one foreign currency.
 * Autotask keeps price lists only in multi-currency databases (official PriceListServices page);
 * an entry with usesInternalCurrencyPrice returns the item's internal price divided by the
 * currency's exchange rate, else its own price there. Internal-currency prices are the items'
 * own unitPrice, so that currency has no price list.
 */
import { z } from 'zod';
import type { AutotaskRecord, FilterExpression } from '../../autotask/types.js';
import { defineReadTool, type ToolContext } from '../types.js';
import { ToolInputError, structuredResult } from '../results.js';
import { idSchema, paginationShape } from '../shared.js';
import { listResult } from '../companies/listing.js';
import { listOutput } from '../output.js';
import { field, flag, type Column } from '../rows.js';
import { addNames, namedRef, type NamedKind } from '../named.js';

const KINDS: Record<'products' | 'services' | 'bundles', { entity: string; field: string; named: NamedKind; what: string; tool: string }> = {
  products: { entity: 'PriceListProducts', field: 'productID', named: 'products', what: 'product prices', tool: 'search_products' },
  services: { entity: 'PriceListServices', field: 'serviceID', named: 'services', what: 'service prices', tool: 'search_services' },
  bundles: { entity: 'PriceListServiceBundles', field: 'serviceBundleID', named: 'serviceBundles', what: 'service bundle prices', tool: 'search_services kind=bundles' },
};

const CURRENCIES_MAX = 500;

const describe = (c: AutotaskRecord) => `${String(c.name)} (${c.id}${c.isInternalCurrency ? ', internal' : ''})`;

/** The tenant's currencies (a small configuration table: one request). */
async function currencies(ctx: ToolContext): Promise<AutotaskRecord[]> {
  const { items } = await ctx.api.query('Currencies', { filter: [{ op: 'gte', field: 'id', value: 0 }], maxRecords: CURRENCIES_MAX }, { signal: ctx.signal });
  return [...items].sort((a, b) => a.id - b.id);
}

function pick(all: AutotaskRecord[], given: number | string): AutotaskRecord {
  const text = String(given).trim().toLowerCase();
  const hit = typeof given === 'number' ? all.find((c) => c.id === given) : all.find((c) => String(c.name).toLowerCase() === text || String(c.description).toLowerCase() === text);
  if (!hit) throw new ToolInputError(`"${given}" is not a currency of this tenant. Its currencies: ${all.map(describe).join(', ')}.`);
  return hit;
}

export const searchPrices = defineReadTool({
  name: 'search_prices',
  title: 'Search price list',
  description: "Prices of products, services or service bundles in a foreign currency (multi-currency tenants), with each item's name and whether the price follows the internal one.",
  toolset: 'catalogue',
  input: {
    currency: z.union([idSchema, z.string().trim().min(1).max(50)]).describe('Currency id or code, e.g. "EUR".'),
    kind: z.enum(['products', 'services', 'bundles']).default('products'),
    itemID: idSchema.optional().describe('One product, service or bundle.'),
    ...paginationShape,
  },
  output: listOutput,
  async handler(args, ctx) {
    const all = await currencies(ctx);
    const foreign = all.filter((c) => c.isInternalCurrency !== true);
    const k = KINDS[args.kind];
    if (!foreign.length) {
      return structuredResult(
        { columns: [], rows: [], hasMore: false, nextCursor: null, multiCurrency: false },
        `This tenant has only its internal currency${all[0] ? ` (${String(all[0].name)})` : ''}: Autotask keeps price lists only in multi-currency databases. Prices are each item's own unitPrice (${k.tool}).`,
      );
    }
    const currency = pick(all, args.currency);
    if (currency.isInternalCurrency === true) {
      throw new ToolInputError(`${describe(currency)} is the internal currency: its prices are each item's own unitPrice (${k.tool}). Price lists hold the other currencies: ${foreign.map(describe).join(', ')}.`);
    }
    const filter: FilterExpression[] = [{ op: 'eq', field: 'currencyID', value: currency.id }];
    if (args.itemID !== undefined) filter.push({ op: 'eq', field: k.field, value: args.itemID });
    const columns: Column[] = [field('id'), namedRef(k.field, k.named), field('unitPrice'), flag('usesInternalCurrencyPrice')];
    return listResult(ctx, {
      entity: k.entity,
      what: `${k.what} in ${String(currency.name)}`,
      filter,
      args,
      includeFields: [k.field, 'unitPrice', 'usesInternalCurrencyPrice'],
      columns,
      extra: { currency: { id: currency.id, name: currency.name, exchangeRate: currency.exchangeRate ?? null } },
      notes: [`usesInternalCurrencyPrice yes: the internal price divided by ${String(currency.name)}'s exchange rate (${String(currency.exchangeRate ?? 'unknown')}); no: a price of its own.`],
      afterPage: async (items) => {
        await addNames(ctx, items, k.field, k.named);
        return {};
      },
    });
  },
});
