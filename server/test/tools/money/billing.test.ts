/**
 * Billing tools over MCP on the demo tenant: billing item filters as sent and their rows, newest
 * first through the id-anchored path (no creation date), time awaiting approval (ticket and task
 * time no billing item names), invoices and their lines.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { SeedRecord } from '../../../src/fake/types.js';
import type { FilterExpression } from '../../../src/autotask/types.js';
import { call, expectSent, lastFilter, sent, structured, textOf } from '../tickets/support.js';
import { nameOf, rowsOf } from '../results/support.js';
import { list, refused, sortedIds, useHarness } from '../companies/flow.js';
import type { Wire } from '../../helpers/wire.js';

const seed = buildDemoSeed();
const items = seed.records.BillingItems;
const times = seed.records.TimeEntries;
const invoices = seed.records.Invoices;
const idsOf = (rows: SeedRecord[], pred: (r: SeedRecord) => boolean) => rows.filter(pred).map((r) => r.id).sort((a, b) => a - b);
const newestIds = (rows: SeedRecord[], pred: (r: SeedRecord) => boolean, n: number) => idsOf(rows, pred).reverse().slice(0, n);
const posted = new Set(items.map((i) => i.timeEntryID).filter((v) => v != null));
const awaiting = (t: SeedRecord) => (t.ticketID != null || t.taskID != null) && !posted.has(t.id);
const invoiced = items.find((i) => i.invoiceID != null)!;
const aCompany = invoiced.companyID as number;

const s = useHarness();

describe('search_billing_items', () => {
  const search = (args: Record<string, unknown>) => list(s, 'search_billing_items', { limit: 500, order: 'oldest', ...args });
  const project = items.find((i) => i.projectID != null)!;
  const contract = items.find((i) => i.contractID != null)!;

  it.each([
    [{ companyID: aCompany }, [{ op: 'eq', field: 'companyID', value: aCompany }], (i: SeedRecord) => i.companyID === aCompany],
    [{ ticketID: invoiced.ticketID }, [{ op: 'eq', field: 'ticketID', value: invoiced.ticketID }], (i: SeedRecord) => i.ticketID === invoiced.ticketID],
    [{ projectID: project.projectID }, [{ op: 'eq', field: 'projectID', value: project.projectID }], (i: SeedRecord) => i.projectID === project.projectID],
    [{ contractID: contract.contractID }, [{ op: 'eq', field: 'contractID', value: contract.contractID }], (i: SeedRecord) => i.contractID === contract.contractID],
    [{ invoiceID: invoiced.invoiceID }, [{ op: 'eq', field: 'invoiceID', value: invoiced.invoiceID }], (i: SeedRecord) => i.invoiceID === invoiced.invoiceID],
    [{ companyID: aCompany, invoiced: false }, [{ op: 'eq', field: 'companyID', value: aCompany }, { op: 'notExist', field: 'invoiceID' }], (i: SeedRecord) => i.companyID === aCompany && i.invoiceID == null],
    [{ type: 'expense' }, [{ op: 'eq', field: 'billingItemType', value: 5 }], (i: SeedRecord) => i.billingItemType === 5],
    [{ type: ['Labour', 5], invoiced: true, companyID: aCompany }, [{ op: 'eq', field: 'companyID', value: aCompany }, { op: 'exist', field: 'invoiceID' }, { op: 'in', field: 'billingItemType', value: [1, 5] }], (i: SeedRecord) => i.companyID === aCompany && i.invoiceID != null],
    [
      { postedAfter: '2026-10-01', postedBefore: '2026-10-15' },
      [
        { op: 'gte', field: 'postedDate', value: '2026-10-01T00:00:00.000Z' },
        { op: 'lt', field: 'postedDate', value: '2026-10-15T00:00:00.000Z' },
      ],
      (i: SeedRecord) => String(i.postedDate) >= '2026-10-01' && String(i.postedDate) < '2026-10-15',
    ],
  ])('%j sends exactly %j', async (args, filter, pred) => {
    const r = await search(args);
    expect(lastFilter(s.h.fake, 'BillingItems/query')).toEqual(filter);
    expect(sortedIds(r.items)).toEqual(idsOf(items, pred));
    expect(r.items.length).toBeGreaterThan(0);
  });

  it('rows carry labels, names and the page total; descriptions are cut', async () => {
    const r = await list(s, 'search_billing_items', { invoiceID: invoiced.invoiceID, limit: 500 });
    const lines = items.filter((i) => i.invoiceID === invoiced.invoiceID);
    expect(r.items[0]).toMatchObject({ type: expect.stringMatching(/Labour|Expense/), companyID: aCompany, invoiceID: invoiced.invoiceID });
    expect(nameOf(r, 'companies', aCompany)).toBe(seed.records.Companies.find((c) => c.id === aCompany)!.companyName);
    expect(nameOf(r, 'tickets', invoiced.ticketID)).toMatch(/^T\d{8}\.\d{4}$/);
    expect(r.totalAmountOnPage).toBeCloseTo(lines.reduce((n, l) => n + (l.totalAmount as number), 0), 2);
    // Asked for without the fields Autotask refuses in queries.
    const include = (sent(s.h.fake, 'BillingItems/query', 'POST').at(-1)!.body as { IncludeFields: string[] }).IncludeFields;
    expect(include).not.toContain('lineItemFullDescription');
  });

  it('pages newest first through the id-anchored path, without repeats or gaps', async () => {
    expect(items.length).toBeGreaterThan(500);
    const first = await list(s, 'search_billing_items', { limit: 7 });
    // No creation date to window on: more than 500 items, so the first page anchors on a count.
    expect(sent(s.h.fake, 'BillingItems/query/count').length).toBeGreaterThan(0);
    const second = await list(s, 'search_billing_items', { limit: 7, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(newestIds(items, () => true, 14));
    expect(first.hasMore && second.hasMore).toBe(true);

    s.h.fake.clearRequests();
    const pred = (i: SeedRecord) => i.companyID === aCompany;
    const a = await list(s, 'search_billing_items', { companyID: aCompany, limit: 4 });
    const b = await list(s, 'search_billing_items', { companyID: aCompany, limit: 4, cursor: a.nextCursor });
    expect([...a.items, ...b.items].map((i) => i.id)).toEqual(newestIds(items, pred, 8));
    expectSent(s.h.fake, 'BillingItems/query', [{ op: 'eq', field: 'companyID', value: aCompany }]);
  });

  it('refuses bad input, sending nothing (or only the picklist metadata)', async () => {
    await refused(s, 'search_billing_items', { postedAfter: '2026-10-15', postedBefore: '2026-10-01' }, /postedAfter .* must be earlier than postedBefore/);
    await refused(s, 'search_billing_items', { companyId: 5 }, /Unknown argument "companyId".*companyID/);
    await refused(s, 'search_billing_items', { type: 'Gift' }, /"Gift" is not a valid BillingItems\.billingItemType\. Valid values: 1=Labour/, 'metadata');
  });
});

describe('search_time_awaiting_approval', () => {
  const ticketOrTask: FilterExpression = { op: 'or', items: [{ op: 'exist', field: 'ticketID' }, { op: 'exist', field: 'taskID' }] };

  it('is the ticket and task time no billing item names, newest first, checked in one query per scan', async () => {
    const r = await list(s, 'search_time_awaiting_approval', { limit: 500 });
    expect(r.items.map((i) => i.id)).toEqual(newestIds(times, awaiting, 500));
    expect(r.hasMore).toBe(false);
    expectSent(s.h.fake, 'TimeEntries/query', [ticketOrTask]);
    const checks = sent(s.h.fake, 'BillingItems/query', 'POST');
    expect(checks.length).toBeGreaterThan(0);
    for (const c of checks) expect((c.body as { filter: unknown[] }).filter).toEqual([{ op: 'in', field: 'timeEntryID', value: expect.any(Array) }]);
    expect(r.totalHoursOnPage).toBeCloseTo(times.filter(awaiting).reduce((n, t) => n + (t.hoursWorked as number), 0), 2);
    expect(nameOf(r, 'resources', r.items[0].resourceID)).toEqual(expect.any(String));
    expect(nameOf(r, 'roles', r.items[0].roleID)).toEqual(expect.any(String));
  });

  it('shows the approval level an entry has reached', async () => {
    const level = seed.records.BillingItemApprovalLevels[0];
    const r = await list(s, 'search_time_awaiting_approval', { ticketID: times.find((t) => t.id === level.timeEntryID)!.ticketID, limit: 50 });
    expect(r.items.find((i) => i.id === level.timeEntryID)).toMatchObject({ approvalLevel: 1 });
  });

  it('filters as sent and pages with a cursor, never more than the limit per page', async () => {
    const tech = times.filter(awaiting)[0].resourceID as number;
    const pred = (t: SeedRecord) => awaiting(t) && t.resourceID === tech && t.isNonBillable !== true;
    const first = await list(s, 'search_time_awaiting_approval', { resourceID: tech, billable: true, limit: 3 });
    expectSent(s.h.fake, 'TimeEntries/query', [{ op: 'eq', field: 'resourceID', value: tech }, ticketOrTask, { op: 'eq', field: 'isNonBillable', value: false }]);
    const second = await list(s, 'search_time_awaiting_approval', { resourceID: tech, billable: true, limit: 3, cursor: first.nextCursor });
    expect(first.items.length).toBeLessThanOrEqual(3);
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(newestIds(times, pred, first.items.length + second.items.length));
    expect(first.items.length + second.items.length).toBeGreaterThan(3);

    s.h.fake.clearRequests();
    await list(s, 'search_time_awaiting_approval', { workedAfter: '2026-10-20', workedBefore: '2026-10-27', limit: 5 });
    expectSent(s.h.fake, 'TimeEntries/query', [ticketOrTask, { op: 'gte', field: 'dateWorked', value: '2026-10-20T00:00:00.000Z' }, { op: 'lt', field: 'dateWorked', value: '2026-10-27T00:00:00.000Z' }]);
  });

  it('a ticket or a task replaces the ticket-or-task condition, as sent', async () => {
    const onTask = times.find((t) => awaiting(t) && t.taskID != null)!;
    const r = await list(s, 'search_time_awaiting_approval', { taskID: onTask.taskID, limit: 500 });
    expectSent(s.h.fake, 'TimeEntries/query', [{ op: 'eq', field: 'taskID', value: onTask.taskID as number }]);
    expect(sortedIds(r.items)).toEqual(idsOf(times, (t) => awaiting(t) && t.taskID === onTask.taskID));
    s.h.fake.clearRequests();
    const onTicket = times.find((t) => awaiting(t) && t.ticketID != null)!;
    const byTicket = await list(s, 'search_time_awaiting_approval', { ticketID: onTicket.ticketID, limit: 500 });
    expectSent(s.h.fake, 'TimeEntries/query', [{ op: 'eq', field: 'ticketID', value: onTicket.ticketID as number }]);
    expect(sortedIds(byTicket.items)).toEqual(idsOf(times, (t) => awaiting(t) && t.ticketID === onTicket.ticketID));
  });

  it('refuses a bad range before sending anything', async () => {
    await refused(s, 'search_time_awaiting_approval', { workedAfter: '2026-10-27', workedBefore: '2026-10-20' }, /workedAfter .* must be earlier than workedBefore/);
  });
});

describe('search_invoices and get_invoice', () => {
  it.each([
    [{ companyID: aCompany }, [{ op: 'eq', field: 'companyID', value: aCompany }], (i: SeedRecord) => i.companyID === aCompany],
    [{ invoiceNumber: invoices[3].invoiceNumber }, [{ op: 'eq', field: 'invoiceNumber', value: invoices[3].invoiceNumber }], (i: SeedRecord) => i.id === invoices[3].id],
    [{ paid: false }, [{ op: 'notExist', field: 'paidDate' }], (i: SeedRecord) => i.paidDate == null],
    [{ paid: true, voided: false }, [{ op: 'exist', field: 'paidDate' }, { op: 'eq', field: 'isVoided', value: false }], (i: SeedRecord) => i.paidDate != null],
    [
      { invoicedAfter: '2026-09-01', invoicedBefore: '2026-10-01' },
      [
        { op: 'gte', field: 'invoiceDateTime', value: '2026-09-01T00:00:00.000Z' },
        { op: 'lt', field: 'invoiceDateTime', value: '2026-10-01T00:00:00.000Z' },
      ],
      (i: SeedRecord) => String(i.invoiceDateTime).startsWith('2026-09'),
    ],
  ])('search %j sends exactly %j', async (args, filter, pred) => {
    const r = await list(s, 'search_invoices', { limit: 500, order: 'oldest', ...args });
    expect(lastFilter(s.h.fake, 'Invoices/query')).toEqual(filter);
    expect(sortedIds(r.items)).toEqual(idsOf(invoices, pred));
    expect(r.items.length).toBeGreaterThan(0);
    expect(r.items[0]).toMatchObject({ invoiceNumber: expect.stringMatching(/^INV-/), dueDate: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
  });

  it('lists newest first by creation date and never asks for dueDate in IncludeFields', async () => {
    const r = await list(s, 'search_invoices', { limit: 5 });
    expect(r.items.map((i) => i.id)).toEqual(newestIds(invoices, () => true, 5));
    for (const q of sent(s.h.fake, 'Invoices/query', 'POST')) expect((q.body as { IncludeFields?: string[] }).IncludeFields).toBeUndefined();
  });

  it('pages newest first without repeats or gaps, the filter on every page', async () => {
    const a = await list(s, 'search_invoices', { companyID: aCompany, limit: 2 });
    const b = await list(s, 'search_invoices', { companyID: aCompany, limit: 2, cursor: a.nextCursor });
    expect(a.hasMore).toBe(true);
    expect([...a.items, ...b.items].map((i) => i.id)).toEqual(newestIds(invoices, (i) => i.companyID === aCompany, 4));
    expectSent(s.h.fake, 'Invoices/query', [{ op: 'eq', field: 'companyID', value: aCompany }]);
  });

  it('get_invoice: the invoice with its lines (its billing items) and their sum, by id or number', async () => {
    const inv = invoices.at(-1)!;
    const lines = items.filter((i) => i.invoiceID === inv.id);
    const r = structured<Record<string, Wire>>(await call(s.client, 'get_invoice', { id: inv.id }));
    expect(r.invoice).toMatchObject({ id: inv.id, invoiceNumber: inv.invoiceNumber, companyID: inv.companyID, paymentTerm: 'Net 30' });
    expect(nameOf(r, 'companies', inv.companyID)).toEqual(expect.any(String));
    expect(lastFilter(s.h.fake, 'BillingItems/query')).toEqual([{ op: 'eq', field: 'invoiceID', value: inv.id }]);
    expect(sortedIds(rowsOf(r.lines))).toEqual(idsOf(lines, () => true));
    expect(r.lines.total).toBeCloseTo(lines.reduce((n, l) => n + (l.totalAmount as number), 0), 2);
    expect(r.lines.total + (inv.totalTaxValue as number)).toBeCloseTo(inv.invoiceTotal as number, 1);

    s.h.fake.clearRequests();
    const byNumber = structured<Record<string, Wire>>(await call(s.client, 'get_invoice', { invoiceNumber: inv.invoiceNumber }));
    expect(byNumber.invoice.id).toBe(inv.id);
    expect(lastFilter(s.h.fake, 'Invoices/query')).toEqual([{ op: 'eq', field: 'invoiceNumber', value: inv.invoiceNumber }]);
  });

  it('get_invoice says plainly when there is none, and needs exactly one of id / number', async () => {
    const r = await call(s.client, 'get_invoice', { id: 1 });
    expect(structured(r)).toEqual({ found: false });
    expect(textOf(r)).toMatch(/No invoice with id 1 exists/);
    s.h.fake.clearRequests();
    await refused(s, 'get_invoice', {}, /exactly one of id or invoiceNumber/);
  });
});
