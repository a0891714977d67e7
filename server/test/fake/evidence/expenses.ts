import { expect } from 'vitest';
import { call, queryIds } from '../fake-helpers.js';
import type { Probe } from './types.js';
import { expenseItem, REPORT, withMoneyFake } from './money-seed.js';

export const EXPENSES_PROBES: Record<string, Probe> = {
  'expenses.items-route': () =>
    withMoneyFake(async (fake) => {
      const created = await call(fake, 'POST', `Expenses/${REPORT.inProgress}/Items`, { body: expenseItem() });
      expect(created.status, created.text).toBe(200);
      const id = created.json.itemId as number;
      expect(fake.records('ExpenseItems').find((r) => r.id === id)?.expenseReportID).toBe(REPORT.inProgress);
      expect((await call(fake, 'PATCH', `Expenses/${REPORT.inProgress}/Items`, { body: { id, description: 'Train to client site' } })).status).toBe(200);
      expect((await call(fake, 'POST', 'ExpenseItems', { body: { ...expenseItem(), expenseReportID: REPORT.inProgress } })).status).toBe(405);
      expect((await call(fake, 'POST', `ExpenseReports/${REPORT.inProgress}/Items`, { body: expenseItem() })).status).toBe(404);
      expect((await call(fake, 'GET', `Expenses/${REPORT.inProgress}`)).status).toBe(404);
      expect((await call(fake, 'POST', 'Expenses/999999/Items', { body: expenseItem() })).status).toBe(404);
    }),
  'expenses.items-report-status': () =>
    withMoneyFake(async (fake) => {
      const refused = await call(fake, 'POST', `Expenses/${REPORT.awaiting}/Items`, { body: expenseItem() });
      expect(refused.status).toBe(500);
      expect(refused.json.errors.join(' ')).toMatch(/In Progress or Rejected/);
      expect((await call(fake, 'PATCH', `Expenses/${REPORT.awaiting}/Items`, { body: { id: 8101, description: 'x' } })).status).toBe(500);
      expect((await call(fake, 'POST', `Expenses/${REPORT.rejected}/Items`, { body: expenseItem() })).status).toBe(200);
    }),
  'expenses.non-queryable-fields': () =>
    withMoneyFake(async (fake) => {
      for (const field of ['gLCode', 'isReimbursable', 'isRejected']) {
        const r = await call(fake, 'POST', 'ExpenseItems/query', { body: { filter: [{ op: 'exist', field }] } });
        expect(r.status, field).toBe(400);
      }
      expect(await queryIds(fake, 'ExpenseItems', [{ op: 'eq', field: 'expenseReportID', value: REPORT.awaiting }])).toEqual([8101]);
    }),
};
