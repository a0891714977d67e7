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
  'expenses.items-company-derived': () =>
    withMoneyFake(async (fake) => {
      const post = (over: Record<string, unknown>) => call(fake, 'POST', `Expenses/${REPORT.inProgress}/Items`, { body: expenseItem(over) });
      const stored = (id: number) => fake.records('ExpenseItems').find((r) => r.id === id);
      // Ticket 1001 belongs to company 101; task 8901 to project 8801 of company 102.
      const onTicket = await post({ ticketID: 1001 });
      expect(onTicket.status, onTicket.text).toBe(200);
      expect(stored(onTicket.json.itemId as number)?.companyID).toBe(101);
      const onTask = await post({ taskID: 8901 });
      expect(onTask.status, onTask.text).toBe(200);
      expect(stored(onTask.json.itemId as number)).toMatchObject({ companyID: 102, projectID: 8801 });
      const own = await post({});
      expect(stored(own.json.itemId as number)?.companyID).toBe(0);
      for (const wrong of [{ ticketID: 1001, companyID: 102 }, { projectID: 8801, companyID: 101 }, { taskID: 8901, companyID: 101 }, { taskID: 8901, projectID: 9999 }]) {
        const r = await post(wrong);
        expect(r.status, JSON.stringify(wrong)).toBe(500);
        expect(r.json.errors.join(' ')).toMatch(/company|project/i);
      }
      expect((await post({ ticketID: 1001, companyID: 101 })).status).toBe(200);
    }),
  'expenses.items-category-fields': () =>
    withMoneyFake(async (fake) => {
      const post = (over: Record<string, unknown>) => call(fake, 'POST', `Expenses/${REPORT.inProgress}/Items`, { body: expenseItem(over) });
      const trip = { miles: 12, origin: 'Office', destination: 'Client' };
      for (const missing of ['miles', 'origin', 'destination'] as const) {
        const { [missing]: _gone, ...rest } = trip;
        const r = await post({ expenseCategory: 1, ...rest });
        expect(r.status, missing).toBe(500);
        expect(r.json.errors.join(' ')).toMatch(/Mileage/);
      }
      expect((await post({ expenseCategory: 1, ...trip })).status).toBe(200);
      const noPlace = await post({ expenseCategory: 3 });
      expect(noPlace.status).toBe(500);
      expect(noPlace.json.errors.join(' ')).toMatch(/entertainmentLocation/i);
      expect((await post({ expenseCategory: 3, entertainmentLocation: 'Cafe' })).status).toBe(200);
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
