/**
 * Which clients are asked by form elicitation: only those that declare form support (an empty
 * `elicitation: {}` means form, per the spec). A client that declares only URL-mode elicitation,
 * or none, gets the token flow. A human who does not answer within
 * MCP_ELICITATION_TIMEOUT_SECONDS gets the token flow too, with a message that says why.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ElicitRequestSchema, type ClientCapabilities, type ElicitRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { leakedSentinels, startHarness, type Harness } from '../../helpers/harness.js';
import { call, writeRequests } from './call.js';

let h: Harness | undefined;
afterEach(async () => {
  if (h) expect(leakedSentinels(h.logs)).toEqual([]);
  await h?.close();
  h = undefined;
});

async function client(capabilities: ClientCapabilities, env: Record<string, string> = {}, answer?: (req: ElicitRequest) => Promise<unknown>): Promise<{ client: Client; asked: ElicitRequest[] }> {
  h = await startHarness({ env });
  const c = await h.connect({ capabilities });
  const asked: ElicitRequest[] = [];
  if (capabilities.elicitation) {
    c.setRequestHandler(ElicitRequestSchema, async (req) => {
      asked.push(req);
      return (answer ? await answer(req) : { action: 'accept', content: { approve: true } }) as never;
    });
  }
  return { client: c, asked };
}

const args = () => ({ entity: 'Tickets', id: h!.fake.records('Tickets')[3].id, fields: { title: 'Asked how?' } });

describe('elicitation capability shapes', () => {
  it('URL mode only: the token flow, never "Internal error"; nothing written', async () => {
    const { client: c, asked } = await client({ elicitation: { url: {} } });
    const r = await call(c, 'update_entity', args());
    expect(r.isError, r.text).toBe(false);
    expect(r.structured.status).toBe('confirmation_required');
    expect(typeof r.structured.confirmationToken).toBe('string');
    expect(asked).toEqual([]);
    expect(writeRequests(h!.fake.requests)).toEqual([]);
  });

  it('an empty elicitation object means form: the human is asked', async () => {
    const { client: c, asked } = await client({ elicitation: {} });
    const r = await call(c, 'update_entity', args());
    expect(r.structured.status, r.text).toBe('done');
    expect(asked).toHaveLength(1);
    expect(writeRequests(h!.fake.requests)).toHaveLength(1);
  });

  it('form and url: asked by form', async () => {
    const { client: c, asked } = await client({ elicitation: { form: {}, url: {} } });
    const r = await call(c, 'update_entity', args());
    expect(r.structured.status, r.text).toBe('done');
    expect((asked[0].params as { mode?: string }).mode).toBe('form');
  });

  it('no elicitation: the token flow', async () => {
    const { client: c } = await client({});
    const r = await call(c, 'update_entity', args());
    expect(r.structured.status, r.text).toBe('confirmation_required');
  });

  it('a human who does not answer in time: the token flow with a message saying so; nothing written', async () => {
    const { client: c, asked } = await client({ elicitation: { form: {} } }, { MCP_ELICITATION_TIMEOUT_SECONDS: '1' }, () => new Promise(() => undefined));
    const r = await call(c, 'update_entity', args());
    expect(asked).toHaveLength(1);
    expect(r.isError, r.text).toBe(false);
    expect(r.structured.status).toBe('confirmation_required');
    expect(r.text).toMatch(/did not answer the approval request within 1 s/);
    expect(r.structured.elicitation).toMatch(/did not answer/);
    expect(writeRequests(h!.fake.requests)).toEqual([]);
    const token = r.structured.confirmationToken as string;
    const done = await call(c, 'update_entity', { ...args(), confirmationToken: token });
    expect(done.structured.status, done.text).toBe('done');
    expect(writeRequests(h!.fake.requests)).toHaveLength(1);
  });
});
