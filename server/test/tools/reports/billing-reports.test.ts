/**
 * report_unbilled_work and report_contract_hours over MCP against a current demo tenant: the
 * filters as they reached the fake, the exact request count (within the bound each states), the
 * sums computed here from the seed, refusals that send nothing, and the coverage line.
 */
import { describe, expect, it } from 'vitest';
import { call, dataRequests, expectSent, sent, structured, textOf } from '../tickets/support.js';
import { list, refused } from '../companies/flow.js';
import { nameOf } from '../results/support.js';
import { UNBILLED_MAX_REQUESTS } from '../../../src/tools/reports/unbilled.js';
import { CONTRACT_HOURS_MAX_REQUESTS } from '../../../src/tools/reports/contract-hours.js';
import { byId, DAY, dayOf, queriesSent, recs, seedNow, sum, useReportHarness } from './support.js';

const s = useReportHarness();

describe('report_unbilled_work', () => {
  const after = dayOf(new Date(Date.parse(seedNow) - 30 * DAY).toISOString());
  const before = dayOf(new Date(Date.parse(seedNow) + DAY).toISOString());
  const inRange = (v: unknown) => dayOf(v) >= after && dayOf(v) < before;

  /** The expected sums, from the seed: billable, not approved and posted, on a ticket or a task. */
  function expected() {
    const tickets = byId('Tickets');
    const tasks = byId('Tasks');
    const projects = byId('Projects');
    const roles = byId('Roles');
    const companyOf = (r: Record<string, unknown>) => {
      if (typeof r.ticketID === 'number') return tickets.get(r.ticketID)!.companyID as number;
      return projects.get(tasks.get(r.taskID as number)!.projectID as number)!.companyID as number;
    };
    const time = recs('TimeEntries').filter((t) => t.isNonBillable === false && !t.billingApprovalDateTime && (t.hoursToBill as number) > 0 && inRange(t.dateWorked) && (t.ticketID != null || t.taskID != null));
    const charges = recs('TicketCharges').filter((c) => c.isBilled === false && c.isBillableToCompany === true && inRange(c.datePurchased));
    const out = new Map<number, { hours: number[]; amount: number[] }>();
    const of = (c: number) => out.get(c) ?? (out.set(c, { hours: [], amount: [] }), out.get(c)!);
    for (const t of time) {
      of(companyOf(t)).hours.push(t.hoursToBill as number);
      of(companyOf(t)).amount.push((t.hoursToBill as number) * (roles.get(t.roleID as number)!.hourlyRate as number));
    }
    for (const c of charges) of(companyOf(c)).amount.push(c.billableAmount as number);
    return { out, time, charges };
  }

  it('sends the unbilled filters, sums hours and amounts per company, and costs a stated, exact number of requests', async () => {
    const { out, time, charges } = expected();
    expect(time.length).toBeGreaterThan(10);
    expect(charges.length).toBeGreaterThan(0);
    const r = await list(s, 'report_unbilled_work', { workedAfter: after, workedBefore: before });
    expectSent(s.h.fake, 'TimeEntries/query', [
      { op: 'eq', field: 'isNonBillable', value: false },
      { op: 'notExist', field: 'billingApprovalDateTime' },
      { op: 'gt', field: 'hoursToBill', value: 0 },
      { op: 'gte', field: 'dateWorked', value: `${after}T00:00:00.000Z` },
      { op: 'lt', field: 'dateWorked', value: `${before}T00:00:00.000Z` },
      { op: 'or', items: [{ op: 'exist', field: 'ticketID' }, { op: 'exist', field: 'taskID' }] },
    ]);
    expectSent(s.h.fake, 'TicketCharges/query', [
      { op: 'eq', field: 'isBilled', value: false },
      { op: 'eq', field: 'isBillableToCompany', value: true },
      { op: 'gte', field: 'datePurchased', value: `${after}T00:00:00.000Z` },
      { op: 'lt', field: 'datePurchased', value: `${before}T00:00:00.000Z` },
    ]);
    expect(r.items.map((i) => i.companyID).sort()).toEqual([...out.keys()].sort());
    for (const row of r.items) {
      const want = out.get(row.companyID)!;
      expect(row.hours ?? 0, `hours of ${row.companyID}`).toBeCloseTo(sum(want.hours), 2);
      expect(row.amount, `amount of ${row.companyID}`).toBeCloseTo(sum(want.amount), 2);
      expect(nameOf(r, 'companies', row.companyID)).toEqual(expect.any(String));
    }
    // Largest first.
    expect(r.items.map((i) => i.amount)).toEqual([...r.items.map((i) => i.amount)].sort((a, b) => b - a));
    const usesTasks = time.some((t) => t.taskID != null);
    expect(queriesSent(s)).toEqual(
      ['Companies/query x1', 'Roles/query x1', 'TicketCharges/query x1', 'Tickets/query x1', 'TimeEntries/query x1', ...(usesTasks ? ['Projects/query x1', 'Tasks/query x1'] : [])].sort(),
    );
    expect(dataRequests(s.h.fake).length).toBeLessThanOrEqual(UNBILLED_MAX_REQUESTS);
    expect(r.complete).toBe(true);
    expect(r.coverage).toMatch(/without billingApprovalDateTime.*at most 1000 time entries and 500 charges.*Not counted: .*At most 12 Autotask queries/);
  });

  it('says the coverage in text, and stops at its cap of 1,000 time entries saying so', async () => {
    const extra = Array.from({ length: 1100 }, (_, k) => ({ ...expected().time[0], id: 96_000_000 + k }));
    const store = s.h.fake.records('TimeEntries');
    store.push(...extra);
    try {
      const r = await call(s.client, 'report_unbilled_work', { workedAfter: after, workedBefore: before });
      expect(sent(s.h.fake, 'TimeEntries/query', 'POST')).toHaveLength(1);
      expect(sent(s.h.fake, 'TimeEntries/query/next', 'POST')).toHaveLength(1);
      expect(structured<{ complete: boolean }>(r).complete).toBe(false);
      expect(textOf(r)).toMatch(/More than 1000 unbilled time entries: only the first 1000 are summed/);
      expect(textOf(r)).toMatch(/Covers: billable time worked from/);
      expect(dataRequests(s.h.fake).length).toBeLessThanOrEqual(UNBILLED_MAX_REQUESTS);
    } finally {
      store.splice(store.length - extra.length, extra.length);
    }
  });

  it.each([
    [{ workedAfter: '2026-11-10', workedBefore: '2026-11-01' }, /workedAfter .* must be earlier than workedBefore/],
    [{ workedAfter: '2026-02-30', workedBefore: '2026-03-10' }, /not a real date/],
    [{ workedAfter: '2026-11-01T10:00:00Z', workedBefore: '2026-11-10' }, /calendar day/],
    [{ workedAfter: '2026-11-01' }, /workedBefore/],
  ])('refuses %j and sends nothing', async (args, message) => {
    await refused(s, 'report_unbilled_work', args, message);
  });
});

describe('report_contract_hours', () => {
  const today = new Date().toISOString().slice(0, 10); // the harness pins the tenant zone to UTC
  const current = (p: Record<string, unknown>) => dayOf(p.startDate) <= today && dayOf(p.endDate) >= today;
  const contracts = recs('Contracts').filter((c) => (c.contractType === 3 || c.contractType === 4) && c.status === 1);

  it('reads active block and retainer contracts, their current purchases whole (never naming the approved fields), and the remainders', async () => {
    const r = await list(s, 'report_contract_hours', {});
    const ids = contracts.map((c) => c.id).sort((a, b) => a - b);
    expectSent(s.h.fake, 'Contracts/query', [{ op: 'in', field: 'contractType', value: [3, 4] }, { op: 'eq', field: 'status', value: 1 }]);
    const window = [{ op: 'in', field: 'contractID', value: ids }, { op: 'lt', field: 'startDate', value: expect.stringMatching(/T00:00:00.000Z$/) }, { op: 'gte', field: 'endDate', value: `${today}T00:00:00.000Z` }];
    for (const route of ['ContractBlocks/query', 'ContractRetainers/query']) {
      const [q] = sent(s.h.fake, route, 'POST');
      expect((q.body as { filter: unknown }).filter).toEqual(window);
      expect(JSON.stringify(q.body)).not.toMatch(/approved|IncludeFields/i);
    }
    expect(r.items.map((i) => i.contractID).sort((a, b) => a - b)).toEqual(ids);
    for (const c of contracts) {
      const row = r.items.find((i) => i.contractID === c.id)!;
      if (c.contractType === 3) {
        const blocks = recs('ContractBlocks').filter((b) => b.contractID === c.id && current(b));
        expect(row.hoursRemaining, c.contractName as string).toBeCloseTo(sum(blocks.map((b) => b.hours as number)) - sum(blocks.map((b) => b.hoursApproved as number)), 2);
      } else {
        const bought = recs('ContractRetainers').filter((b) => b.contractID === c.id && current(b));
        expect(row.type).toBe('Retainer');
        expect(row.amountRemaining).toBeCloseTo(sum(bought.map((b) => b.amount as number)) - sum(bought.map((b) => b.amountApproved as number)), 2);
      }
      expect(nameOf(r, 'companies', row.companyID)).toEqual(expect.any(String));
    }
    expect(queriesSent(s)).toEqual(['Companies/query x1', 'ContractBlocks/query x1', 'ContractRetainers/query x1', 'Contracts/query x1']);
    expect(dataRequests(s.h.fake).length).toBeLessThanOrEqual(CONTRACT_HOURS_MAX_REQUESTS);
    expect(r.coverage).toMatch(new RegExp(`purchases current on ${today}.*At most 6 Autotask queries`));
  });

  it('says "unknown", not 0, when a current block has no hoursApproved', async () => {
    const contract = contracts.find((c) => c.contractType === 3)!;
    const store = s.h.fake.records('ContractBlocks');
    store.push({ id: 99_000, contractID: contract.id, datePurchased: `${today}T00:00:00Z`, startDate: `${today}T00:00:00Z`, endDate: '2099-01-01T00:00:00Z', hours: 10, hourlyRate: 85, isPaid: false, status: 1 });
    try {
      const r = await list(s, 'report_contract_hours', { companyID: contract.companyID });
      expectSent(s.h.fake, 'Contracts/query', [{ op: 'in', field: 'contractType', value: [3, 4] }, { op: 'eq', field: 'status', value: 1 }, { op: 'eq', field: 'companyID', value: contract.companyID as number }]);
      const row = r.items.find((i) => i.contractID === contract.id)!;
      expect(row.hoursRemaining).toBe('unknown');
      expect(row.hoursUsed).toBeUndefined();
      expect(r.remainingUnknown).toEqual([contract.id]);
      expect(textOf(await call(s.client, 'report_contract_hours', { companyID: contract.companyID }))).toMatch(new RegExp(`Remaining is unknown for contract ${contract.id}`));
    } finally {
      store.pop();
    }
  });

  it('refuses a bad companyID and sends nothing', async () => {
    await refused(s, 'report_contract_hours', { companyID: -1 }, /companyID/);
  });
});
