/**
 * Names and labels of the billing, sales and expense lists come in batches: on a cold names cache
 * a page of 50 rows costs the list's own queries plus at most one query per kind of name (and
 * the picklist metadata), never a request per row.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { call, dataRequests } from '../tickets/support.js';
import { useHarness } from '../companies/flow.js';

const seed = buildDemoSeed();
const s = useHarness();

const CASES: Array<[string, Record<string, unknown>, string]> = [
  ['search_billing_items', {}, 'BillingItems'],
  ['search_time_awaiting_approval', {}, 'TimeEntries'],
  ['search_invoices', {}, 'Invoices'],
  ['get_invoice', { id: seed.records.Invoices.at(-1)!.id }, 'Invoices'],
  ['search_opportunities', {}, 'Opportunities'],
  ['search_quotes', {}, 'Quotes'],
  ['get_quote', { id: seed.records.Quotes[0].id }, 'Quotes'],
  ['search_expense_reports', {}, 'ExpenseReports'],
  ['search_expense_items', {}, 'ExpenseItems'],
  ['get_expense_report', { id: seed.records.ExpenseReports.at(-1)!.id }, 'ExpenseReports'],
];

describe('batched names', () => {
  it.each(CASES)('%s: one query per kind of name, none per row', async (tool, args, entity) => {
    const list = !tool.startsWith('get_');
    const r = await call(s.client, tool, list ? { limit: 50, ...args } : args);
    expect(r.isError).toBeFalsy();
    const counts = new Map<string, number>();
    for (const q of dataRequests(s.h.fake)) {
      // A read by id of anything but the record asked for would be a per-row lookup.
      if (q.method === 'GET') expect(q.route.startsWith(`${entity}/`), `${tool}: GET ${q.route}`).toBe(true);
      counts.set(q.route, (counts.get(q.route) ?? 0) + 1);
    }
    for (const [route, n] of counts) {
      if (route.startsWith(`${entity}/query`) || (tool === 'search_time_awaiting_approval' && route === 'BillingItems/query')) continue;
      expect(n, `${tool}: ${n} requests to ${route}`).toBeLessThanOrEqual(1);
    }
  });
});
