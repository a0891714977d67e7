/**
 * The budget governor: Autotask's hourly request budget (ThresholdInformation plus this server's
 * own count of requests since the reading). Past AUTOTASK_BUDGET_WARN_PERCENT results and logs
 * warn; past AUTOTASK_BUDGET_STOP_PERCENT reads other than get_api_usage / test_connection are
 * refused with when to retry, while writes go through. The fake reports high usage via its
 * usage setting (requests of the tenant's other integrations).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { call, dataRequests, writeRequests } from '../tools/framework/call.js';

let h: Harness | undefined;
afterEach(async () => {
  if (h) {
    expect(leakedSentinels(h.logs)).toEqual([]);
    await h.close();
  }
  h = undefined;
});

async function start(others: number, limit = 10_000, env: Record<string, string> = {}): Promise<Harness> {
  h = await startHarness({ fake: { usage: { limit, others } }, env: { AUTOTASK_BUDGET_CHECK_SECONDS: '60', ...env } });
  return h;
}

const warnings = (x: Harness) => x.logEvents().filter((e) => e.level === 'warn' && /budget/i.test(String(e.msg)));

describe('budget governor', () => {
  it('below the warning level results carry no budget note', async () => {
    const x = await start(1_000);
    const client = await x.connect();
    const r = await call(client, 'get_ticket', { id: x.fake.records('Tickets')[0].id });
    expect(r.isError, r.text).toBe(false);
    expect(r.text).not.toMatch(/API budget/);
    expect(x.fake.requests.some((q) => q.route === 'ThresholdInformation')).toBe(true);
  });

  it('past the warning level a read still runs, and its result and the log warn', async () => {
    const x = await start(8_500);
    const client = await x.connect();
    const r = await call(client, 'get_ticket', { id: x.fake.records('Tickets')[0].id });
    expect(r.isError, r.text).toBe(false);
    expect(r.text).toMatch(/API budget: 8[5-9](\.\d+)?% used/);
    expect(warnings(x).length).toBeGreaterThanOrEqual(1);
  });

  it('past the stop level non-essential reads are refused with when to retry; usage, test and writes still work', async () => {
    const x = await start(9_600);
    const client = await x.connect();
    const ticketId = x.fake.records('Tickets')[0].id;
    x.fake.clearRequests();
    const refused = await call(client, 'get_ticket', { id: ticketId });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/9[6-9](\.\d+)?% used/);
    expect(refused.text).toMatch(/AUTOTASK_BUDGET_STOP_PERCENT/);
    expect(refused.text).toMatch(/in about \d+ min/);
    expect(dataRequests(x.fake.requests)).toEqual([]);
    expect(warnings(x).some((e) => /refus/i.test(String(e.msg)))).toBe(true);

    const usage = await call(client, 'get_api_usage');
    expect(usage.isError).toBe(false);
    expect(usage.text).toMatch(/warns from 80% and refuses reads other than get_api_usage and test_connection from 95%/);
    expect((await call(client, 'test_connection')).isError).toBe(false);

    const args = { parentType: 'ticket', parentId: ticketId, text: 'Written while the budget is nearly spent.' };
    const p = await call(client, 'create_note', args);
    expect(p.isError, p.text).toBe(false);
    const done = await call(client, 'create_note', { ...args, confirmationToken: p.structured.confirmationToken });
    expect(done.isError, done.text).toBe(false);
    expect(writeRequests(x.fake.requests)).toHaveLength(1);
    expect(done.text).toMatch(/API budget/);

    // Usage falls (the rolling window moved on): the next reading lets reads through again.
    x.fake.setUsage({ others: 0 });
    expect((await call(client, 'get_api_usage')).isError).toBe(false);
    const again = await call(client, 'get_ticket', { id: ticketId });
    expect(again.isError, again.text).toBe(false);
  });

  it("counts this server's own requests between readings", async () => {
    // 100 per hour, 70 used elsewhere: the first reading says 71 %; no new reading for an hour.
    const x = await start(70, 100, { AUTOTASK_BUDGET_CHECK_SECONDS: '3600' });
    const client = await x.connect();
    const ids = x.fake.records('Companies').slice(0, 30).map((c) => c.id);
    let refusedAt = -1;
    let warnedAt = -1;
    for (let i = 0; i < ids.length; i++) {
      const r = await call(client, 'get_company', { id: ids[i] });
      if (warnedAt < 0 && /API budget/.test(r.text)) warnedAt = i;
      if (r.isError) {
        refusedAt = i;
        expect(r.text).toMatch(/AUTOTASK_BUDGET_STOP_PERCENT/);
        break;
      }
    }
    expect(warnedAt).toBeGreaterThanOrEqual(0);
    expect(refusedAt).toBeGreaterThan(warnedAt);
    expect(x.fake.requests.filter((q) => q.route === 'ThresholdInformation')).toHaveLength(1);
  });
});
