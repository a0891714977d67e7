/**
 * Quote items as create_quote and add_quote_items take them, and the QuoteItems bodies they
 * become. The official QuoteItems page: one "item" field per quote item (productID, laborID,
 * serviceID...), and no discount or exactly one kind of discount (the other two 0). Products,
 * roles (labour) and services are read in one `in` query per entity to default names and prices
 * and to refuse ones that do not exist or are inactive; the item type comes from the tenant's
 * quoteItemType picklist by its label.
 */
import { z } from 'zod';
import type { AutotaskRecord } from '../../autotask/types.js';
import type { ToolContext } from '../types.js';
import { ToolInputError } from '../results.js';
import { idSchema } from '../shared.js';
import { resolvePicklistValue } from '../picklists.js';

export const MAX_ITEMS = 50;

const itemInput = z.object({
  productID: idSchema.optional(),
  roleID: idSchema.optional().describe('Labour at this role.'),
  serviceID: idSchema.optional(),
  name: z.string().trim().min(1).max(255).optional().describe("Default: the product's, role's or service's name."),
  description: z.string().max(2000).optional(),
  quantity: z.number().positive().max(1_000_000).describe('Units, or hours for labour.'),
  unitPrice: z.number().min(0).max(100_000_000).optional().describe('Default: its price (a role: its hourly rate).'),
  percentageDiscount: z.number().positive().max(100).optional(),
  unitDiscount: z.number().positive().optional(),
  lineDiscount: z.number().positive().optional(),
  isOptional: z.boolean().default(false),
});

export const itemsInput = z.array(itemInput).min(1).max(MAX_ITEMS).describe('Each: exactly one of productID, roleID, serviceID; at most one discount.');

export type QuoteItemInput = z.infer<typeof itemInput>;

interface Kind {
  arg: 'productID' | 'roleID' | 'serviceID';
  entity: string;
  /** The QuoteItems field that holds it. */
  field: string;
  /** Its quoteItemType label. */
  type: string;
  price: string;
  what: string;
  list: string;
}

const KINDS: Kind[] = [
  { arg: 'productID', entity: 'Products', field: 'productID', type: 'Product', price: 'unitPrice', what: 'product', list: 'query_entities Products' },
  { arg: 'roleID', entity: 'Roles', field: 'laborID', type: 'Labor', price: 'hourlyRate', what: 'role', list: 'search_resources (roles)' },
  { arg: 'serviceID', entity: 'Services', field: 'serviceID', type: 'Service', price: 'unitPrice', what: 'service', list: 'query_entities Services' },
];

export interface PlannedItem {
  body: Record<string, unknown>;
  summary: string;
  /** What the line costs the client (0 when optional). */
  total: number;
}

const money = (n: number) => Math.round(n * 100) / 100;

/** The catalogue records the items name, one query per entity. */
async function catalogueRecords(ctx: ToolContext, items: readonly QuoteItemInput[]): Promise<Map<string, Map<number, AutotaskRecord>>> {
  const out = new Map<string, Map<number, AutotaskRecord>>();
  for (const k of KINDS) {
    const ids = [...new Set(items.map((i) => i[k.arg]).filter((v): v is number => v !== undefined))];
    if (!ids.length) continue;
    const { items: found } = await ctx.api.query(k.entity, { filter: [{ op: 'in', field: 'id', value: ids }], includeFields: ['id', 'name', 'isActive', k.price], maxRecords: 500 }, { signal: ctx.signal });
    out.set(k.entity, new Map(found.map((r) => [r.id, r])));
  }
  return out;
}

/** The QuoteItems bodies (without quoteID) and a line per item for the preview. */
export async function planItems(ctx: ToolContext, items: readonly QuoteItemInput[]): Promise<PlannedItem[]> {
  items.forEach((item, i) => {
    const kinds = KINDS.filter((k) => item[k.arg] !== undefined);
    if (kinds.length !== 1) throw new ToolInputError(`items[${i}]: give exactly one of productID, roleID or serviceID (a quote item is one product, labour at one role, or one service). Nothing was sent.`);
    const discounts = (['percentageDiscount', 'unitDiscount', 'lineDiscount'] as const).filter((d) => item[d] !== undefined);
    if (discounts.length > 1) throw new ToolInputError(`items[${i}]: give at most one discount (${discounts.join(' and ')} were given); Autotask allows one kind per item. Nothing was sent.`);
  });
  const records = await catalogueRecords(ctx, items);
  const types = new Map<string, number>();
  const out: PlannedItem[] = [];
  for (const [i, item] of items.entries()) {
    const k = KINDS.find((x) => item[x.arg] !== undefined) as Kind;
    const id = item[k.arg] as number;
    const record = records.get(k.entity)?.get(id);
    if (!record) throw new ToolInputError(`items[${i}]: no ${k.what} with id ${id} exists (${k.list} lists them). Nothing was sent.`);
    if (record.isActive === false) throw new ToolInputError(`items[${i}]: ${k.what} ${id} (${String(record.name)}) is inactive and cannot be quoted. Nothing was sent.`);
    if (!types.has(k.type)) types.set(k.type, await resolvePicklistValue(ctx.api, 'QuoteItems', 'quoteItemType', k.type, { signal: ctx.signal, forWrite: true }));
    const unitPrice = item.unitPrice ?? (typeof record[k.price] === 'number' ? (record[k.price] as number) : 0);
    const gross = item.quantity * unitPrice;
    const discount = item.percentageDiscount !== undefined ? (gross * item.percentageDiscount) / 100 : item.unitDiscount !== undefined ? item.quantity * item.unitDiscount : (item.lineDiscount ?? 0);
    if (discount > gross) throw new ToolInputError(`items[${i}]: the discount (${money(discount)}) is more than the line (${money(gross)}). Nothing was sent.`);
    const name = item.name ?? String(record.name ?? `${k.what} ${id}`);
    const line = money(gross - discount);
    out.push({
      body: {
        quoteItemType: types.get(k.type),
        [k.field]: id,
        name,
        ...(item.description !== undefined ? { description: item.description } : {}),
        quantity: item.quantity,
        unitPrice,
        unitDiscount: item.unitDiscount ?? 0,
        percentageDiscount: item.percentageDiscount ?? 0,
        lineDiscount: item.lineDiscount ?? 0,
        isOptional: item.isOptional,
      },
      summary: `${item.quantity} x ${name} at ${unitPrice}${discount ? ` less ${money(discount)}` : ''} = ${line}${item.isOptional ? ' (optional)' : ''}`,
      total: item.isOptional ? 0 : line,
    });
  }
  return out;
}

/** The total of the lines that are not optional. */
export const itemsTotal = (items: readonly PlannedItem[]) => money(items.reduce((n, i) => n + i.total, 0));
