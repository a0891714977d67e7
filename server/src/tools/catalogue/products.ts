/** search_products / get_product: the product catalogue (what the MSP sells and devices are made from). */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { idSchema, paginationShape } from '../shared.js';
import { UTC } from '../dates.js';
import { picklistFilterInput, resolveMany } from '../tickets/common.js';
import { containsAny, oneOrIn } from '../filters.js';
import { listResult } from '../lists.js';
import { notFound } from '../records.js';
import { getOutput, listOutput } from '../output.js';
import { field, flag, label, recordResult, text, type Column } from '../rows.js';
import { addNames, namedRef } from '../named.js';
import { priceSection } from './prices.js';
import { catalogueRecord } from './record.js';

const PRODUCT_FIELDS = ['name', 'sku', 'manufacturerName', 'manufacturerProductName', 'productCategory', 'periodType', 'unitPrice', 'unitCost', 'msrp', 'isSerialized', 'isActive'];

const PRODUCT_COLUMNS: Column[] = [
  field('id'),
  text('name'),
  text('sku'),
  text('manufacturerName'),
  text('manufacturerProductName'),
  label('productCategory'),
  label('periodType'),
  field('unitPrice'),
  field('unitCost'),
  field('msrp'),
  flag('isSerialized'),
  flag('isActive'),
];

export const searchProducts = defineReadTool({
  name: 'search_products',
  title: 'Search products',
  description: 'Find products (filters combine with AND): name or SKU, manufacturer, category, active. Rows add period, price, cost, MSRP, serialized. The id is the productID of devices.',
  toolset: 'catalogue',
  input: {
    name: z.string().trim().min(1).max(100).optional().describe('Part of the name or SKU.'),
    manufacturer: z.string().trim().min(1).max(100).optional().describe('Part of the manufacturer name.'),
    category: picklistFilterInput.optional().describe('Product category id or label, or a list of them.'),
    active: z.boolean().optional(),
    ...paginationShape,
  },
  output: listOutput,
  async handler(args, ctx) {
    const filter: FilterExpression[] = [];
    if (args.name !== undefined) filter.push(containsAny(['name', 'sku'], args.name));
    if (args.manufacturer !== undefined) filter.push({ op: 'contains', field: 'manufacturerName', value: args.manufacturer });
    if (args.category !== undefined) filter.push(oneOrIn('productCategory', await resolveMany(ctx.api, 'Products', 'productCategory', args.category, { signal: ctx.signal })));
    if (args.active !== undefined) filter.push({ op: 'eq', field: 'isActive', value: args.active });
    return listResult(ctx, { entity: 'Products', what: 'products', filter, args, includeFields: PRODUCT_FIELDS, columns: PRODUCT_COLUMNS });
  },
});

export const getProduct = defineReadTool({
  name: 'get_product',
  title: 'Get product',
  description: 'One product by id with every set field, labels, its billing code and user-defined fields, and its prices in other currencies.',
  toolset: 'catalogue',
  input: { id: idSchema },
  output: getOutput,
  async handler(args, ctx) {
    const found = await ctx.api.get('Products', args.id, { signal: ctx.signal });
    if (!found) return notFound('product', args.id, 'Use search_products to find products.');
    await addNames(ctx, [found], 'productBillingCodeID', 'billingCodes');
    const { record, columns } = await catalogueRecord(ctx, 'Products', found, { productBillingCodeID: namedRef('productBillingCodeID', 'billingCodes') });
    const prices = await priceSection(ctx, 'products', args.id);
    // No column here renders an instant in a zone: UTC asks nothing.
    return recordResult({ head: `Product ${args.id}:`, key: 'product', columns, record, zone: UTC, sections: [prices] });
  },
});
