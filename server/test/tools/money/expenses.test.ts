/**
 * Expense tools over MCP on the demo tenant: report and item filters as sent (status and category
 * by label), names of submitters and approvers, newest first with paging, a report with its items,
 * and create_expense_item: previewed, then sent once to Expenses/{reportId}/Items, with the
 * company a ticket gives; refusals (closed report, mileage without its trip, a company that
 * contradicts the ticket) write nothing.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { SeedRecord } from '../../../src/fake/types.js';
import { call, expectSent, lastFilter, sent, structured, textOf, writes } from '../tickets/support.js';
import { nameOf, rowsOf } from '../results/support.js';
import { confirm, list, preview, refused, sortedIds, useHarness } from '../companies/flow.js';
import type { Wire } from '../../helpers/wire.js';

const seed = buildDemoSeed();
const reports = seed.records.ExpenseReports;
const items = seed.records.ExpenseItems;
const resources = seed.records.Resources;
const idsOf = (rows: SeedRecord[], pred: (r: SeedRecord) => boolean) => rows.filter(pred).map((r) => r.id).sort((a, b) => a - b);
const fullName = (id: unknown) => {
  const r = resources.find((x) => x.id === id)!;
  return `${String(r.firstName)} ${String(r.lastName)}`;
};
const approved = reports.find((r) => r.approverID != null)!;
const inProgress = reports.find((r) => r.status === 1)!;
const awaitingReport = reports.find((r) => r.status === 2)!;
const onTicket = items.find((i) => i.ticketID != null)!;
const ticket = seed.records.Tickets.find((t) => t.id === onTicket.ticketID)!;

const s = useHarness();

describe('search_expense_reports and get_expense_report', () => {
  const search = (args: Record<string, unknown>) => list(s, 'search_expense_reports', { limit: 500, order: 'oldest', ...args });

  it.each([
    [{ submitterID: approved.submitterID }, [{ op: 'eq', field: 'submitterID', value: approved.submitterID }], (r: SeedRecord) => r.submitterID === approved.submitterID],
    [{ status: 'awaiting approval' }, [{ op: 'eq', field: 'status', value: 2 }], (r: SeedRecord) => r.status === 2],
    [{ status: ['In Progress', 4] }, [{ op: 'in', field: 'status', value: [1, 4] }], (r: SeedRecord) => r.status === 1 || r.status === 4],
    [
      { weekEndingAfter: String(awaitingReport.weekEnding).slice(0, 10) },
      [{ op: 'gte', field: 'weekEnding', value: `${String(awaitingReport.weekEnding).slice(0, 10)}T00:00:00.000Z` }],
      (r: SeedRecord) => String(r.weekEnding) >= String(awaitingReport.weekEnding),
    ],
    [
      { status: 'Paid', weekEndingBefore: String(awaitingReport.weekEnding).slice(0, 10) },
      [
        { op: 'eq', field: 'status', value: 5 },
        { op: 'lt', field: 'weekEnding', value: `${String(awaitingReport.weekEnding).slice(0, 10)}T00:00:00.000Z` },
      ],
      (r: SeedRecord) => r.status === 5 && String(r.weekEnding) < String(awaitingReport.weekEnding),
    ],
  ])('%j sends exactly %j', async (args, filter, pred) => {
    const r = await search(args);
    expect(lastFilter(s.h.fake, 'ExpenseReports/query')).toEqual(filter);
    expect(sortedIds(r.items)).toEqual(idsOf(reports, pred));
    expect(r.items.length).toBeGreaterThan(0);
  });

  it('rows carry status labels and the submitter and approver names, newest first across pages', async () => {
    const r = await list(s, 'search_expense_reports', { submitterID: approved.submitterID, limit: 500 });
    const row = r.items.find((i) => i.id === approved.id)!;
    expect(row).toMatchObject({ status: expect.stringMatching(/Approved for Payment|Paid/), submitterID: approved.submitterID, approverID: approved.approverID });
    expect(nameOf(r, 'resources', approved.submitterID)).toBe(fullName(approved.submitterID));
    expect(nameOf(r, 'resources', approved.approverID)).toBe(fullName(approved.approverID));

    s.h.fake.clearRequests();
    const a = await list(s, 'search_expense_reports', { limit: 3 });
    const b = await list(s, 'search_expense_reports', { limit: 3, cursor: a.nextCursor });
    expect([...a.items, ...b.items].map((x) => x.id)).toEqual(idsOf(reports, () => true).reverse().slice(0, 6));
    expect(a.hasMore).toBe(true);
    expectSent(s.h.fake, 'ExpenseReports/query', []);
  });

  it('get_expense_report: the report with its items, labels and names', async () => {
    const report = reports.find((r) => r.id === onTicket.expenseReportID)!;
    const r = structured<Record<string, Wire>>(await call(s.client, 'get_expense_report', { id: report.id }));
    expect(r.report).toMatchObject({ id: report.id, name: report.name, total: report.internalCurrencyExpenseTotal, status: expect.any(String) });
    expect(lastFilter(s.h.fake, 'ExpenseItems/query')).toEqual([{ op: 'eq', field: 'expenseReportID', value: report.id }]);
    const rows = rowsOf(r.items);
    expect(sortedIds(rows)).toEqual(idsOf(items, (i) => i.expenseReportID === report.id));
    expect(rows.find((i) => i.id === onTicket.id)).toMatchObject({ category: expect.any(String), ticketID: ticket.id, companyID: ticket.companyID });
    expect(nameOf(r, 'tickets', ticket.id)).toBe(ticket.ticketNumber);
    expect(nameOf(r, 'resources', report.submitterID)).toBe(fullName(report.submitterID));

    const none = await call(s.client, 'get_expense_report', { id: 1 });
    expect(structured(none)).toEqual({ found: false });
    expect(textOf(none)).toMatch(/No expense report with id 1 exists/);
  });

  it('refuses bad input, sending nothing (or only the picklist metadata)', async () => {
    await refused(s, 'search_expense_reports', { status: 'Lost' }, /"Lost" is not a valid ExpenseReports\.status\. Valid values: 1=In Progress/, 'metadata');
    await refused(s, 'search_expense_reports', { weekEndingAfter: '2026-11-01', weekEndingBefore: '2026-10-01' }, /weekEndingAfter .* must be earlier than weekEndingBefore/);
    await refused(s, 'search_expense_reports', { submitter: 5 }, /Unknown argument "submitter"/);
  });
});

describe('search_expense_items', () => {
  const search = (args: Record<string, unknown>) => list(s, 'search_expense_items', { limit: 500, order: 'oldest', ...args });

  it.each([
    [{ expenseReportID: onTicket.expenseReportID }, [{ op: 'eq', field: 'expenseReportID', value: onTicket.expenseReportID }], (i: SeedRecord) => i.expenseReportID === onTicket.expenseReportID],
    [{ companyID: ticket.companyID }, [{ op: 'eq', field: 'companyID', value: ticket.companyID }], (i: SeedRecord) => i.companyID === ticket.companyID],
    [{ ticketID: ticket.id }, [{ op: 'eq', field: 'ticketID', value: ticket.id }], (i: SeedRecord) => i.ticketID === ticket.id],
    [{ category: 'mileage' }, [{ op: 'eq', field: 'expenseCategory', value: 1 }], (i: SeedRecord) => i.expenseCategory === 1],
    [{ category: ['Parking', 'Meals'], billable: true }, [{ op: 'in', field: 'expenseCategory', value: [2, 3] }, { op: 'eq', field: 'isBillableToCompany', value: true }], (i: SeedRecord) => (i.expenseCategory === 2 || i.expenseCategory === 3) && i.isBillableToCompany === true],
    [
      { spentAfter: String(onTicket.expenseDate).slice(0, 10), spentBefore: '2099-01-01' },
      [
        { op: 'gte', field: 'expenseDate', value: `${String(onTicket.expenseDate).slice(0, 10)}T00:00:00.000Z` },
        { op: 'lt', field: 'expenseDate', value: '2099-01-01T00:00:00.000Z' },
      ],
      (i: SeedRecord) => String(i.expenseDate) >= String(onTicket.expenseDate),
    ],
  ])('%j sends exactly %j', async (args, filter, pred) => {
    const r = await search(args);
    expect(lastFilter(s.h.fake, 'ExpenseItems/query')).toEqual(filter);
    expect(sortedIds(r.items)).toEqual(idsOf(items, pred));
    expect(r.items.length).toBeGreaterThan(0);
    // gLCode, isReimbursable and isRejected error in IncludeFields: whole records are read.
    for (const q of sent(s.h.fake, 'ExpenseItems/query', 'POST')) expect((q.body as { IncludeFields?: string[] }).IncludeFields).toBeUndefined();
  });

  it('pages newest first with labels and names', async () => {
    const a = await list(s, 'search_expense_items', { limit: 4 });
    const b = await list(s, 'search_expense_items', { limit: 4, cursor: a.nextCursor });
    expect([...a.items, ...b.items].map((x) => x.id)).toEqual(idsOf(items, () => true).reverse().slice(0, 8));
    const r = await list(s, 'search_expense_items', { ticketID: ticket.id, limit: 50 });
    expect(r.items[0]).toMatchObject({ category: expect.any(String), paymentType: expect.any(String) });
    expect(nameOf(r, 'companies', ticket.companyID)).toEqual(expect.any(String));
  });

  it('a project filter is sent as given (no demo expense is on a project)', async () => {
    const project = seed.records.Projects[0];
    const r = await call(s.client, 'search_expense_items', { projectID: project.id });
    expect(lastFilter(s.h.fake, 'ExpenseItems/query')[0]).toEqual({ op: 'eq', field: 'projectID', value: project.id });
    expect(textOf(r)).toMatch(/No expense items/);
  });

  it('refuses an unknown category with the valid ones', async () => {
    await refused(s, 'search_expense_items', { category: 'Golf' }, /"Golf" is not a valid ExpenseItems\.expenseCategory\. Valid values: 1=Mileage/, 'metadata');
  });
});

describe('create_expense_item', () => {
  const args = (over: Record<string, unknown> = {}) => ({
    expenseReportID: inProgress.id,
    description: 'Parking at client site',
    category: 'Parking',
    expenseDate: String(inProgress.weekEnding).slice(0, 10),
    amount: 7.5,
    haveReceipt: true,
    billable: true,
    ticketID: ticket.id,
    ...over,
  });

  it('previews, then sends once to Expenses/{reportId}/Items with the company the ticket gives', async () => {
    const p = await preview(s, 'create_expense_item', args());
    expect(p.request).toMatchObject({
      method: 'POST',
      path: `Expenses/${inProgress.id}/Items`,
      body: { expenseReportID: inProgress.id, expenseCategory: 2, expenseCurrencyExpenseAmount: 7.5, isBillableToCompany: true, paymentType: 1, ticketID: ticket.id, companyID: ticket.companyID },
    });
    expect(p.summary).toMatch(new RegExp(`on ticket ${String(ticket.ticketNumber).replace('.', '\\.')}, billable`));
    const { id } = await confirm(s, 'create_expense_item', args(), p);
    expect(s.h.fake.records('ExpenseItems').find((i) => i.id === id)).toMatchObject({ expenseReportID: inProgress.id, ticketID: ticket.id, companyID: ticket.companyID });
  });

  it('with a task, sends the project and company the task gives, which Autotask (the fake) accepts', async () => {
    const task = seed.records.Tasks[0];
    const project = seed.records.Projects.find((p) => p.id === task.projectID)!;
    const a = args({ ticketID: undefined, taskID: task.id, category: 'Meals', billable: false });
    const p = await preview(s, 'create_expense_item', a);
    expect(p.request.body).toMatchObject({ taskID: task.id, projectID: project.id, companyID: project.companyID });
    const { id } = await confirm(s, 'create_expense_item', a, p);
    expect(s.h.fake.records('ExpenseItems').find((i) => i.id === id)).toMatchObject({ taskID: task.id, projectID: project.id, companyID: project.companyID });
  });

  it('warns about a day outside the report week and an expense billable to your own company', async () => {
    const p = await preview(s, 'create_expense_item', args({ ticketID: undefined, expenseDate: '2020-01-01' }));
    expect(p.request.body.companyID).toBe(0);
    expect(p.warnings).toEqual([expect.stringMatching(/2020-01-01 is outside the report's week/), expect.stringMatching(/Billable, but to your own company/)]);
  });

  it('refuses what Autotask would refuse, writing nothing', async () => {
    await refused(s, 'create_expense_item', args({ expenseReportID: awaitingReport.id }), /is Awaiting Approval: Autotask accepts new items only while a report is In Progress or Rejected/, 'reads');
    await refused(s, 'create_expense_item', args({ category: 'Mileage' }), /Mileage needs miles, origin and destination/, 'reads');
    await refused(s, 'create_expense_item', args({ category: 'Entertainment Expense' }), /needs entertainmentLocation/, 'reads');
    await refused(s, 'create_expense_item', args({ companyID: ticket.companyID === 0 ? 1 : 0 }), /differs from the company of ticket/, 'reads');
    await refused(s, 'create_expense_item', args({ category: 'Golf' }), /"Golf" is not a valid ExpenseItems\.expenseCategory/, 'reads');
    await refused(s, 'create_expense_item', args({ expenseReportID: 1 }), /No expense report with id 1 exists/, 'reads');
    s.h.fake.clearRequests();
    await refused(s, 'create_expense_item', args({ projectID: 5 }), /Give a ticketID or a task\/project, not both/);
    await refused(s, 'create_expense_item', args({ amount: -1 }), /amount/);
    expect(writes(s.h.fake)).toEqual([]);
  });
});
