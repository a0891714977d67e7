/**
 * The declared `logging` capability is used: a tool call's read retries (info) and budget
 * warnings (warning) reach the client as notifications/message, filtered by logging/setLevel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LoggingMessageNotificationSchema, type LoggingMessageNotification } from '@modelcontextprotocol/sdk/types.js';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { leakedSentinels, startHarness, type Harness } from '../../helpers/harness.js';
import { call } from './call.js';

let h: Harness | undefined;
afterEach(async () => {
  if (h) expect(leakedSentinels(h.logs)).toEqual([]);
  await h?.close();
  h = undefined;
});

async function connect(others: number): Promise<{ client: Client; messages: Array<LoggingMessageNotification['params']> }> {
  h = await startHarness({ fake: { usage: { limit: 10_000, others } }, env: { AUTOTASK_BUDGET_CHECK_SECONDS: '60' } });
  const client = await h.connect();
  const messages: Array<LoggingMessageNotification['params']> = [];
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
    messages.push(n.params);
  });
  return { client, messages };
}

const text = (m: { data: unknown }) => JSON.stringify(m.data);

describe('MCP logging notifications', () => {
  it('a retried read tells the client (info), without a secret', async () => {
    const { client, messages } = await connect(0);
    h!.fake.addFault({ route: /^Companies\/query$/, times: 1, fault: { kind: 'status', status: 503 } });
    const r = await call(client, 'search_companies', { name: 'a' });
    expect(r.isError, r.text).toBe(false);
    const retry = messages.find((m) => /retr/i.test(text(m)));
    expect(retry, JSON.stringify(messages)).toMatchObject({ level: 'info', logger: 'autotask-mcp' });
    expect(text(retry!)).toMatch(/Companies\/query/);
    expect(leakedSentinels(JSON.stringify(messages))).toEqual([]);
  });

  it('past the warning level the budget warning is sent as a warning', async () => {
    const { client, messages } = await connect(8_500);
    const r = await call(client, 'get_ticket', { id: h!.fake.records('Tickets')[0].id });
    expect(r.isError, r.text).toBe(false);
    expect(messages.filter((m) => m.level === 'warning' && /API budget/.test(text(m)))).toHaveLength(1);
  });

  it('logging/setLevel warning drops the info retries but keeps budget warnings', async () => {
    const { client, messages } = await connect(8_500);
    await client.setLoggingLevel('warning');
    h!.fake.addFault({ route: /^Companies\/query$/, times: 1, fault: { kind: 'status', status: 503 } });
    const r = await call(client, 'search_companies', { name: 'a' });
    expect(r.isError, r.text).toBe(false);
    expect(h!.fake.requests.filter((q) => q.route === 'Companies/query').length).toBeGreaterThanOrEqual(2);
    expect(messages.some((m) => m.level === 'info')).toBe(false);
    expect(messages.some((m) => m.level === 'warning')).toBe(true);
  });
});
