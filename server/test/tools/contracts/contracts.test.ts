/**
 * Contract tools over MCP against a current demo tenant (its "now" is this hour, so "expiring
 * within N days" and running blocks mean the same to the seed and the tool): filters as sent,
 * remaining hours and amounts computed from blocks' and retainers' purchased and approved values
 * read without ever naming the approved fields in a query, services and exclusions with names.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { liveDemoNow } from '../../../src/demo/tenant.js';
import type { SeedRecord } from '../../../src/fake/types.js';
import { call, expectSent, filterOf, sent, structured, textOf } from '../tickets/support.js';
import { nameOf, rowsOf } from '../results/support.js';
import { list, refused, sortedIds, useHarness } from '../companies/flow.js';
import type { Wire } from '../../helpers/wire.js';

const seed = buildDemoSeed({ now: liveDemoNow() });
const contracts = seed.records.Contracts;
const blocks = seed.records.ContractBlocks;
const retainers = seed.records.ContractRetainers;
const TODAY = new Date().toISOString().slice(0, 10);
const plusDays = (n: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const idsOf = (pred: (r: SeedRecord) => boolean) => contracts.filter(pred).map((r) => r.id).sort((a, b) => a - b);
const BLOCK_TYPE = 3;
const RETAINER_TYPE = 4;
const RECURRING_TYPE = 7;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Remaining over running blocks / retainers, as the tools define it. */
function remaining(rows: SeedRecord[], total: string, used: string): number {
  return round2(rows.filter((r) => String(r.endDate).slice(0, 10) >= TODAY).reduce((s, r) => s + (r[total] as number) - (r[used] as number), 0));
}

const s = useHarness({ seed });

describe('search_contracts', () => {
  const search = (args: Record<string, unknown>) => list(s, 'search_contracts', { limit: 500, order: 'oldest', ...args });

  it.each([
    [{ companyID: 109 }, [{ op: 'eq', field: 'companyID', value: 109 }], (c: SeedRecord) => c.companyID === 109],
    [
      { text: 'retainer' },
      [{ op: 'or', items: [{ op: 'contains', field: 'contractName', value: 'retainer' }, { op: 'beginsWith', field: 'contractNumber', value: 'retainer' }] }],
      (c: SeedRecord) => /retainer/i.test(String(c.contractName)),
    ],
    [{ status: 'inactive' }, [{ op: 'eq', field: 'status', value: 0 }], (c: SeedRecord) => c.status === 0],
    [{ type: 'Block Hours' }, [{ op: 'eq', field: 'contractType', value: BLOCK_TYPE }], (c: SeedRecord) => c.contractType === BLOCK_TYPE],
    [{ type: ['Retainer', 7] }, [{ op: 'in', field: 'contractType', value: [RETAINER_TYPE, RECURRING_TYPE] }], (c: SeedRecord) => [RETAINER_TYPE, RECURRING_TYPE].includes(c.contractType as number)],
    [
      { endAfter: '2028-01-01', endBefore: '2029-01-01' },
      [
        { op: 'gte', field: 'endDate', value: '2028-01-01T00:00:00.000Z' },
        { op: 'lt', field: 'endDate', value: '2029-01-01T00:00:00.000Z' },
      ],
      (c: SeedRecord) => String(c.endDate) >= '2028-01-01' && String(c.endDate) < '2029-01-01',
    ],
  ])('%j sends exactly %j', async (args, filter, pred) => {
    const r = await search(args);
    expectSent(s.h.fake, 'Contracts/query', filter as never);
    expect(sortedIds(r.items)).toEqual(idsOf(pred));
    expect(r.items.length).toBeGreaterThan(0);
  });

  it('expiringWithinDays is an end-date range from today through today + N, as calendar days', async () => {
    const r = await search({ expiringWithinDays: 30, status: 'Active' });
    expectSent(s.h.fake, 'Contracts/query', [
      { op: 'eq', field: 'status', value: 1 },
      { op: 'gte', field: 'endDate', value: `${TODAY}T00:00:00.000Z` },
      { op: 'lt', field: 'endDate', value: `${plusDays(31)}T00:00:00.000Z` },
    ]);
    const expected = idsOf((c) => c.status === 1 && String(c.endDate).slice(0, 10) >= TODAY && String(c.endDate).slice(0, 10) <= plusDays(30));
    expect(expected.length).toBeGreaterThan(0);
    expect(sortedIds(r.items)).toEqual(expected);
    expect(r.items[0]).toMatchObject({ contractType: 'Retainer', status: 'Active', endDate: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
    expect(nameOf(r, 'companies', r.items[0].companyID)).toEqual(expect.any(String));
    const within90 = await search({ expiringWithinDays: 90 });
    expect(within90.items.length).toBeGreaterThan(r.items.length);
  });

  it('withBalances adds what is left on blocks and retainers, from two queries that never name the approved fields', async () => {
    const r = await search({ withBalances: true });
    for (const c of r.items) {
      const b = blocks.filter((x) => x.contractID === c.id);
      const t = retainers.filter((x) => x.contractID === c.id);
      expect(c.hoursRemaining ?? null, `contract ${c.id}`).toBe(b.length ? remaining(b, 'hours', 'hoursApproved') : null);
      expect(c.amountRemaining ?? null, `contract ${c.id}`).toBe(t.length ? remaining(t, 'amount', 'amountApproved') : null);
    }
    expect(r.items.some((c) => typeof c.hoursRemaining === 'number' && c.hoursRemaining > 0)).toBe(true);
    expect(r.items.some((c) => typeof c.amountRemaining === 'number' && c.amountRemaining > 0)).toBe(true);
    for (const entity of ['ContractBlocks', 'ContractRetainers']) {
      const q = sent(s.h.fake, `${entity}/query`);
      expect(q, entity).toHaveLength(1);
      expect(filterOf(q[0])).toEqual([{ op: 'in', field: 'contractID', value: r.items.map((c) => c.id) }]);
      expect(JSON.stringify(q[0].body)).not.toMatch(/Approved|IncludeFields/i);
    }
    expect(textOf(await call(s.client, 'search_contracts', { withBalances: true, limit: 3 }))).toMatch(/Remaining = purchased - approved/);
  });

  it('pages newest first with the filter on every page, without repeating a contract', async () => {
    const active = idsOf((c) => c.status === 1).reverse();
    const first = await list(s, 'search_contracts', { status: 'active', limit: 5 });
    expect(first.hasMore).toBe(true);
    const second = await list(s, 'search_contracts', { status: 'active', limit: 5, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((c) => c.id)).toEqual(active.slice(0, 10));
    expectSent(s.h.fake, 'Contracts/query', [{ op: 'eq', field: 'status', value: 1 }]);
  });

  it('refuses contradictions and bad labels', async () => {
    await refused(s, 'search_contracts', { expiringWithinDays: 30, endBefore: '2027-01-01' }, /expiringWithinDays sets the end-date range itself/);
    await refused(s, 'search_contracts', { expiringWithinDays: -1 }, /expiringWithinDays/);
    await refused(s, 'search_contracts', { endAfter: '2027-01-01T09:00:00Z' }, /no time of day/);
    await refused(s, 'search_contracts', { type: 'Incidentals' }, /"Incidentals" is not a valid Contracts\.contractType\. Valid values: 1=Time & Materials/, 'metadata');
  });
});

describe('get_contract', () => {
  const recurring = contracts.find((c) => c.contractType === RECURRING_TYPE && seed.records.ContractServiceBundles.some((b) => b.contractID === c.id))!;
  const block = contracts.find((c) => c.contractType === BLOCK_TYPE && blocks.filter((b) => b.contractID === c.id).length > 1)!;
  const retainer = contracts.find((c) => c.contractType === RETAINER_TYPE)!;

  it('a recurring-service contract with its services and bundle, named, and its exclusion set', async () => {
    const r = structured<Record<string, Wire>>(await call(s.client, 'get_contract', { id: recurring.id, include: ['services', 'exclusions'] }));
    expect(r.contract).toMatchObject({ id: recurring.id, contractName: recurring.contractName, contractType: 'Recurring Service', endDate: String(recurring.endDate).slice(0, 10) });
    const lines = seed.records.ContractServices.filter((l) => l.contractID === recurring.id);
    expect(rowsOf(r.services).map((l) => l.serviceID)).toEqual(lines.map((l) => l.serviceID));
    for (const l of lines) expect(nameOf(r, 'services', l.serviceID)).toBe(seed.records.Services.find((x) => x.id === l.serviceID)!.name);
    expect(rowsOf(r.serviceBundles)).toHaveLength(1);
    expect(nameOf(r, 'serviceBundles', rowsOf(r.serviceBundles)[0].serviceBundleID)).toMatch(/Managed/);
    const ex = rowsOf(r.exclusions);
    expect(ex.map((e) => [e.excluded, e.billingCodeID ?? e.roleID])).toEqual([
      ['work type', 29683504],
      ['work type', 29683505],
      ['role', 29683359],
    ]);
    expect(nameOf(r, 'billingCodes', 29683504)).toBe('Project Labour');
    expect(nameOf(r, 'roles', 29683359)).toBe('Project Manager');
    expectSent(s.h.fake, 'ContractExclusionSetExcludedWorkTypes/query', [{ op: 'eq', field: 'contractExclusionSetID', value: recurring.contractExclusionSetID as number }]);
    expect(sent(s.h.fake, 'ContractBlocks/query')).toEqual([]);
  });

  it('a block-hours contract: each block with used and remaining, totals over the running ones', async () => {
    const r = structured<Record<string, Wire>>(await call(s.client, 'get_contract', { id: block.id }));
    const own = blocks.filter((b) => b.contractID === block.id);
    const rows = rowsOf(r.blocks);
    expect(rows.map((b) => [b.id, b.hours, b.used, b.remaining])).toEqual(own.map((b) => [b.id, b.hours, b.hoursApproved, round2((b.hours as number) - (b.hoursApproved as number))]));
    expect(r.balance.hours).toMatchObject({ remaining: remaining(own, 'hours', 'hoursApproved') });
    expect(r.retainers).toBeUndefined();
    const exclusions = structured<Record<string, Wire>>(await call(s.client, 'get_contract', { id: block.id, include: ['exclusions'] }));
    expect(rowsOf(exclusions.exclusions).map((e) => [e.excluded, e.via])).toEqual([['work type', 'contract'], ['role', 'contract']]);
  });

  it('a retainer contract: amounts purchased, used and remaining', async () => {
    const r = await call(s.client, 'get_contract', { id: retainer.id, include: ['balances'] });
    const sc = structured<Record<string, Wire>>(r);
    const own = retainers.filter((x) => x.contractID === retainer.id);
    expect(rowsOf(sc.retainers).map((x) => [x.amount, x.used])).toEqual(own.map((x) => [x.amount, x.amountApproved]));
    expect(sc.balance.amount.remaining).toBe(remaining(own, 'amount', 'amountApproved'));
    expect(sc.blocks).toBeUndefined();
    expect(textOf(r)).toMatch(/work not yet approved and posted is not subtracted/);
    for (const q of sent(s.h.fake, 'ContractRetainers/query')) expect(JSON.stringify(q.body)).not.toMatch(/Approved|IncludeFields/i);
  });

  it('says plainly when the contract does not exist', async () => {
    const r = await call(s.client, 'get_contract', { id: 1 });
    expect(structured(r)).toEqual({ found: false });
    expect(textOf(r)).toMatch(/No contract with id 1 exists/);
    s.h.fake.clearRequests();
    await refused(s, 'get_contract', { id: 1, include: ['invoices'] }, /include/);
  });
});
