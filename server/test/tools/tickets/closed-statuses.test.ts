/**
 * AUTOTASK_CLOSED_STATUSES: the operator's list of closed ticket statuses (ids or labels) replaces
 * the label rule of closedStatuses(); Complete (5) stays closed. Unknown entries are a
 * configuration error naming the valid statuses, and nothing is queried.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { TICKET_STATUS } from '../../../src/demo/picklists.js';
import { call, lastFilter, sent, structured, textOf } from './support.js';
import { rowsOf } from '../results/support.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function connect(closed: string): Promise<{ h: Harness; client: Client }> {
  h = await startHarness({ env: { AUTOTASK_CLOSED_STATUSES: closed } });
  return { h, client: await h.connect() };
}

const notInStatuses = (harness: Harness): unknown =>
  lastFilter(harness.fake, 'Tickets/query').find((f) => f.op === 'notIn' && f.field === 'status')?.value;

describe('AUTOTASK_CLOSED_STATUSES', () => {
  it('replaces the label rule for openOnly (labels case-insensitive, ids); Complete stays closed', async () => {
    const { h, client } = await connect('waiting vendor, 21');
    const r = structured<{ excludedClosedStatuses: Array<{ value: string }>; columns: string[]; rows: unknown[][] }>(await call(client, 'search_tickets', { openOnly: true, limit: 500 }));
    const labels = buildDemoSeed().picklists.Tickets.status;
    const want = [TICKET_STATUS.Complete, TICKET_STATUS.WaitingVendor, TICKET_STATUS.Cancelled].sort((a, b) => a - b);
    expect((notInStatuses(h) as number[]).sort((a, b) => a - b)).toEqual(want);
    expect(r.excludedClosedStatuses.map((s) => Number(s.value)).sort((a, b) => a - b)).toEqual(want);
    const closedLabels = labels.filter((l) => (want as number[]).includes(Number(l.value))).map((l) => l.label);
    expect(rowsOf(r).length).toBeGreaterThan(0);
    expect(rowsOf(r).some((t) => closedLabels.includes(t.status))).toBe(false);
    const seedHasVendor = buildDemoSeed().records.Tickets.some((t) => t.status === TICKET_STATUS.WaitingVendor);
    expect(seedHasVendor).toBe(true);
  });

  it('is honoured by update_ticket: moving to a configured closed status warns that it closes the ticket', async () => {
    const { client } = await connect('Waiting Vendor');
    const t = buildDemoSeed().records.Tickets.find((x) => x.status === TICKET_STATUS.New)!;
    const p = structured<{ warnings: string[] }>(await call(client, 'update_ticket', { id: t.id, status: 'Waiting Vendor' }));
    expect(p.warnings.join(' ')).toMatch(/closes the ticket/);
  });

  it('an unknown label or id is a configuration error listing the valid statuses; no ticket query is sent', async () => {
    const { h, client } = await connect('Closed Forever,999');
    const r = await call(client, 'search_tickets', { openOnly: true });
    expect(r.isError).toBe(true);
    const text = textOf(r);
    expect(text).toContain('AUTOTASK_CLOSED_STATUSES');
    expect(text).toContain('"Closed Forever"');
    expect(text).toContain('"999"');
    expect(text).toContain('5=Complete');
    expect(text).toContain('21=Cancelled');
    expect(sent(h.fake, 'Tickets/query')).toHaveLength(0);
  });
});
