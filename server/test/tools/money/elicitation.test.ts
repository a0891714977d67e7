/**
 * create_quote confirmed by the human through elicitation: the one question lists every request
 * in order (inside the untrusted boundary), and accepting sends each of them once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ElicitRequestSchema, type ElicitRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { call, writeRequests } from '../framework/call.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';

const seed = buildDemoSeed();
const open = seed.records.Opportunities.find((o) => o.status === 1)!;
const LAPTOP = 29683600;

let h: Harness;
let client: Client;
const asked: ElicitRequest[] = [];

beforeAll(async () => {
  h = await startHarness();
  client = await h.connect({ capabilities: { elicitation: { form: {} } }, name: 'human-in-the-loop' });
  client.setRequestHandler(ElicitRequestSchema, async (req) => {
    asked.push(req);
    return { action: 'accept', content: { approve: true } };
  });
});
afterAll(async () => h?.close());

describe('create_quote through elicitation', () => {
  it('asks once with every step, then sends each request once', async () => {
    const r = await call(client, 'create_quote', { opportunityID: open.id, name: 'Two laptops', items: [{ productID: LAPTOP, quantity: 2 }] });
    expect(r.isError, r.text).toBe(false);
    expect(asked).toHaveLength(1);
    const message = (asked[0].params as { message: string }).message;
    expect(message).toMatch(/3 requests, sent in order; a failure stops the rest/);
    expect(message).toMatch(/<data-\w+>[\s\S]*Step 1: POST QuoteLocations[\s\S]*Step 2: POST Quotes - [\s\S]*Step 3: POST Quotes\/\{id from step 2\}\/Items - Item: 2 x Business Laptop[\s\S]*<\/data-\w+>/);
    const quote = h.fake.records('Quotes').at(-1)!;
    expect(writeRequests(h.fake.requests).map((w) => `${w.method} ${w.route}`)).toEqual(['POST QuoteLocations', 'POST Quotes', `POST Quotes/${quote.id}/Items`]);
    expect(r.structured).toMatchObject({ status: 'done', entity: 'Quotes', id: quote.id });
    expect(h.logEvents().filter((e) => e.logger === 'audit').map((e) => e.confirmedVia)).toEqual(['elicitation', 'elicitation', 'elicitation']);
  });
});
