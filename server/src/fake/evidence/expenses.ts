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
    id: 'expenses.items-company-derived',
    behaviour:
      "An expense item's companyID comes from its ticket or project, and a task's project and company from the task; a companyID or projectID that differs is refused with a 500; without any of them and no companyID the item is the tenant's own (company 0).",
    status: 'verified',
    sources: ['official: ExpenseItems entity page (companyID: "calculated based on the ticket or project ... an error is returned ... associated to the "0" account")'],
    realDiffers: '[unverified] the refusal text; whether a given companyID without ticket, task or project must name an existing company is not modelled.',
  },
  {
    id: 'expenses.items-category-fields',
    behaviour: 'A Mileage item needs miles, origin and destination; an Entertainment Expense item needs entertainmentLocation; otherwise the write is refused with a 500.',
    status: 'verified',
    sources: ['official: ExpenseItem (SOAP) entity page ("Destination, Origin, and Miles are all required when Category = Mileage"; "EntertainmentLocation is required when Category = Entertainement Expense")'],
    realDiffers: '[unverified] the refusal text, and that REST applies the SOAP rule alike; the fake matches the category by its label (codes are tenant metadata).',
  },
  {
    id: 'expenses.non-queryable-fields',
    behaviour: 'Filters on ExpenseItems gLCode, isReimbursable and isRejected are refused.',
    status: 'verified',
    sources: ['official: ExpenseItems entity page ("Fields that cannot be queried": gLCode, isReimbursable, isRejected)'],
  },
];
