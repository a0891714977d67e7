/** Tools of the 'billing' area: billing items, time awaiting approval, invoices. */
import type { ToolDefinition } from '../types.js';
import { searchBillingItems } from './items.js';
import { searchTimeAwaitingApproval } from './approval.js';
import { getInvoice, searchInvoices } from './invoices.js';

export const billingTools: ToolDefinition[] = [searchBillingItems, searchTimeAwaitingApproval, searchInvoices, getInvoice];
