/**
 * The probe tenant plus a few billing, sales and expense records: expense reports in three
 * statuses, an opportunity with a quote, a posted time entry on an invoice. The picklist codes are
 * this test tenant's (labels as the official pages name them).
 */
import type { PicklistValue } from '../../../src/autotask/types.js';
import type { FakeAutotask, TenantSeed } from '../../../src/fake/types.js';
import { buildTestSeed, startTestFake } from '../fake-helpers.js';

const pick = (...entries: Array<[number, string]>): PicklistValue[] =>
  entries.map(([value, label], i) => ({ value: String(value), label, isDefaultValue: i === 0, sortOrder: i + 1, parentValue: '', isActive: true, isSystem: true }));

export const REPORT = { inProgress: 8001, awaiting: 8002, rejected: 8003 } as const;

export function buildMoneySeed(): TenantSeed {
  const seed = buildTestSeed();
  Object.assign(seed.records, {
    ExpenseReports: [
      { id: REPORT.inProgress, name: 'Week 10', submitterID: 4002, weekEnding: '2024-03-09T00:00:00Z', status: 1 },
      { id: REPORT.awaiting, name: 'Week 9', submitterID: 4002, weekEnding: '2024-03-02T00:00:00Z', status: 2 },
      { id: REPORT.rejected, name: 'Week 8', submitterID: 4002, weekEnding: '2024-02-24T00:00:00Z', status: 4, rejectionReason: 'Receipt missing' },
    ],
    ExpenseItems: [
      { id: 8101, expenseReportID: REPORT.awaiting, description: 'Parking', expenseCategory: 2, expenseDate: '2024-02-28T00:00:00Z', haveReceipt: true, isBillableToCompany: true, paymentType: 1, expenseCurrencyExpenseAmount: 12 },
    ],
    Opportunities: [
      { id: 8201, title: 'Laptop refresh', companyID: 101, ownerResourceID: 4002, status: 1, stage: 1, probability: 50, amount: 9000, cost: 7000, projectedCloseDate: '2024-04-01T00:00:00Z', startDate: '2024-03-01T00:00:00Z', useQuoteTotals: true },
    ],
    QuoteLocations: [{ id: 8301, address1: '1 Main St', city: 'Springfield', postalCode: '12345', state: 'IL' }],
    Quotes: [
      { id: 8401, name: 'Laptops', opportunityID: 8201, companyID: 101, effectiveDate: '2024-03-01T00:00:00Z', expirationDate: '2024-03-31T00:00:00Z', billToLocationID: 8301, shipToLocationID: 8301, soldToLocationID: 8301 },
    ],
    Projects: [{ id: 8801, projectName: 'Office move', companyID: 102, status: 1 }],
    Tasks: [{ id: 8901, projectID: 8801, title: 'Cabling', status: 1 }],
    Invoices: [{ id: 8601, companyID: 101, invoiceDateTime: '2024-03-01T00:00:00Z', invoiceNumber: 'INV-1001', invoiceTotal: 50, dueDate: '2024-03-31T00:00:00Z' }],
    BillingItems: [{ id: 8701, billingItemType: 1, subType: 1, companyID: 101, ticketID: 1001, timeEntryID: 6001, invoiceID: 8601, nonBillable: 0, quantity: 0.5, rate: 100, totalAmount: 50, postedDate: '2024-02-29T00:00:00Z' }],
  });
  Object.assign(seed.picklists, {
    ExpenseReports: { status: pick([1, 'In Progress'], [2, 'Awaiting Approval'], [3, 'Approved for Payment'], [4, 'Rejected'], [5, 'Paid']) },
    ExpenseItems: { expenseCategory: pick([1, 'Mileage'], [2, 'Parking'], [3, 'Entertainment Expense']), paymentType: pick([1, 'Cash'], [2, 'Company Card']) },
    Opportunities: { status: pick([1, 'Active'], [2, 'Lost'], [3, 'Closed']), stage: pick([1, 'Qualify']) },
    QuoteItems: { quoteItemType: pick([1, 'Product'], [3, 'Labor']) },
    BillingItems: { billingItemType: pick([1, 'Labour'], [2, 'Labour Adjustment']), subType: pick([1, 'Time Entry']) },
  });
  return seed;
}

/** Runs `body` against a fresh fake holding the money seed. */
export async function withMoneyFake(body: (fake: FakeAutotask) => Promise<void>): Promise<void> {
  const fake = await startTestFake({ seed: buildMoneySeed() });
  try {
    await body(fake);
  } finally {
    await fake.close();
  }
}

/** A valid expense item body for a report (the report id travels in the URL). */
export const expenseItem = (over: Record<string, unknown> = {}) => ({
  description: 'Taxi to client site',
  expenseCategory: 2,
  expenseDate: '2024-03-05T00:00:00Z',
  haveReceipt: true,
  isBillableToCompany: true,
  paymentType: 1,
  expenseCurrencyExpenseAmount: 25,
  ...over,
});

/** A valid quote item body (the quote id travels in the URL). */
export const quoteItem = (over: Record<string, unknown> = {}) => ({
  quoteItemType: 1,
  productID: 29683600,
  name: 'Business laptop',
  quantity: 3,
  unitPrice: 899,
  unitDiscount: 0,
  percentageDiscount: 0,
  lineDiscount: 0,
  isOptional: false,
  ...over,
});
