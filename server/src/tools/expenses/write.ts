/**
 * create_expense_item. Items are created under their report at Expenses/{reportId}/Items
 * (evidence expenses.items-route) and only while it is In Progress or Rejected (official
 * ExpenseItems page; matched by the status label, as codes are tenant metadata). The page also
 * says: with a ticket, project or task Autotask derives the company (a different companyID is an
 * error), without any the expense is the tenant's own (company 0); Mileage needs origin,
 * destination and miles, Entertainment Expense an entertainment location.
 */
import { z } from 'zod';
import { defineWriteTool, type ToolContext, type WritePlan } from '../types.js';
import { ToolInputError } from '../results.js';
import { companyIdSchema, idSchema } from '../shared.js';
import { formatDay, isoDateSchema, toCalendarDay } from '../dates.js';
import { matchPicklistValue, picklistLabel } from '../picklists.js';
import { picklistInput } from '../tickets/common.js';
import { requireRecord } from '../records.js';

const DAY_MS = 86_400_000;

/** The company a ticket, task or project belongs to, and how the preview names it. */
async function derivedCompany(ctx: ToolContext, args: { ticketID?: number; taskID?: number; projectID?: number }): Promise<{ companyID: number; on: string; projectID?: number } | null> {
  if (args.ticketID !== undefined) {
    const t = await requireRecord(ctx, 'Tickets', args.ticketID, 'ticket', 'Use search_tickets to find the numeric ticket id.');
    return { companyID: t.companyID as number, on: `ticket ${String(t.ticketNumber ?? t.id)}` };
  }
  const task = args.taskID !== undefined ? await requireRecord(ctx, 'Tasks', args.taskID, 'task', 'Use search_tasks to find it.') : undefined;
  const projectID = (task?.projectID as number | undefined) ?? args.projectID;
  if (projectID === undefined) return null;
  if (task && args.projectID !== undefined && args.projectID !== projectID) throw new ToolInputError(`Task ${task.id} belongs to project ${projectID}, not ${args.projectID}. Nothing was sent.`);
  const p = await requireRecord(ctx, 'Projects', projectID, 'project', 'Use search_projects to find it.');
  return { companyID: p.companyID as number, on: task ? `task ${String(task.taskNumber ?? task.id)}` : `project ${String(p.projectNumber ?? p.id)}`, projectID };
}

export const createExpenseItem = defineWriteTool({
  kind: 'create',
  name: 'create_expense_item',
  title: 'Add expense item',
  description:
    'Add an expense to an expense report that is In Progress or Rejected. With a ticket, task or project the company is theirs. Mileage needs origin, destination and miles; entertainment an entertainmentLocation.',
  toolset: 'expenses',
  input: {
    expenseReportID: idSchema.describe('search_expense_reports gives ids.'),
    description: z.string().trim().min(1).max(2000),
    category: picklistInput.describe('Id or label (Mileage, Parking...).'),
    expenseDate: isoDateSchema.describe('Day.'),
    amount: z.number().min(0).max(1_000_000),
    haveReceipt: z.boolean(),
    billable: z.boolean().default(false).describe('Billable to the company.'),
    paymentType: picklistInput.optional().describe("Id or label; default: the tenant's default."),
    ticketID: idSchema.optional(),
    taskID: idSchema.optional(),
    projectID: idSchema.optional(),
    companyID: companyIdSchema.optional().describe('Only without ticket, task or project.'),
    miles: z.number().positive().max(100_000).optional(),
    origin: z.string().trim().min(1).max(100).optional(),
    destination: z.string().trim().min(1).max(100).optional(),
    entertainmentLocation: z.string().trim().min(1).max(100).optional(),
  },
  async plan(args, ctx) {
    const opts = { signal: ctx.signal };
    if (args.ticketID !== undefined && (args.taskID !== undefined || args.projectID !== undefined)) throw new ToolInputError('Give a ticketID or a task/project, not both: an expense belongs to one of them. Nothing was sent.');
    const report = await requireRecord(ctx, 'ExpenseReports', args.expenseReportID, 'expense report', 'Use search_expense_reports to find it.');
    const status = (await picklistLabel(ctx.api, 'ExpenseReports', 'status', report.status, opts)) ?? String(report.status ?? 'unknown');
    if (!/^(in progress|rejected)$/i.test(status.trim())) {
      throw new ToolInputError(`Expense report ${report.id} is ${status}: Autotask accepts new items only while a report is In Progress or Rejected. Nothing was sent.`);
    }
    const categories = await ctx.api.picklist('ExpenseItems', 'expenseCategory', opts);
    const category = matchPicklistValue(categories, args.category, 'ExpenseItems.expenseCategory', true);
    if (/mileage/i.test(category.label) && (args.miles === undefined || args.origin === undefined || args.destination === undefined)) {
      throw new ToolInputError(`${category.label} needs miles, origin and destination. Nothing was sent.`);
    }
    if (/entertain/i.test(category.label) && args.entertainmentLocation === undefined) throw new ToolInputError(`${category.label} needs entertainmentLocation. Nothing was sent.`);
    const payments = await ctx.api.picklist('ExpenseItems', 'paymentType', opts);
    const payment = args.paymentType !== undefined ? matchPicklistValue(payments, args.paymentType, 'ExpenseItems.paymentType', true) : payments.find((p) => p.isDefaultValue && p.isActive);
    if (!payment) throw new ToolInputError(`Give paymentType: this tenant has no default. Valid values: ${payments.filter((p) => p.isActive).map((p) => `${p.value}=${p.label}`).join(', ')}. Nothing was sent.`);
    const derived = await derivedCompany(ctx, args);
    if (derived && args.companyID !== undefined && args.companyID !== derived.companyID) {
      throw new ToolInputError(`companyID ${args.companyID} differs from the company of ${derived.on} (${derived.companyID}); Autotask refuses that. Leave companyID out. Nothing was sent.`);
    }
    const companyID = derived?.companyID ?? args.companyID ?? 0;
    if (args.companyID !== undefined && !derived) await requireRecord(ctx, 'Companies', args.companyID, 'company', 'Use search_companies to find it.');
    const day = toCalendarDay(args.expenseDate, 'expenseDate');
    const warnings: string[] = [];
    const ending = Date.parse(String(report.weekEnding));
    if (Number.isFinite(ending) && (Date.parse(day) > ending || Date.parse(day) <= ending - 7 * DAY_MS)) warnings.push(`${day.slice(0, 10)} is outside the report's week (ending ${formatDay(report.weekEnding)}).`);
    if (args.billable && companyID === 0) warnings.push('Billable, but to your own company (0): give a ticket, project or companyID to bill a client.');
    const body: Record<string, unknown> = {
      expenseReportID: report.id,
      description: args.description,
      expenseCategory: Number(category.value),
      expenseDate: day,
      expenseCurrencyExpenseAmount: args.amount,
      haveReceipt: args.haveReceipt,
      isBillableToCompany: args.billable,
      paymentType: Number(payment.value),
      companyID,
    };
    for (const k of ['ticketID', 'taskID', 'miles', 'origin', 'destination', 'entertainmentLocation'] as const) if (args[k] !== undefined) body[k] = args[k];
    if (derived?.projectID !== undefined) body.projectID = derived.projectID;
    return {
      operation: 'create',
      entity: 'ExpenseItems',
      parent: { entity: 'Expenses', id: report.id },
      body,
      summary: `Add ${category.label} ${args.amount} on ${day.slice(0, 10)} to expense report ${report.id} ("${String(report.name)}")${derived ? `, on ${derived.on}` : ''}${args.billable ? ', billable' : ''}.`,
      warnings,
    } satisfies WritePlan;
  },
});
