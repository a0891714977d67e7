/**
 * report_unbilled_work. Autotask bills work by Approve and Post: "billing items are considered
 * pending revenue before they are approved and posted, and billed revenue as soon as they are
 * posted" (official Approve and Post page). A time entry that went through it carries
 * billingApprovalDateTime (official BillingItemApprovalLevels page: the approval date and
 * resource live on the TimeEntry; [unverified] that Autotask sets it at posting, not at an
 * earlier approval level); a ticket charge says isBilled. So unbilled work is billable
 * time (isNonBillable false, hoursToBill > 0) without billingApprovalDateTime and billable
 * charges (isBillableToCompany) with isBilled false. Time entries carry no company: it comes from
 * their ticket, or their task's project (batched `in` reads), and their value from the role's
 * hourly rate (Roles.hourlyRate; contract rates are not applied, and the result says so).
 */
import type { AutotaskRecord, FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { isoDateSchema, UTC } from '../dates.js';
import { dateRange } from '../filters.js';
import { listOutput } from '../output.js';
import { field, ref, type Column } from '../rows.js';
import { noneFound } from '../shared.js';
import { batches, byIds, idsOf, num, readCapped, reportResult, round2 } from './common.js';

const TIME_PAGES = 2;
const CHARGE_PAGES = 1;
const MAX_TIME = TIME_PAGES * 500;
const MAX_CHARGES = CHARGE_PAGES * 500;
/** Time and charge pages, tickets, tasks, projects, roles, company names. */
export const UNBILLED_MAX_REQUESTS = TIME_PAGES + CHARGE_PAGES + batches(MAX_TIME + MAX_CHARGES) + 2 * batches(MAX_TIME) + 1 + 1;

const COLUMNS: Column[] = [ref('companyID'), field('hours'), field('timeAmount'), field('entries'), field('chargeAmount'), field('charges'), field('amount')];

interface Sum {
  companyID: number;
  hours: number;
  timeAmount: number;
  entries: number;
  chargeAmount: number;
  charges: number;
  amount: number;
}

export const reportUnbilledWork = defineReadTool({
  name: 'report_unbilled_work',
  title: 'Report: unbilled work per company',
  description: `Unbilled work per company, largest first: billable time worked in the range not yet approved and posted (hours, value at role rates) and unbilled ticket charges. At most ${UNBILLED_MAX_REQUESTS} requests.`,
  toolset: 'reports',
  input: {
    workedAfter: isoDateSchema.describe('Day, inclusive.'),
    workedBefore: isoDateSchema.describe('Day, exclusive.'),
  },
  output: listOutput,
  async handler(args, ctx) {
    // Date-only fields (dateWorked; datePurchased [unverified] stored the same way): calendar days as written.
    const range = (f: string) => dateRange(f, args.workedAfter, args.workedBefore, ['workedAfter', 'workedBefore'], { zone: UTC, unit: 'day' });
    const timeFilter: FilterExpression[] = [
      { op: 'eq', field: 'isNonBillable', value: false },
      { op: 'notExist', field: 'billingApprovalDateTime' },
      { op: 'gt', field: 'hoursToBill', value: 0 },
      ...range('dateWorked'),
      { op: 'or', items: [{ op: 'exist', field: 'ticketID' }, { op: 'exist', field: 'taskID' }] },
    ];
    const chargeFilter: FilterExpression[] = [{ op: 'eq', field: 'isBilled', value: false }, { op: 'eq', field: 'isBillableToCompany', value: true }, ...range('datePurchased')];
    const [time, charges] = await Promise.all([
      readCapped(ctx, 'TimeEntries', { filter: timeFilter, includeFields: ['hoursToBill', 'roleID', 'ticketID', 'taskID'] }, TIME_PAGES),
      readCapped(ctx, 'TicketCharges', { filter: chargeFilter, includeFields: ['ticketID', 'billableAmount'] }, CHARGE_PAGES),
    ]);
    const [tickets, tasks, roles] = await Promise.all([
      byIds(ctx, 'Tickets', idsOf([...time.items, ...charges.items], 'ticketID'), ['companyID']),
      byIds(ctx, 'Tasks', idsOf(time.items, 'taskID'), ['projectID']),
      byIds(ctx, 'Roles', idsOf(time.items, 'roleID'), ['hourlyRate']),
    ]);
    const projects = await byIds(ctx, 'Projects', idsOf([...tasks.values()], 'projectID'), ['companyID']);
    const companyOf = (r: AutotaskRecord): number | undefined => {
      const t = typeof r.ticketID === 'number' ? tickets.get(r.ticketID) : undefined;
      if (t) return typeof t.companyID === 'number' ? t.companyID : undefined;
      const task = typeof r.taskID === 'number' ? tasks.get(r.taskID) : undefined;
      const project = task && typeof task.projectID === 'number' ? projects.get(task.projectID) : undefined;
      return project && typeof project.companyID === 'number' ? project.companyID : undefined;
    };

    const sums = new Map<number, Sum>();
    const sumOf = (companyID: number): Sum => {
      let s = sums.get(companyID);
      if (!s) sums.set(companyID, (s = { companyID, hours: 0, timeAmount: 0, entries: 0, chargeAmount: 0, charges: 0, amount: 0 }));
      return s;
    };
    let noCompany = 0;
    let noRate = 0;
    for (const te of time.items) {
      const c = companyOf(te);
      if (c === undefined) {
        noCompany += 1;
        continue;
      }
      const s = sumOf(c);
      const rate = typeof te.roleID === 'number' ? roles.get(te.roleID)?.hourlyRate : undefined;
      s.hours += num(te.hoursToBill);
      s.entries += 1;
      if (typeof rate === 'number') s.timeAmount += num(te.hoursToBill) * rate;
      else noRate += 1;
    }
    for (const ch of charges.items) {
      const c = companyOf(ch);
      if (c === undefined) {
        noCompany += 1;
        continue;
      }
      const s = sumOf(c);
      s.chargeAmount += num(ch.billableAmount);
      s.charges += 1;
    }
    const rows: Array<Record<string, unknown>> = [...sums.values()].map((s) => ({
      ...s, hours: round2(s.hours), timeAmount: round2(s.timeAmount), chargeAmount: round2(s.chargeAmount), amount: round2(s.timeAmount + s.chargeAmount),
    }));
    rows.sort((a, b) => num(b.amount) - num(a.amount) || num(a.companyID) - num(b.companyID));
    await ctx.names.enrich('Tickets', rows, ctx.signal);
    const total = (k: keyof Sum) => round2(rows.reduce((n, r) => n + num(r[k]), 0));
    const totals = { hours: total('hours'), timeAmount: total('timeAmount'), chargeAmount: total('chargeAmount'), amount: total('amount'), entries: time.items.length, charges: charges.items.length };
    const cut = time.cut || charges.cut;
    const notes = [
      `Total: ${totals.hours} hours (${totals.timeAmount}) in ${totals.entries} time entries, ${totals.chargeAmount} in ${totals.charges} charges; ${totals.amount} in all.`,
      ...(time.cut ? [`More than ${MAX_TIME} unbilled time entries: only the first ${MAX_TIME} are summed; narrow the range.`] : []),
      ...(charges.cut ? [`More than ${MAX_CHARGES} unbilled charges: only the first ${MAX_CHARGES} are summed; narrow the range.`] : []),
      ...(noRate ? [`${noRate} time entries have a role without an hourly rate: their hours are counted, their value is not.`] : []),
      ...(noCompany ? [`${noCompany} records whose ticket or task could not be read are left out.`] : []),
    ];
    return reportResult({
      what: 'companies with unbilled work',
      columns: COLUMNS,
      records: rows,
      zone: UTC,
      empty: noneFound('unbilled work', `workedAfter=${args.workedAfter}, workedBefore=${args.workedBefore}`),
      notes,
      cut,
      extra: { totals },
      coverage:
        `billable time worked from ${args.workedAfter} until ${args.workedBefore} (exclusive) without billingApprovalDateTime (not approved and posted), valued at the role's hourly rate (contract rates not applied), ` +
        `and billable ticket charges purchased in the range with isBilled false; at most ${MAX_TIME} time entries and ${MAX_CHARGES} charges. ` +
        `Not counted: non-billable work, regular time, project and contract charges, expenses. At most ${UNBILLED_MAX_REQUESTS} Autotask queries.`,
    });
  },
});
