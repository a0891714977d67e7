/**
 * search_invoices and get_invoice. An invoice's lines are its billing items (official Invoices
 * page: "query billingItems where billingItems.invoiceID = invoice.ID"). dueDate errors when
 * queried, so invoice lists read whole records (no IncludeFields) and never filter on it.
 */
import { z } from 'zod';
import type { AutotaskRecord, FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { ToolInputError } from '../results.js';
import { companyIdSchema, idSchema, orderedPaginationShape, truncate } from '../shared.js';
import { DATE_RANGES, isoDateSchema } from '../dates.js';
import { zoneOf } from '../tenant-zone.js';
import { dateRange } from '../filters.js';
import { listResult } from '../lists.js';
import { notFound } from '../records.js';
import { getOutput, listOutput } from '../output.js';
import { day, field, flag, instant, label, recordResult, ref, text, type Column } from '../rows.js';
import { BILLING_ITEM_COLUMNS, BILLING_ITEM_FIELDS, DESCRIPTION_MAX, sumOf } from './common.js';

const LINES_MAX = 500;

const INVOICE_COLUMNS: Column[] = [
  field('id'),
  field('invoiceNumber'),
  ref('companyID'),
  instant('invoiceDateTime'),
  field('invoiceTotal'),
  field('totalTaxValue'),
  day('dueDate'),
  day('paidDate'),
  flag('isVoided'),
];
const INVOICE_DETAIL: Column[] = [
  ...INVOICE_COLUMNS,
  day('fromDate'),
  day('toDate'),
  label('paymentTerm'),
  ref('creatorResourceID'),
  field('orderNumber'),
  day('voidedDate'),
  text('comments', 'comments', { long: true }),
];
/** Lines of one invoice: the invoice (and mostly its company) are known already. */
const LINE_COLUMNS = BILLING_ITEM_COLUMNS.filter((c) => c.key !== 'invoiceID');

export const searchInvoices = defineReadTool({
  name: 'search_invoices',
  title: 'Search invoices',
  description: `Find invoices (filters combine with AND), newest first: number, company, date, total, tax, due, paid, voided. get_invoice reads one with its lines. ${DATE_RANGES}`,
  toolset: 'billing',
  input: {
    companyID: companyIdSchema.optional(),
    invoiceNumber: z.string().trim().min(1).max(100).optional().describe('Exact.'),
    paid: z.boolean().optional().describe('true: has a paid date; false: unpaid.'),
    voided: z.boolean().optional(),
    invoicedAfter: isoDateSchema.optional(),
    invoicedBefore: isoDateSchema.optional(),
    ...orderedPaginationShape,
  },
  output: listOutput,
  async handler(args, ctx) {
    const filter: FilterExpression[] = [];
    if (args.companyID !== undefined) filter.push({ op: 'eq', field: 'companyID', value: args.companyID });
    if (args.invoiceNumber !== undefined) filter.push({ op: 'eq', field: 'invoiceNumber', value: args.invoiceNumber });
    if (args.paid !== undefined) filter.push({ op: args.paid ? 'exist' : 'notExist', field: 'paidDate' });
    if (args.voided !== undefined) filter.push({ op: 'eq', field: 'isVoided', value: args.voided });
    filter.push(...dateRange('invoiceDateTime', args.invoicedAfter, args.invoicedBefore, ['invoicedAfter', 'invoicedBefore'], { zone: await zoneOf(ctx) }));
    return listResult(ctx, { entity: 'Invoices', what: 'invoices', filter, args, columns: INVOICE_COLUMNS });
  },
});

export const getInvoice = defineReadTool({
  name: 'get_invoice',
  title: 'Get invoice',
  description: 'One invoice by id or number with company, dates, totals, paid and voided state, and its lines (billing items, up to 500) with their sum.',
  toolset: 'billing',
  input: {
    id: idSchema.optional().describe('Give id or invoiceNumber.'),
    invoiceNumber: z.string().trim().min(1).max(100).optional(),
  },
  output: getOutput,
  async handler(args, ctx) {
    const opts = { signal: ctx.signal };
    if ((args.id === undefined) === (args.invoiceNumber === undefined)) throw new ToolInputError('Give exactly one of id or invoiceNumber (search_invoices finds both).');
    let found: AutotaskRecord | null;
    if (args.id !== undefined) found = await ctx.api.get('Invoices', args.id, opts);
    else found = (await ctx.api.query('Invoices', { filter: [{ op: 'eq', field: 'invoiceNumber', value: args.invoiceNumber }], maxRecords: 2 }, opts)).items[0] ?? null;
    if (!found) return notFound('invoice', args.id ?? (args.invoiceNumber as string), 'Use search_invoices to find invoices.');
    const invoice: Record<string, unknown> = { ...found };
    const { items, nextPageUrl } = await ctx.api.query('BillingItems', { filter: [{ op: 'eq', field: 'invoiceID', value: found.id }], includeFields: ['id', ...BILLING_ITEM_FIELDS], maxRecords: LINES_MAX }, opts);
    const lines = [...items].sort((a, b) => a.id - b.id);
    await Promise.all([ctx.names.enrich('Invoices', [invoice], ctx.signal), ctx.names.enrich('BillingItems', lines, ctx.signal)]);
    for (const l of lines) if (typeof l.description === 'string') l.description = truncate(l.description, DESCRIPTION_MAX, `get_entity BillingItems id ${l.id} returns it whole`);
    const linesTotal = sumOf(lines, 'totalAmount');
    const more = nextPageUrl !== null;
    return recordResult({
      head: `Invoice ${found.id}:`,
      key: 'invoice',
      columns: INVOICE_DETAIL,
      record: invoice,
      zone: await zoneOf(ctx),
      sections: [
        {
          key: 'lines',
          title: `Lines (${lines.length}${more ? `; more exist: search_billing_items with invoiceID=${found.id}` : ''}; sum of amounts ${linesTotal}, before tax):`,
          columns: LINE_COLUMNS,
          records: lines,
          empty: '(no billing items on this invoice)',
          extra: { total: linesTotal, more },
        },
      ],
    });
  },
});
