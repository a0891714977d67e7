/**
 * Expense reports of the demo technicians for the last six weeks, one per technician and week
 * when they had expenses: this week's report is still In Progress, last week's awaits approval,
 * older ones are approved or paid, one was rejected. Items are mileage and parking to client
 * sites (billable to the client, on one of its tickets), meals, rail fares and small hardware.
 * A report is created at the start of its week and numbered in that order.
 */
import type { SeedRecord } from '../fake/types.js';
import { add, DAY, HOUR, iso, isoDate, type DemoContext } from './context.js';
import { EXPENSE_CATEGORY, EXPENSE_REPORT_STATUS } from './money-picklists.js';
import type { Org } from './org.js';

const WEEKS = 6;
/** Technicians who travel to clients (field engineers first). */
const TRAVELLERS = ['field', 'level2', 'network', 'serviceDeskLead'];
const MILEAGE_RATE = 0.45;

interface Line {
  category: number;
  description: string;
  amount: number;
  billable: boolean;
  extra?: Record<string, unknown>;
}

function line(ctx: DemoContext, customerCity: string, companyName: string): Line {
  const { rng } = ctx;
  const category = rng.weighted([[EXPENSE_CATEGORY.Mileage, 5], [EXPENSE_CATEGORY.Parking, 3], [EXPENSE_CATEGORY.Meals, 2], [EXPENSE_CATEGORY.Travel, 1], [EXPENSE_CATEGORY.Supplies, 2], [EXPENSE_CATEGORY.Entertainment, 1]] as const);
  switch (category) {
    case EXPENSE_CATEGORY.Mileage: {
      const miles = rng.int(6, 48) * 2;
      return { category, description: `Return trip to ${companyName}`, amount: Math.round(miles * MILEAGE_RATE * 100) / 100, billable: true, extra: { miles, origin: 'Harbourline office, Bristol', destination: customerCity } };
    }
    case EXPENSE_CATEGORY.Parking:
      return { category, description: `Parking at ${companyName}`, amount: rng.int(4, 18), billable: true };
    case EXPENSE_CATEGORY.Meals:
      return { category, description: 'Lunch on site visit', amount: rng.int(8, 16) + 0.5, billable: false };
    case EXPENSE_CATEGORY.Travel:
      return { category, description: 'Rail fare to vendor training', amount: rng.int(35, 95), billable: false };
    case EXPENSE_CATEGORY.Entertainment:
      return { category, description: `Coffee with the ${companyName} office manager`, amount: rng.int(6, 14), billable: false, extra: { entertainmentLocation: `Cafe near ${companyName}` } };
    default:
      return { category, description: rng.pick(['USB-C dock for user desk', 'Patch cables (x10)', 'Replacement laptop charger', 'Label printer tape']), amount: rng.int(12, 95), billable: true };
  }
}

/** The Saturday ending the week of `ms` (00:00 UTC). */
function weekEnding(ms: number): number {
  const day = Math.floor(ms / DAY) * DAY;
  return day + ((6 - new Date(day).getUTCDay() + 7) % 7) * DAY;
}

export function buildExpenses(ctx: DemoContext, org: Org): void {
  const { rng } = ctx;
  const travellers = org.technicians.filter((t) => TRAVELLERS.includes(t.key)).slice(0, 5);
  const approver = org.technicians.find((t) => t.key === 'serviceDeskLead')?.id ?? org.accountManagerId;
  const tickets = (ctx.records.Tickets ?? []).filter((t) => t.companyID !== 0);
  const cityOf = new Map((ctx.records.CompanyLocations ?? []).filter((l) => l.isPrimary).map((l) => [l.companyID as number, String(l.city ?? 'Bristol')]));
  const nameOf = new Map((ctx.records.Companies ?? []).map((c) => [c.id, String(c.companyName)]));
  let reportId = 29691000;
  let itemId = 29692000;
  let rejected = false;
  const lastEnding = weekEnding(ctx.now);
  for (let w = WEEKS - 1; w >= 0; w--) {
    const ending = lastEnding - w * 7 * DAY;
    const start = ending - 6 * DAY;
    for (const tech of travellers) {
      if (w > 0 && !rng.chance(0.65)) continue;
      const status =
        w === 0 ? EXPENSE_REPORT_STATUS.InProgress
        : w === 1 ? EXPENSE_REPORT_STATUS.AwaitingApproval
        : w === 3 && !rejected ? EXPENSE_REPORT_STATUS.Rejected
        : w === 2 ? EXPENSE_REPORT_STATUS.ApprovedForPayment
        : EXPENSE_REPORT_STATUS.Paid;
      if (status === EXPENSE_REPORT_STATUS.Rejected) rejected = true;
      const submitted = status !== EXPENSE_REPORT_STATUS.InProgress ? Math.min(ctx.now - HOUR, ending + DAY + 9 * HOUR) : null;
      const approved = status === EXPENSE_REPORT_STATUS.ApprovedForPayment || status === EXPENSE_REPORT_STATUS.Paid ? Math.min(ctx.now - HOUR, (submitted as number) + 2 * DAY) : null;
      const report = add(ctx, 'ExpenseReports', {
        id: reportId++, name: `${isoDate(ending).slice(0, 10)} expenses`, submitterID: tech.id, weekEnding: isoDate(ending), status,
        submitDate: submitted === null ? null : iso(submitted), approvedDate: approved === null ? null : iso(approved), approverID: approved === null ? null : approver,
        rejectionReason: status === EXPENSE_REPORT_STATUS.Rejected ? 'Parking receipt missing: attach it and resubmit.' : null,
        internalCurrencyCashAdvanceAmount: 0,
      });
      let total = 0;
      const lastDay = Math.min(ending + DAY, ctx.now) - HOUR;
      for (let k = rng.int(1, 4); k > 0; k--) {
        const at = start + rng.int(0, Math.max(0, Math.floor((lastDay - start) / DAY))) * DAY;
        const ticket = rng.pick<SeedRecord>(tickets.filter((t) => Date.parse(t.createDate as string) <= at + 17 * HOUR));
        const company = ticket.companyID as number;
        const l = line(ctx, cityOf.get(company) ?? 'Bristol', nameOf.get(company) ?? 'the client');
        const onTicket = l.billable || l.category === EXPENSE_CATEGORY.Entertainment;
        const personal = rng.chance(0.8);
        add(ctx, 'ExpenseItems', {
          id: itemId++, expenseReportID: report.id, description: l.description, expenseCategory: l.category, expenseDate: isoDate(at),
          expenseCurrencyExpenseAmount: l.amount, internalCurrencyExpenseAmount: l.amount, internalCurrencyReimbursementAmount: personal ? l.amount : 0,
          haveReceipt: !(status === EXPENSE_REPORT_STATUS.Rejected && k === 1), isBillableToCompany: l.billable, isReimbursable: personal, paymentType: personal ? 1 : 2,
          companyID: onTicket ? company : 0, ticketID: onTicket ? ticket.id : null, ...l.extra,
        });
        total += l.amount;
      }
      report.internalCurrencyExpenseTotal = Math.round(total * 100) / 100;
    }
  }
}
