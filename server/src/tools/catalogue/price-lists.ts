/** search_prices: one foreign currency's price list of products, services, bundles or roles (./prices.ts). */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { ToolInputError, structuredResult } from '../results.js';
import { idSchema, paginationShape } from '../shared.js';
import { listResult } from '../lists.js';
import { listOutput } from '../output.js';
import { addNames } from '../named.js';
import { currencies, describeCurrency, pickCurrency, priceColumns, priceList } from './prices.js';

export const searchPrices = defineReadTool({
  name: 'search_prices',
  title: 'Search price list',
  description: "Prices of products, services, bundles or role hourly rates in a foreign currency (multi-currency tenants), with each item's name and whether the price follows the internal one.",
  toolset: 'catalogue',
  input: {
    currency: z.union([idSchema, z.string().trim().min(1).max(50)]).describe('Currency id or code, e.g. "EUR".'),
    kind: z.enum(['products', 'services', 'bundles', 'roles']).default('products'),
    itemID: idSchema.optional().describe('One product, service, bundle or role.'),
    ...paginationShape,
  },
  output: listOutput,
  async handler(args, ctx) {
    const list = priceList(args.kind);
    const all = await currencies(ctx);
    const foreign = all.filter((c) => c.isInternalCurrency !== true);
    if (!foreign.length) {
      const only = all.at(0);
      return structuredResult(
        { columns: [], rows: [], hasMore: false, nextCursor: null, multiCurrency: false },
        `This tenant has only its internal currency${only ? ` (${String(only.name)})` : ''}: Autotask keeps price lists only in multi-currency databases. Prices are ${list.internal}.`,
      );
    }
    const currency = pickCurrency(all, args.currency);
    if (currency.isInternalCurrency === true) {
      throw new ToolInputError(`${describeCurrency(currency)} is the internal currency: its prices are ${list.internal}. Price lists hold the other currencies: ${foreign.map(describeCurrency).join(', ')}.`);
    }
    const filter: FilterExpression[] = [{ op: 'eq', field: 'currencyID', value: currency.id }];
    if (args.itemID !== undefined) filter.push({ op: 'eq', field: list.field, value: args.itemID });
    const rate = typeof currency.exchangeRate === 'number' ? currency.exchangeRate : null;
    return listResult(ctx, {
      entity: list.entity,
      what: `${list.what} in ${String(currency.name)}`,
      filter,
      args,
      includeFields: [list.field, list.price, 'usesInternalCurrencyPrice'],
      columns: priceColumns(list, true),
      extra: { currency: { id: currency.id, name: currency.name, exchangeRate: rate } },
      notes: [`usesInternalCurrencyPrice yes: the internal price divided by ${String(currency.name)}'s exchange rate (${rate ?? 'unknown'}); no: a price of its own.`],
      afterPage: async (items) => {
        await addNames(ctx, items, list.field, list.named);
        return {};
      },
    });
  },
});
