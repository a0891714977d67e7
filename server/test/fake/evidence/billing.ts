import { expect } from 'vitest';
import { call, queryIds } from '../fake-helpers.js';
import type { Probe } from './types.js';
import { withMoneyFake } from './money-seed.js';

export const BILLING_PROBES: Record<string, Probe> = {
  'billing.posted-items-read-only': () =>
    withMoneyFake(async (fake) => {
      expect((await call(fake, 'POST', 'BillingItems', { body: { billingItemType: 1, subType: 1, nonBillable: 0 } })).status).toBe(405);
      expect((await call(fake, 'DELETE', 'BillingItems/8701')).status).toBe(405);
      expect((await call(fake, 'POST', 'Invoices', { body: { companyID: 101, invoiceDateTime: '2024-03-05T00:00:00Z' } })).status).toBe(405);
      expect(await queryIds(fake, 'BillingItems', [{ op: 'in', field: 'timeEntryID', value: [6001] }])).toEqual([8701]);
    }),
  'billing.invoice-lines': () =>
    withMoneyFake(async (fake) => {
      expect(await queryIds(fake, 'BillingItems', [{ op: 'eq', field: 'invoiceID', value: 8601 }])).toEqual([8701]);
    }),
  'billing.non-queryable-fields': () =>
    withMoneyFake(async (fake) => {
      expect((await call(fake, 'POST', 'Invoices/query', { body: { filter: [{ op: 'exist', field: 'dueDate' }] } })).status).toBe(400);
      for (const field of ['lineItemFullDescription', 'lineItemGroupDescription']) {
        expect((await call(fake, 'POST', 'BillingItems/query', { body: { filter: [{ op: 'exist', field }] } })).status, field).toBe(400);
      }
    }),
};
