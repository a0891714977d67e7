/**
 * Billing item fields and rows shared by search_billing_items and get_invoice. Billing items are
 * what Approve and Post leaves: labour, charges and expenses ready to invoice (official
 * BillingItems page); an invoice's lines are the billing items with its invoiceID.
 */
import { day, field, flag, label, ref, text, type Column } from '../rows.js';

/** Queryable fields a list asks for (not lineItemFullDescription / lineItemGroupDescription: they error when queried). */
export const BILLING_ITEM_FIELDS = [
  'billingItemType',
  'itemName',
  'description',
  'itemDate',
  'postedDate',
  'quantity',
  'rate',
  'totalAmount',
  'nonBillable',
  'companyID',
  'ticketID',
  'taskID',
  'projectID',
  'contractID',
  'invoiceID',
  'timeEntryID',
  'expenseItemID',
];

/** Long descriptions are cut in lists (get_entity BillingItems returns one whole). */
export const DESCRIPTION_MAX = 300;

export const BILLING_ITEM_COLUMNS: Column[] = [
  field('id'),
  day('postedDate'),
  label('type', 'billingItemType'),
  ref('companyID'),
  ref('ticketID'),
  ref('projectID'),
  field('taskID'),
  text('itemName'),
  text('description'),
  field('quantity'),
  field('rate'),
  field('totalAmount'),
  flag('billable', 'nonBillable', (v) => v !== 1 && v !== true),
  field('invoiceID'),
  field('contractID'),
  field('timeEntryID'),
  field('expenseItemID'),
];

/** Sum of a numeric field over rows, to the cent. */
export function sumOf(items: ReadonlyArray<Record<string, unknown>>, f: string): number {
  return Math.round(items.reduce((n, i) => n + (typeof i[f] === 'number' ? (i[f]) : 0), 0) * 100) / 100;
}
