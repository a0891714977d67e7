/**
 * A billingCodeID that names no billing code was sent to Autotask by the time entry and task
 * writes, which refused it after the user had approved the preview ("Value does not reference an
 * existing entity for billingCodeID"). It is now checked while planning, like phases and roles.
 * Found by the fuzz suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { call, writeRequests } from '../framework/call.js';

let h: Harness;
let client: Client;
beforeAll(async () => {
  h = await startHarness();
  client = await h.connect();
});
afterAll(async () => h?.close());

describe('billingCodeID must name a billing code', () => {
  const entry = () => h.fake.records('TimeEntries').find((t) => typeof t.ticketID === 'number')!;
  const task = () => h.fake.records('Tasks')[0];
  const real = () => h.fake.records('BillingCodes')[0].id;

  it.each([
    ['update_time_entry', () => ({ id: entry().id, billingCodeID: 1 })],
    ['create_time_entry', () => ({ ticketID: entry().ticketID, resourceID: entry().resourceID, dateWorked: '2026-05-06', hoursWorked: 1, summaryNotes: 'Work', billingCodeID: 1 })],
    ['update_task', () => ({ id: task().id, billingCodeID: 1 })],
    ['create_task', () => ({ projectID: task().projectID, title: 'New task', billingCodeID: 1 })],
  ])('%s with billingCodeID 1 is refused before the preview', async (tool, args) => {
    h.fake.clearRequests();
    const r = await call(client, tool, args());
    expect(r.isError, r.text).toBe(true);
    expect(r.text).toMatch(/No billing code with id 1 exists/);
    expect(writeRequests(h.fake.requests)).toHaveLength(0);
  });

  it('an existing billing code still previews and is written', async () => {
    const args = { id: entry().id, billingCodeID: real() === entry().billingCodeID ? h.fake.records('BillingCodes')[1].id : real() };
    const p = await call(client, 'update_time_entry', args);
    expect(p.isError, p.text).toBe(false);
    const done = await call(client, 'update_time_entry', { ...args, confirmationToken: p.structured.confirmationToken });
    expect(done.isError, done.text).toBe(false);
    expect(writeRequests(h.fake.requests).every((r) => r.status === 200)).toBe(true);
  });
});
