/**
 * Picklists of the billing, sales and expense records of the demo tenant. Labels follow the
 * official entity pages where they name them (expense report statuses: SOAP ExpenseReport page);
 * the codes are tenant metadata and this tenant's own ([unverified] as real values), which is
 * why every tool matches these by label.
 */
import type { PicklistValue } from '../autotask/types.js';
import { list } from './picklists.js';

export const BILLING_ITEM_TYPE = { Labour: 1, LabourAdjustment: 2, ProjectCharge: 3, TicketCharge: 4, Expense: 5, RecurringService: 6 } as const;
export const EXPENSE_REPORT_STATUS = { InProgress: 1, AwaitingApproval: 2, ApprovedForPayment: 3, Rejected: 4, Paid: 5, TransferredToQuickBooks: 6 } as const;
export const EXPENSE_CATEGORY = { Mileage: 1, Parking: 2, Meals: 3, Entertainment: 4, Travel: 5, Supplies: 6 } as const;
export const OPPORTUNITY_STATUS = { Active: 1, Lost: 2, Closed: 3, Implemented: 4, NotReady: 5 } as const;
export const OPPORTUNITY_STAGE = { Prospect: 1, Qualified: 2, Proposal: 3, Negotiation: 4, Won: 5, Lost: 6 } as const;
export const QUOTE_ITEM_TYPE = { Product: 1, Cost: 2, Labor: 3, Expense: 4, Shipping: 6, Service: 11, ServiceBundle: 12 } as const;
export const PAYMENT_TERM = { Net15: 1, Net30: 2, DueOnReceipt: 3 } as const;

export function moneyPicklists(): Record<string, Record<string, PicklistValue[]>> {
  const paymentTerm = list([
    [PAYMENT_TERM.Net15, 'Net 15'],
    [PAYMENT_TERM.Net30, 'Net 30', { isDefault: true }],
    [PAYMENT_TERM.DueOnReceipt, 'Due on Receipt'],
  ]);
  return {
    BillingItems: {
      billingItemType: list([
        [BILLING_ITEM_TYPE.Labour, 'Labour', { system: true }],
        [BILLING_ITEM_TYPE.LabourAdjustment, 'Labour Adjustment', { system: true }],
        [BILLING_ITEM_TYPE.ProjectCharge, 'Project Charge', { system: true }],
        [BILLING_ITEM_TYPE.TicketCharge, 'Ticket Charge', { system: true }],
        [BILLING_ITEM_TYPE.Expense, 'Expense', { system: true }],
        [BILLING_ITEM_TYPE.RecurringService, 'Recurring Service', { system: true }],
      ]),
      subType: list([
        [1, 'Ticket Time Entry', { system: true }],
        [2, 'Task Time Entry', { system: true }],
        [3, 'Expense Item', { system: true }],
      ]),
    },
    Invoices: { paymentTerm },
    ExpenseReports: {
      status: list([
        [EXPENSE_REPORT_STATUS.InProgress, 'In Progress', { isDefault: true, system: true }],
        [EXPENSE_REPORT_STATUS.AwaitingApproval, 'Awaiting Approval', { system: true }],
        [EXPENSE_REPORT_STATUS.ApprovedForPayment, 'Approved for Payment', { system: true }],
        [EXPENSE_REPORT_STATUS.Rejected, 'Rejected', { system: true }],
        [EXPENSE_REPORT_STATUS.Paid, 'Paid', { system: true }],
        [EXPENSE_REPORT_STATUS.TransferredToQuickBooks, 'Transferred to QuickBooks', { system: true }],
      ]),
    },
    ExpenseItems: {
      expenseCategory: list([
        [EXPENSE_CATEGORY.Mileage, 'Mileage', { system: true }],
        [EXPENSE_CATEGORY.Parking, 'Parking'],
        [EXPENSE_CATEGORY.Meals, 'Meals'],
        [EXPENSE_CATEGORY.Entertainment, 'Entertainment Expense', { system: true }],
        [EXPENSE_CATEGORY.Travel, 'Travel (rail, air, taxi)'],
        [EXPENSE_CATEGORY.Supplies, 'Supplies & Small Hardware'],
      ]),
      paymentType: list([
        [1, 'Personal Card / Cash', { isDefault: true }],
        [2, 'Company Card'],
      ]),
    },
    Opportunities: {
      status: list([
        [OPPORTUNITY_STATUS.Active, 'Active', { isDefault: true, system: true }],
        [OPPORTUNITY_STATUS.Lost, 'Lost', { system: true }],
        [OPPORTUNITY_STATUS.Closed, 'Closed', { system: true }],
        [OPPORTUNITY_STATUS.Implemented, 'Implemented', { system: true }],
        [OPPORTUNITY_STATUS.NotReady, 'Not Ready To Buy', { system: true }],
      ]),
      stage: list([
        [OPPORTUNITY_STAGE.Prospect, 'Prospect', { isDefault: true }],
        [OPPORTUNITY_STAGE.Qualified, 'Qualified'],
        [OPPORTUNITY_STAGE.Proposal, 'Proposal Sent'],
        [OPPORTUNITY_STAGE.Negotiation, 'Negotiation'],
        [OPPORTUNITY_STAGE.Won, 'Closed Won'],
        [OPPORTUNITY_STAGE.Lost, 'Closed Lost'],
      ]),
      opportunityCategoryID: list([
        [1, 'Managed Services', { isDefault: true }],
        [2, 'Hardware'],
        [3, 'Project'],
      ]),
    },
    Quotes: { paymentTerm },
    QuoteItems: {
      quoteItemType: list([
        [QUOTE_ITEM_TYPE.Product, 'Product', { system: true }],
        [QUOTE_ITEM_TYPE.Cost, 'Cost', { system: true }],
        [QUOTE_ITEM_TYPE.Labor, 'Labor', { system: true }],
        [QUOTE_ITEM_TYPE.Expense, 'Expense', { system: true }],
        [QUOTE_ITEM_TYPE.Shipping, 'Shipping', { system: true }],
        [QUOTE_ITEM_TYPE.Service, 'Service', { system: true }],
        [QUOTE_ITEM_TYPE.ServiceBundle, 'Service Bundle', { system: true }],
      ]),
    },
  };
}
