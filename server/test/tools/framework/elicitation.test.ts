/**
 * Writes confirmed by the human through elicitation: a client that declares the capability is
 * asked to approve the same preview; accept executes without a token, anything else writes nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ElicitRequestSchema, type ElicitRequest, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { leakedSentinels, startHarness, type Harness } from '../../helpers/harness.js';
import { call, writeRequests } from './call.js';

let h: Harness;
let client: Client;
let answer: (req: ElicitRequest) => ElicitResult;
const asked: ElicitRequest[] = [];

beforeAll(async () => {
  h = await startHarness();
  client = await h.connect({ capabilities: { elicitation: { form: {} } }, name: 'human-in-the-loop' });
  client.setRequestHandler(ElicitRequestSchema, async (req) => {
    asked.push(req);
    return answer(req);
  });
});
afterAll(async () => {
  await h?.close();
  expect(leakedSentinels(h.logs)).toEqual([]);
});
beforeEach(() => {
  asked.length = 0;
  h.fake.clearRequests();
  h.clearLogs();
});

const ticket = () => h.fake.records('Tickets')[11];
const args = (title: string) => ({ entity: 'Tickets', id: ticket().id, fields: { title } });

describe('elicitation', () => {
  it('accept: the write executes once without a token, after showing the preview', async () => {
    answer = () => ({ action: 'accept', content: { approve: true } });
    const r = await call(client, 'update_entity', args('Approved by the human'));
    expect(r.isError, r.text).toBe(false);
    expect(r.structured).toMatchObject({ status: 'done', operation: 'update', entity: 'Tickets', id: ticket().id });
    expect(asked).toHaveLength(1);
    const params = asked[0].params as { message: string; requestedSchema: { properties: Record<string, unknown> } };
    expect(params.message).toMatch(/Update Tickets \d+/);
    expect(params.message).toContain('Request: PATCH Tickets');
    expect(params.message).toMatch(/Change title: .* -> "Approved by the human"/);
    expect(Object.keys(params.requestedSchema.properties)).toEqual(['approve']);
    expect(writeRequests(h.fake.requests).map((w) => `${w.method} ${w.route}`)).toEqual(['PATCH Tickets']);
    expect(ticket().title).toBe('Approved by the human');
    expect(h.logEvents().filter((e) => e.logger === 'audit')).toEqual([expect.objectContaining({ tool: 'update_entity', confirmedVia: 'elicitation', outcome: 'done', fields: { title: expect.objectContaining({ chars: 'Approved by the human'.length }) } })]);
  });

  for (const [what, result] of [
    ['decline', { action: 'decline' }],
    ['cancel', { action: 'cancel' }],
    ['accept without approval', { action: 'accept', content: { approve: false } }],
  ] as const) {
    it(`${what}: nothing is written`, async () => {
      const before = ticket().title;
      answer = () => result;
      const r = await call(client, 'update_entity', args(`Not approved (${what})`));
      expect(r.isError).toBe(true);
      expect(r.text).toMatch(/The user did not approve the change \(\w+\). Nothing was written/);
      expect(asked).toHaveLength(1);
      expect(writeRequests(h.fake.requests)).toEqual([]);
      expect(ticket().title).toBe(before);
      expect(h.logEvents().filter((e) => e.logger === 'audit')).toEqual([]);
    });
  }

  it('a bad body is refused before the human is asked', async () => {
    answer = () => ({ action: 'accept', content: { approve: true } });
    const r = await call(client, 'update_entity', { entity: 'Tickets', id: ticket().id, fields: { createDate: '2026-01-01' } });
    expect(r.isError).toBe(true);
    expect(asked).toEqual([]);
    expect(writeRequests(h.fake.requests)).toEqual([]);
  });
});
