/** search_opportunities, get_opportunity (with its quotes), search_quotes, get_quote (with its items and total). */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { companyIdSchema, idSchema, orderedPaginationShape, truncate } from '../shared.js';
import { DATE_RANGES, isoDateSchema, UTC } from '../dates.js';
import { picklistFilterInput, resolveMany } from '../tickets/common.js';
import { containsAny, dateRange, oneOrIn } from '../filters.js';
import { listResult } from '../lists.js';
import { notFound } from '../records.js';
import { getOutput, listOutput } from '../output.js';
import { day, derived, field, flag, label, recordResult, ref, text, udfColumns, type Column } from '../rows.js';

const TEXT_MAX = 2000;
const QUOTES_MAX = 100;
const ITEMS_MAX = 500;

const OPPORTUNITY_FIELDS = ['title', 'companyID', 'contactID', 'ownerResourceID', 'status', 'stage', 'probability', 'amount', 'cost', 'projectedCloseDate'];
const OPPORTUNITY_COLUMNS: Column[] = [
  field('id'),
  text('title'),
  ref('companyID'),
  ref('ownerResourceID'),
  label('status'),
  label('stage'),
  field('probability'),
  field('amount'),
  day('projectedCloseDate'),
];
const OPPORTUNITY_DETAIL: Column[] = [
  ...OPPORTUNITY_COLUMNS,
  ref('contactID'),
  field('cost'),
  label('category', 'opportunityCategoryID'),
  day('startDate'),
  day('closedDate'),
  day('lostDate'),
  text('nextStep'),
  text('lossReasonDetail'),
];

const QUOTE_FIELDS = ['quoteNumber', 'name', 'opportunityID', 'companyID', 'contactID', 'effectiveDate', 'expirationDate', 'primaryQuote', 'isActive'];
const QUOTE_COLUMNS: Column[] = [
  field('id'),
  field('quoteNumber'),
  text('name'),
  field('opportunityID'),
  ref('companyID'),
  day('effectiveDate'),
  day('expirationDate'),
  flag('primaryQuote'),
];
const QUOTE_DETAIL: Column[] = [...QUOTE_COLUMNS, ref('contactID'), label('paymentTerm'), ref('creatorResourceID'), field('billToLocationID'), field('shipToLocationID'), field('soldToLocationID')];

/** Queryable (not averageCost / highestCost: they error when queried). */
const ITEM_FIELDS = ['quoteID', 'quoteItemType', 'productID', 'laborID', 'serviceID', 'serviceBundleID', 'chargeID', 'name', 'description', 'quantity', 'unitPrice', 'unitDiscount', 'percentageDiscount', 'lineDiscount', 'isOptional', 'sortOrderID'];

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const money = (n: number) => Math.round(n * 100) / 100;
/** A quote line as Autotask prices it: quantity x (unit price - unit discount), less % or line discount. */
export function lineTotal(r: Record<string, unknown>): number {
  const gross = num(r.quantity) * (num(r.unitPrice) - num(r.unitDiscount));
  return money(gross * (1 - num(r.percentageDiscount) / 100) - num(r.lineDiscount));
}
const ITEM_COLUMNS: Column[] = [
  field('id'),
  label('type', 'quoteItemType'),
  field('productID'),
  field('roleID', 'laborID'),
  field('serviceID'),
  text('name'),
  text('description'),
  field('quantity'),
  field('unitPrice'),
  field('percentageDiscount'),
  field('unitDiscount'),
  field('lineDiscount'),
  derived('lineTotal', lineTotal),
  flag('optional', 'isOptional'),
];

export const searchOpportunities = defineReadTool({
  name: 'search_opportunities',
  title: 'Search opportunities',
  description: `Find sales opportunities (filters combine with AND), newest first: title, company, owner, status, stage, probability, amount, projected close. ${DATE_RANGES}`,
  toolset: 'sales',
  input: {
    text: z.string().trim().min(1).max(100).optional().describe('Part of the title.'),
    companyID: companyIdSchema.optional(),
    ownerResourceID: idSchema.optional(),
    status: picklistFilterInput.optional().describe('Id or label (Active, Lost...), or a list.'),
    stage: picklistFilterInput.optional().describe('Id or label, or a list.'),
    closeAfter: isoDateSchema.optional().describe('Projected close, day, inclusive.'),
    closeBefore: isoDateSchema.optional().describe('Projected close, day, exclusive.'),
    ...orderedPaginationShape,
  },
  output: listOutput,
  async handler(args, ctx) {
    const opts = { signal: ctx.signal };
    const filter: FilterExpression[] = [];
    if (args.text !== undefined) filter.push(containsAny(['title'], args.text));
    if (args.companyID !== undefined) filter.push({ op: 'eq', field: 'companyID', value: args.companyID });
    if (args.ownerResourceID !== undefined) filter.push({ op: 'eq', field: 'ownerResourceID', value: args.ownerResourceID });
    if (args.status !== undefined) filter.push(oneOrIn('status', await resolveMany(ctx.api, 'Opportunities', 'status', args.status, opts)));
    if (args.stage !== undefined) filter.push(oneOrIn('stage', await resolveMany(ctx.api, 'Opportunities', 'stage', args.stage, opts)));
    filter.push(...dateRange('projectedCloseDate', args.closeAfter, args.closeBefore, ['closeAfter', 'closeBefore'], { zone: UTC, unit: 'day' }));
    return listResult(ctx, { entity: 'Opportunities', what: 'opportunities', filter, args, includeFields: OPPORTUNITY_FIELDS, columns: OPPORTUNITY_COLUMNS });
  },
});

export const getOpportunity = defineReadTool({
  name: 'get_opportunity',
  title: 'Get opportunity',
  description: 'One opportunity by id with labels, names, amounts, dates, description and user-defined fields, and its quotes (up to 100).',
  toolset: 'sales',
  input: { id: idSchema },
  output: getOutput,
  async handler(args, ctx) {
    const opts = { signal: ctx.signal };
    const found = await ctx.api.get('Opportunities', args.id, opts);
    if (!found) return notFound('opportunity', args.id, 'Use search_opportunities to find opportunities.');
    const opp: Record<string, unknown> = { ...found };
    const { items, nextPageUrl } = await ctx.api.query('Quotes', { filter: [{ op: 'eq', field: 'opportunityID', value: found.id }], includeFields: ['id', ...QUOTE_FIELDS], maxRecords: QUOTES_MAX }, opts);
    const quotes = [...items].sort((a, b) => a.id - b.id);
    await Promise.all([ctx.names.enrich('Opportunities', [opp], ctx.signal), ctx.names.enrich('Quotes', quotes, ctx.signal)]);
    if (typeof opp.description === 'string') opp.description = truncate(opp.description, TEXT_MAX, `get_entity Opportunities id ${found.id} returns it whole`);
    return recordResult({
      head: `Opportunity ${found.id}:`,
      key: 'opportunity',
      columns: [...OPPORTUNITY_DETAIL, ...udfColumns([opp]), text('description', 'description', { long: true })],
      record: opp,
      zone: UTC,
      sections: [{ key: 'quotes', title: `Quotes (${quotes.length}${nextPageUrl ? `; more exist: search_quotes with opportunityID=${found.id}` : ''}):`, columns: QUOTE_COLUMNS.filter((c) => c.key !== 'opportunityID' && c.key !== 'companyID'), records: quotes, empty: '(no quotes yet: create_quote adds one)', extra: { more: nextPageUrl !== null } }],
    });
  },
});

export const searchQuotes = defineReadTool({
  name: 'search_quotes',
  title: 'Search quotes',
  description: `Find quotes (filters combine with AND), newest first: number, name, opportunity, company, effective and expiry dates, primary. get_quote reads one with its items. ${DATE_RANGES}`,
  toolset: 'sales',
  input: {
    text: z.string().trim().min(1).max(100).optional().describe('Part of the name.'),
    opportunityID: idSchema.optional(),
    companyID: companyIdSchema.optional(),
    expiresAfter: isoDateSchema.optional().describe('Day, inclusive.'),
    expiresBefore: isoDateSchema.optional().describe('Day, exclusive.'),
    ...orderedPaginationShape,
  },
  output: listOutput,
  async handler(args, ctx) {
    const filter: FilterExpression[] = [];
    if (args.text !== undefined) filter.push(containsAny(['name'], args.text));
    if (args.opportunityID !== undefined) filter.push({ op: 'eq', field: 'opportunityID', value: args.opportunityID });
    if (args.companyID !== undefined) filter.push({ op: 'eq', field: 'companyID', value: args.companyID });
    filter.push(...dateRange('expirationDate', args.expiresAfter, args.expiresBefore, ['expiresAfter', 'expiresBefore'], { zone: UTC, unit: 'day' }));
    return listResult(ctx, { entity: 'Quotes', what: 'quotes', filter, args, includeFields: QUOTE_FIELDS, columns: QUOTE_COLUMNS });
  },
});

export const getQuote = defineReadTool({
  name: 'get_quote',
  title: 'Get quote',
  description: 'One quote by id with its opportunity, company, dates and its items (up to 500: type, product/role/service, quantity, price, discount, line total, optional), and the total of the items that are not optional.',
  toolset: 'sales',
  input: { id: idSchema },
  output: getOutput,
  async handler(args, ctx) {
    const opts = { signal: ctx.signal };
    const found = await ctx.api.get('Quotes', args.id, opts);
    if (!found) return notFound('quote', args.id, 'Use search_quotes to find quotes.');
    const quote: Record<string, unknown> = { ...found };
    const { items, nextPageUrl } = await ctx.api.query('QuoteItems', { filter: [{ op: 'eq', field: 'quoteID', value: found.id }], includeFields: ['id', ...ITEM_FIELDS], maxRecords: ITEMS_MAX }, opts);
    const lines = [...items].sort((a, b) => num(a.sortOrderID) - num(b.sortOrderID) || a.id - b.id);
    await Promise.all([ctx.names.enrich('Quotes', [quote], ctx.signal), ctx.names.enrich('QuoteItems', lines, ctx.signal)]);
    const total = money(lines.filter((l) => l.isOptional !== true).reduce((n, l) => n + lineTotal(l), 0));
    return recordResult({
      head: `Quote ${found.id}:`,
      key: 'quote',
      columns: [...QUOTE_DETAIL, text('description', 'description', { long: true })],
      record: quote,
      zone: UTC,
      sections: [{ key: 'items', title: `Items (${lines.length}${nextPageUrl ? '; more exist' : ''}; total before tax, optional items left out: ${total}):`, columns: ITEM_COLUMNS, records: lines, empty: '(no items: add_quote_items adds them)', extra: { total, more: nextPageUrl !== null } }],
      extra: { total },
    });
  },
});
