/** AUTOTASK_DEMO=true: no credentials, the in-process demo tenant, and it says so everywhere. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { rawRequest } from '../helpers/raw.js';

let h: Harness;
beforeAll(async () => {
  // No credentials at all: demo mode must not need them.
  h = await startHarness({ env: { AUTOTASK_DEMO: 'true', AUTOTASK_INTEGRATION_CODE: '', AUTOTASK_USERNAME: '', AUTOTASK_SECRET: '', AUTOTASK_API_URL: '' } });
});
afterAll(async () => {
  await h?.close();
  expect(leakedSentinels(h.logs)).toEqual([]);
});

describe('demo mode', () => {
  it('is unmistakable in /health, the start-up log and the server instructions', async () => {
    const health = await rawRequest(`${h.origin}/health`);
    expect(health.json).toMatchObject({ status: 'ok', mode: 'demo' });
    expect(h.logEvents()).toContainEqual(expect.objectContaining({ mode: 'demo', msg: expect.stringContaining('DEMO MODE') }));
    const client = await h.connect();
    expect(client.getInstructions()).toContain('DEMO MODE');
  });

  it('serves tool calls and readiness from the in-process demo tenant, not from the test fake', async () => {
    const client = await h.connect();
    const result = await client.callTool({ name: 'get_api_usage', arguments: {} });
    expect(result.isError).toBeFalsy();
    const ready = await rawRequest(`${h.origin}/ready`);
    expect(ready.status).toBe(200);
    expect(h.deps.config.apiUrl).not.toBe(h.fake.restBase);
    expect(h.fake.requests).toEqual([]);
  });
});

describe('the demo tenant in demo mode is current', () => {
  it('its newest tickets are from the last day, so newest-first finds them in its first window', async () => {
    const { liveDemoNow } = await import('../../src/demo/tenant.js');
    expect(liveDemoNow(Date.parse('2026-12-03T14:59:59Z'))).toBe('2026-12-03T14:00:00.000Z');
    const client = await h.connect();
    const r = await client.callTool({ name: 'search_tickets', arguments: { limit: 5 } });
    expect(r.isError).toBeFalsy();
    const s = r.structuredContent as { columns: string[]; rows: unknown[][] };
    const ticketNumber = s.rows[0][s.columns.indexOf('ticketNumber')] as string;
    // Ticket numbers carry their creation day: T{yyyymmdd}.nnnn.
    const day = Date.parse(`${ticketNumber.slice(1, 5)}-${ticketNumber.slice(5, 7)}-${ticketNumber.slice(7, 9)}T00:00:00Z`);
    expect(Date.now() - day).toBeLessThan(3 * 86_400_000);
  });
});

describe('what a user writes in demo mode', () => {
  it('is stamped with the real clock, not the seed\'s hour (a demo runs for days; newest-first must stay true)', async () => {
    const client = await h.connect();
    const s = (await client.callTool({ name: 'search_tickets', arguments: { limit: 1 } })).structuredContent as { rows: unknown[][] };
    const ticketId = s.rows[0][0] as number;
    const args = { parentType: 'ticket', parentId: ticketId, text: 'demo clock check', visibility: 'internal' };
    const preview = await client.callTool({ name: 'create_note', arguments: args });
    const token = (preview.content as { text: string }[])[0].text.match(/confirmationToken="([^"]+)"/)![1];
    const done = await client.callTool({ name: 'create_note', arguments: { ...args, confirmationToken: token } });
    expect(done.isError).toBeFalsy();
    const listed = (await client.callTool({ name: 'list_notes', arguments: { parentType: 'ticket', parentId: ticketId } })).structuredContent as { columns: string[]; rows: unknown[][] };
    const created = Date.parse(listed.rows[0][listed.columns.indexOf('createDateTime')] as string);
    expect(Math.abs(Date.now() - created)).toBeLessThan(120_000);
  });

  it('a tenant seeded two days ago still stamps new records now when realClock is set', async () => {
    const { startDemoTenant, liveDemoNow } = await import('../../src/demo/tenant.js');
    for (const realClock of [true, false]) {
      const tenant = await startDemoTenant({ seed: { now: liveDemoNow(Date.now() - 2 * 86_400_000) }, realClock });
      try {
        const ticket = tenant.fake.records('Tickets')[0];
        const res = await fetch(`${tenant.apiUrl}V1.0/Tickets/${ticket.id}/Notes`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ApiIntegrationCode: tenant.credentials.integrationCode, UserName: tenant.credentials.username, Secret: tenant.credentials.secret },
          body: JSON.stringify({ ticketID: ticket.id, title: 't', description: 'd', noteType: 1, publish: 1 }),
        });
        expect(res.status).toBe(200);
        const id = ((await res.json()) as { itemId: number }).itemId;
        const note = tenant.fake.records('TicketNotes').find((n) => n.id === id)!;
        const age = Date.now() - Date.parse(note.createDateTime as string);
        if (realClock) expect(age).toBeLessThan(120_000);
        else expect(age).toBeGreaterThan(86_400_000);
      } finally {
        await tenant.fake.close();
      }
    }
  });
});
