/** Expense reports and their items. */
import type { Evidence } from './types.js';

export const EXPENSES_EVIDENCE: Evidence[] = [
  {
    id: 'expenses.items-route',
    behaviour:
      'Expense items are created and updated under their report at Expenses/{reportId}/Items (the segment is "Expenses", not "ExpenseReports"); the root ExpenseItems only reads, and a report that does not exist answers 404.',
    status: 'verified',
    sources: [
      'our reference §9.1 (from the 2026 Swagger): POST /V1.0/Expenses/{parentId}/Items',
      'msoukhomlinov/n8n-nodes-autotask nodes/Autotask/helpers/expense-item-creator.ts: creates via POST Expenses/{expenseReportID}/Items',
      'official: ExpenseItems entity page (a line item of an Expense Report)',
    ],
  },
  {
    id: 'expenses.items-report-status',
    behaviour: 'An expense item is created or updated only while its report is In Progress or Rejected; otherwise the write is refused with a 500.',
    status: 'verified',
    sources: ['official: ExpenseItems entity page ("Create and update are allowed only when the associated ExpenseReport has a Status = In Progress or isRejected")'],
    realDiffers: '[unverified] the refusal text; the fake matches the report status by its label, since the status codes are tenant metadata.',
  },
  {
    id: 'expenses.non-queryable-fields',
    behaviour: 'Filters on ExpenseItems gLCode, isReimbursable and isRejected are refused.',
    status: 'verified',
    sources: ['official: ExpenseItems entity page ("Fields that cannot be queried": gLCode, isReimbursable, isRejected)'],
  },
];
