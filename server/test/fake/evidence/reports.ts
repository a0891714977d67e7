import { expect } from 'vitest';
import { call } from '../fake-helpers.js';
import type { Probe } from './types.js';

export const REPORTS_PROBES: Record<string, Probe> = {
  'reports.block-hours-approved-not-queryable': async ({ fake }) => {
    fake.records('ContractBlocks').push({ id: 1, contractID: 9001, datePurchased: '2024-01-01T00:00:00Z', startDate: '2024-01-01T00:00:00Z', endDate: '2024-12-31T00:00:00Z', hourlyRate: 90, hours: 20, hoursApproved: 7.5 });
    const all = [{ op: 'eq', field: 'contractID', value: 9001 }];
    const filtered = await call(fake, 'POST', 'ContractBlocks/query', { body: { filter: [...all, { op: 'gt', field: 'hoursApproved', value: 0 }] } });
    expect(filtered.status).toBe(400);
    expect(filtered.json.errors[0]).toMatch(/hoursApproved is not a queryable field/);
    expect((await call(fake, 'POST', 'ContractBlocks/query', { body: { filter: all, IncludeFields: ['hours', 'hoursApproved'] } })).status).toBe(400);
    const whole = await call(fake, 'POST', 'ContractBlocks/query', { body: { filter: all } });
    expect(whole.status).toBe(200);
    expect(whole.json.items[0]).toMatchObject({ hours: 20, hoursApproved: 7.5 });
  },
  'reports.retainer-amount-approved-not-queryable': async ({ fake }) => {
    fake.records('ContractRetainers').push({ id: 1, contractID: 9002, datePurchased: '2024-01-01T00:00:00Z', startDate: '2024-01-01T00:00:00Z', endDate: '2024-12-31T00:00:00Z', amount: 5000, amountApproved: 1250, isPaid: true, status: 1 });
    const all = [{ op: 'eq', field: 'contractID', value: 9002 }];
    const filtered = await call(fake, 'POST', 'ContractRetainers/query', { body: { filter: [...all, { op: 'lt', field: 'amountApproved', value: 5000 }] } });
    expect(filtered.status).toBe(400);
    expect(filtered.json.errors[0]).toMatch(/amountApproved is not a queryable field/);
    const whole = await call(fake, 'POST', 'ContractRetainers/query', { body: { filter: all } });
    expect(whole.status).toBe(200);
    expect(whole.json.items[0]).toMatchObject({ amount: 5000, amountApproved: 1250 });
  },
};
