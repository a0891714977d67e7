/**
 * What Approve and Post and invoicing leave behind on the demo tenant:
 *  - billing items: ticket and task time is posted in a weekly run (Mondays) once it is a week
 *    old, a few entries stay behind (awaiting approval), billable expenses are posted when their
 *    report is approved; time on a recurring-service contract is covered (amount 0);
 *  - approval levels: some recent, unposted time already has a first-level approval;
 *  - invoices: on the 1st of each month every company with billable items posted in the month
 *    before gets an invoice (20% tax, Net 30); invoices older than 45 days are mostly paid.
 * Billing items have no creation date: they are numbered in the order they were posted.
 */
import type { SeedRecord } from '../fake/types.js';
import { add, DAY, HOUR, iso, isoDate, type DemoContext } from './context.js';
import { BILLING_ITEM_TYPE, EXPENSE_REPORT_STATUS, PAYMENT_TERM } from './money-picklists.js';
import { CONTRACT_TYPE } from './picklists.js';
import type { Org } from './org.js';

const POST_AFTER_DAYS = 7;
const TAX_RATE = 0.2;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The first Monday 10:00 UTC at least two days after `ms`. */
function postingRun(ms: number): number {
  let day = Math.floor((ms + 2 * DAY) / DAY) * DAY;
  while (new Date(day).getUTCDay() !== 1) day += DAY;
  return day + 10 * HOUR;
}

interface Posting {
  at: number;
  item: Omit<SeedRecord, 'id'>;
  /** For ordering ties: the posted record's own id. */
  sourceId: number;
}

function byIdMap(records: SeedRecord[] | undefined): Map<number, SeedRecord> {
  return new Map((records ?? []).map((r) => [r.id, r]));
}

function timePostings(ctx: DemoContext, org: Org, approver: number): Posting[] {
  const { rng, records } = ctx;
  const tickets = byIdMap(records.Tickets);
  const tasks = byIdMap(records.Tasks);
  const projects = byIdMap(records.Projects);
  const roles = byIdMap(records.Roles);
  const contracts = byIdMap(records.Contracts);
  const codes = byIdMap(records.BillingCodes);
  const out: Posting[] = [];
  for (const te of records.TimeEntries ?? []) {
    if (te.ticketID == null && te.taskID == null) continue; // regular time is approved on timesheets, never posted
    const end = Date.parse(te.endDateTime as string);
    const at = postingRun(end + POST_AFTER_DAYS * DAY - 2 * DAY);
    if (at > ctx.now || rng.chance(0.04)) continue; // not posted yet: awaiting approval
    const task = te.taskID != null ? tasks.get(te.taskID as number) : undefined;
    const project = task ? projects.get(task.projectID as number) : undefined;
    const ticket = te.ticketID != null ? tickets.get(te.ticketID as number) : undefined;
    const companyID = (ticket?.companyID ?? project?.companyID ?? 0) as number;
    const contract = te.contractID != null ? contracts.get(te.contractID as number) : undefined;
    const rate = Number(roles.get(te.roleID as number)?.hourlyRate ?? 95);
    const hours = te.hoursWorked as number;
    const nonBillable = te.isNonBillable === true;
    const covered = contract?.contractType === CONTRACT_TYPE.RecurringService;
    const extended = round2(rate * hours);
    const total = nonBillable || covered ? 0 : extended;
    // Approve and Post stamps the entry (TimeEntries.billingApprovalDateTime): what "unbilled" reads.
    te.billingApprovalDateTime = iso(at);
    te.billingApprovalResourceID = approver;
    out.push({
      at,
      sourceId: te.id,
      item: {
        billingItemType: BILLING_ITEM_TYPE.Labour, subType: task ? 2 : 1, nonBillable: nonBillable ? 1 : 0,
        itemName: String(codes.get(te.billingCodeID as number)?.name ?? 'Labour'), description: String(te.summaryNotes ?? '').slice(0, 2000),
        itemDate: te.startDateTime, quantity: hours, rate, extendedPrice: extended, totalAmount: total, taxDollars: round2(total * TAX_RATE),
        ourCost: round2(hours * rate * 0.4), companyID, ticketID: te.ticketID ?? null, taskID: te.taskID ?? null, projectID: project?.id ?? null,
        timeEntryID: te.id, roleID: te.roleID, billingCodeID: te.billingCodeID ?? null, contractID: contract?.id ?? null,
        itemApproverID: approver, accountManagerWhenApprovedID: org.accountManagerId, postedDate: isoDate(at), postedOnTime: iso(at),
      },
    });
  }
  return out;
}

function expensePostings(ctx: DemoContext, org: Org, approver: number): Posting[] {
  const reports = byIdMap(ctx.records.ExpenseReports);
  const out: Posting[] = [];
  for (const e of ctx.records.ExpenseItems ?? []) {
    const report = reports.get(e.expenseReportID as number);
    const approved = report && ([EXPENSE_REPORT_STATUS.ApprovedForPayment, EXPENSE_REPORT_STATUS.Paid] as number[]).includes(report.status as number) && report.approvedDate;
    if (!approved || e.isBillableToCompany !== true) continue;
    const at = Date.parse(report.approvedDate as string) + HOUR;
    if (at > ctx.now) continue;
    const amount = e.internalCurrencyExpenseAmount as number;
    out.push({
      at,
      sourceId: e.id,
      item: {
        billingItemType: BILLING_ITEM_TYPE.Expense, subType: 3, nonBillable: 0, itemName: 'Expense', description: String(e.description),
        itemDate: e.expenseDate, quantity: 1, rate: amount, extendedPrice: amount, totalAmount: amount, taxDollars: round2(amount * TAX_RATE), ourCost: amount,
        companyID: e.companyID, ticketID: e.ticketID ?? null, expenseItemID: e.id, itemApproverID: approver, accountManagerWhenApprovedID: org.accountManagerId,
        postedDate: isoDate(at), postedOnTime: iso(at),
      },
    });
  }
  return out;
}

/** First-level approvals of some recent time that is not posted yet (multi-tier approval). */
function approvalLevels(ctx: DemoContext, posted: Set<number>, approver: number): void {
  const recent = (ctx.records.TimeEntries ?? [])
    .filter((te) => !posted.has(te.id) && te.ticketID != null && te.isNonBillable !== true)
    .filter((te) => Date.parse(te.endDateTime as string) + DAY < ctx.now)
    .slice(-12);
  let id = 29693000;
  const approved = recent.filter((_, i) => i % 2 === 0).map((te) => ({ te, at: Date.parse(te.endDateTime as string) + DAY }));
  approved.sort((a, b) => a.at - b.at || a.te.id - b.te.id);
  for (const { te, at } of approved) {
    add(ctx, 'BillingItemApprovalLevels', { id: id++, timeEntryID: te.id, approvalLevel: 1, approvalResourceID: approver, approvalDateTime: iso(at) });
    // Official BillingItemApprovalLevels page: creating one updates TimeEntry.billingApprovalLevelMostRecent.
    te.billingApprovalLevelMostRecent = 1;
  }
}

function invoices(ctx: DemoContext, items: SeedRecord[], org: Org): void {
  const { rng } = ctx;
  const first = new Date(ctx.now);
  let month = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() - 5, 1);
  let id = 29690000;
  let number = 1;
  for (;;) {
    const next = new Date(month);
    const invoiceDay = Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 1);
    if (invoiceDay + 9 * HOUR > ctx.now) break;
    const byCompany = new Map<number, SeedRecord[]>();
    for (const it of items) {
      const posted = Date.parse(it.postedOnTime as string);
      if (posted < month || posted >= invoiceDay || it.invoiceID != null || (it.totalAmount as number) <= 0 || it.companyID === 0) continue;
      const list = byCompany.get(it.companyID as number) ?? [];
      list.push(it);
      byCompany.set(it.companyID as number, list);
    }
    for (const [companyID, lines] of [...byCompany].sort((a, b) => a[0] - b[0])) {
      const created = invoiceDay + 9 * HOUR + number * 60_000;
      const net = round2(lines.reduce((n, l) => n + (l.totalAmount as number), 0));
      const tax = round2(lines.reduce((n, l) => n + (l.taxDollars as number), 0));
      const due = invoiceDay + 30 * DAY;
      const paid = due - 10 * DAY < ctx.now - 5 * DAY && rng.chance(0.85) ? Math.min(ctx.now - DAY, invoiceDay + rng.int(10, 40) * DAY) : null;
      const invoice = add(ctx, 'Invoices', {
        id: id++, companyID, invoiceNumber: `INV-${new Date(invoiceDay).getUTCFullYear()}-${String(number++).padStart(4, '0')}`,
        invoiceDateTime: iso(invoiceDay), fromDate: iso(month), toDate: iso(invoiceDay - DAY), createDateTime: iso(created), creatorResourceID: org.accountManagerId,
        invoiceTotal: round2(net + tax), totalTaxValue: tax, paymentTerm: PAYMENT_TERM.Net30, dueDate: iso(due), paidDate: paid === null ? null : isoDate(paid),
        isVoided: false, taxRegionName: 'United Kingdom (VAT 20%)', comments: 'Thank you for your business.',
      });
      lines.forEach((l, i) => Object.assign(l, { invoiceID: invoice.id, lineItemID: invoice.id * 100 + i + 1 }));
    }
    month = invoiceDay;
  }
}

export function buildBilling(ctx: DemoContext, org: Org): void {
  const approver = org.technicians.find((t) => t.key === 'serviceDeskLead')?.id ?? org.accountManagerId;
  const postings = [...timePostings(ctx, org, approver), ...expensePostings(ctx, org, approver)].sort((a, b) => a.at - b.at || a.sourceId - b.sourceId);
  let id = 32000000;
  const items = postings.map((p) => add(ctx, 'BillingItems', { id: id++, ...p.item }));
  approvalLevels(ctx, new Set(items.map((i) => i.timeEntryID).filter((v): v is number => typeof v === 'number')), approver);
  invoices(ctx, items, org);
}
