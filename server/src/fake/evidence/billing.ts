/** Billing items (posted work and charges) and invoices. */
import type { Evidence } from './types.js';

export const BILLING_EVIDENCE: Evidence[] = [
  {
    id: 'billing.posted-items-read-only',
    behaviour: 'BillingItems and Invoices cannot be created or deleted through the API (405): a billing item exists once work is approved and posted, and names its time entry in timeEntryID.',
    status: 'verified',
    sources: [
      'official: BillingItems entity page ("a billable item in Autotask that has been approved and posted"; no create, no delete)',
      'official: Invoices entity page (no create, no delete)',
      'msoukhomlinov/n8n-nodes-autotask nodes/Autotask/resources/timeEntries/execute.ts: a time entry is posted when a BillingItem has its timeEntryID (TimeEntries has no posted flag)',
    ],
  },
  {
    id: 'billing.invoice-lines',
    behaviour: "An invoice's lines are the BillingItems whose invoiceID is the invoice's id.",
    status: 'verified',
    sources: ['official: Invoices entity page ("To return line items for a specific invoice, query billingItems where billingItems.invoiceID = invoice.ID")'],
  },
  {
    id: 'billing.non-queryable-fields',
    behaviour: 'Filters on Invoices.dueDate and on BillingItems lineItemFullDescription and lineItemGroupDescription are refused.',
    status: 'verified',
    sources: ['official: Invoices entity page ("Fields that cannot be queried": dueDate)', 'official: BillingItems entity page (lineItemFullDescription, lineItemGroupDescription)'],
  },
];
