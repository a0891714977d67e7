import { expect } from 'vitest';
import type { FakeAutotask } from '../../../src/fake/types.js';
import { call } from '../fake-helpers.js';
import type { Probe } from './types.js';

/** A block-hours contract with one block and a retainer contract with one retainer. */
function seedBalances(fake: FakeAutotask): void {
  const contract = { companyID: 101, status: 1, startDate: '2024-01-01T00:00:00Z', endDate: '2024-12-31T00:00:00Z', timeReportingRequiresStartAndStopTimes: 0 };
  fake.records('Contracts').push({ id: 8001, ...contract, contractName: 'Acme block hours', contractType: 3 }, { id: 8002, ...contract, contractName: 'Acme retainer', contractType: 4 });
  const period = { datePurchased: '2024-01-01T00:00:00Z', startDate: '2024-01-01T00:00:00Z', endDate: '2024-12-31T00:00:00Z' };
  fake.records('ContractBlocks').push({ id: 8101, contractID: 8001, ...period, hourlyRate: 95, hours: 20, hoursApproved: 12.5, status: 1 });
  fake.records('ContractRetainers').push({ id: 8201, contractID: 8002, ...period, amount: 5000, amountApproved: 1250.5, status: 1 });
}

export const CONTRACTS_PROBES: Record<string, Probe> = {
  'contracts.approved-not-queryable': async ({ fake }) => {
    seedBalances(fake);
    for (const [entity, field] of [['ContractBlocks', 'hoursApproved'], ['ContractRetainers', 'amountApproved']] as const) {
      const filtered = await call(fake, 'POST', `${entity}/query`, { body: { filter: [{ op: 'gt', field, value: 0 }] } });
      expect(filtered.status, `${entity}.${field} filter`).toBe(400);
      const included = await call(fake, 'POST', `${entity}/query`, { body: { filter: [{ op: 'gte', field: 'id', value: 0 }], IncludeFields: [field] } });
      expect(included.status, `${entity}.${field} IncludeFields`).toBe(400);
      const byContract = await call(fake, 'POST', `${entity}/query`, { body: { filter: [{ op: 'gte', field: 'contractID', value: 0 }] } });
      expect(byContract.status).toBe(200);
    }
  },
  'contracts.approved-in-plain-query': async ({ fake }) => {
    seedBalances(fake);
    const blocks = await call(fake, 'POST', 'ContractBlocks/query', { body: { filter: [{ op: 'eq', field: 'contractID', value: 8001 }] } });
    expect(blocks.json.items).toEqual([expect.objectContaining({ id: 8101, hours: 20, hoursApproved: 12.5 })]);
    const retainers = await call(fake, 'POST', 'ContractRetainers/query', { body: { filter: [{ op: 'eq', field: 'contractID', value: 8002 }] } });
    expect(retainers.json.items).toEqual([expect.objectContaining({ id: 8201, amount: 5000, amountApproved: 1250.5 })]);
  },
};
