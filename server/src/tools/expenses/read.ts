/**
 * search_expense_reports, get_expense_report (with its items) and search_expense_items. The items'
 * gLCode, isReimbursable and isRejected error when queried (official ExpenseItems page), so item
 * reads take whole records (no IncludeFields) and never filter on them.
 */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { companyIdSchema, idSchema, orderedPaginationShape } from '../shared.js';
import { isoDateSchema, UTC } from '../dates.js';
import { picklistFilterInput, resolveMany } from '../tickets/common.js';
import { dateRange, oneOrIn } from '../filters.js';
import { listResult } from '../lists.js';
import { notFound } from '../records.js';
import { getOutput, listOutput } from '../output.js';
import { day, field, flag, label, recordResult, ref, text, type Column } from '../rows.js';

const ITEMS_MAX = 500;

const REPORT_FIELDS = ['name', 'submitterID', 'weekEnding', 'status', 'internalCurrencyExpenseTotal', 'submitDate', 'approvedDate', 'approverID'];
const REPORT_COLUMNS: Column[] = [
  field('id'),
  text('name'),
  ref('submitterID', 'submitterID', 'submitterName', 'resources'),
  day('weekEnding'),
  label('status'),
  field('total', 'internalCurrencyExpenseTotal'),
  day('submitDate'),
  day('approvedDate'),
  ref('approverID', 'approverID', 'approverName', 'resources'),
];
const REPORT_DETAIL: Column[] = [...REPORT_COLUMNS, field('cashAdvance', 'internalCurrencyCashAdvanceAmount'), field('amountDue', 'reimbursementCurrencyAmountDue'), text('rejectionReason', 'rejectionReason', { long: true })];

export const ITEM_COLUMNS: Column[] = [
  field('id'),
  field('expenseReportID'),
  day('expenseDate'),
  label('category', 'expenseCategory'),
  text('description'),
  field('amount', 'expenseCurrencyExpenseAmount'),
  ref('companyID'),
  ref('ticketID'),
  ref('projectID'),
  flag('billable', 'isBillableToCompany'),
  flag('haveReceipt'),
  flag('reimbursable', 'isReimbursable'),
  label('paymentType'),
  field('miles'),
  text('origin'),
  text('destination'),
];

export const searchExpenseReports = defineReadTool({
  name: 'search_expense_reports',
  title: 'Search expense reports',
  description: 'Find expense reports (filters combine with AND), newest first: name, submitter, week ending, status, total, submitted, approved and by whom. get_expense_report reads one with its items.',
  toolset: 'expenses',
  input: {
    submitterID: idSchema.optional().describe('search_resources gives ids.'),
    status: picklistFilterInput.optional().describe('Id or label (In Progress, Awaiting Approval...), or a list.'),
    weekEndingAfter: isoDateSchema.optional().describe('Day, inclusive.'),
    weekEndingBefore: isoDateSchema.optional().describe('Day, exclusive.'),
    ...orderedPaginationShape,
  },
  output: listOutput,
  async handler(args, ctx) {
    const filter: FilterExpression[] = [];
    if (args.submitterID !== undefined) filter.push({ op: 'eq', field: 'submitterID', value: args.submitterID });
    if (args.status !== undefined) filter.push(oneOrIn('status', await resolveMany(ctx.api, 'ExpenseReports', 'status', args.status, { signal: ctx.signal })));
    filter.push(...dateRange('weekEnding', args.weekEndingAfter, args.weekEndingBefore, ['weekEndingAfter', 'weekEndingBefore'], { zone: UTC, unit: 'day' }));
    return listResult(ctx, { entity: 'ExpenseReports', what: 'expense reports', filter, args, includeFields: REPORT_FIELDS, columns: REPORT_COLUMNS });
  },
});

export const getExpenseReport = defineReadTool({
  name: 'get_expense_report',
  title: 'Get expense report',
  description: 'One expense report by id with submitter, week, status, totals, approval or rejection reason, and its items (up to 500: date, category, description, amount, company, ticket, billable, receipt).',
  toolset: 'expenses',
  input: { id: idSchema },
  output: getOutput,
  async handler(args, ctx) {
    const opts = { signal: ctx.signal };
    const found = await ctx.api.get('ExpenseReports', args.id, opts);
    if (!found) return notFound('expense report', args.id, 'Use search_expense_reports to find reports.');
    const report: Record<string, unknown> = { ...found };
    const { items, nextPageUrl } = await ctx.api.query('ExpenseItems', { filter: [{ op: 'eq', field: 'expenseReportID', value: found.id }], maxRecords: ITEMS_MAX }, opts);
    const lines = [...items].sort((a, b) => String(a.expenseDate).localeCompare(String(b.expenseDate)) || a.id - b.id);
    await Promise.all([ctx.names.enrich('ExpenseReports', [report], ctx.signal), ctx.names.enrich('ExpenseItems', lines, ctx.signal)]);
    return recordResult({
      head: `Expense report ${found.id}:`,
      key: 'report',
      columns: REPORT_DETAIL,
      record: report,
      zone: UTC,
      sections: [{ key: 'items', title: `Items (${lines.length}${nextPageUrl ? '; more exist: search_expense_items lists them' : ''}):`, columns: ITEM_COLUMNS.filter((c) => c.key !== 'expenseReportID'), records: lines, empty: '(no items: create_expense_item adds one)', extra: { more: nextPageUrl !== null } }],
    });
  },
});

export const searchExpenseItems = defineReadTool({
  name: 'search_expense_items',
  title: 'Search expense items',
  description: 'Find expense items across reports (filters combine with AND), newest first: report, date, category, description, amount, company, ticket, project, billable, receipt.',
  toolset: 'expenses',
  input: {
    expenseReportID: idSchema.optional(),
    companyID: companyIdSchema.optional(),
    ticketID: idSchema.optional(),
    projectID: idSchema.optional(),
    category: picklistFilterInput.optional().describe('Id or label (Mileage...), or a list.'),
    billable: z.boolean().optional(),
    spentAfter: isoDateSchema.optional().describe('Expense day, inclusive.'),
    spentBefore: isoDateSchema.optional().describe('Expense day, exclusive.'),
    ...orderedPaginationShape,
  },
  output: listOutput,
  async handler(args, ctx) {
    const filter: FilterExpression[] = [];
    for (const f of ['expenseReportID', 'companyID', 'ticketID', 'projectID'] as const) if (args[f] !== undefined) filter.push({ op: 'eq', field: f, value: args[f] });
    if (args.category !== undefined) filter.push(oneOrIn('expenseCategory', await resolveMany(ctx.api, 'ExpenseItems', 'expenseCategory', args.category, { signal: ctx.signal })));
    if (args.billable !== undefined) filter.push({ op: 'eq', field: 'isBillableToCompany', value: args.billable });
    filter.push(...dateRange('expenseDate', args.spentAfter, args.spentBefore, ['spentAfter', 'spentBefore'], { zone: UTC, unit: 'day' }));
    return listResult(ctx, { entity: 'ExpenseItems', what: 'expense items', filter, args, columns: ITEM_COLUMNS });
  },
});
