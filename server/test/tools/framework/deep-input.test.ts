/**
 * Arguments nested thousands of levels deep (a filter, a field value, a whole fields object) are
 * refused with a tool error that says what is wrong, before any recursive code (zod's lazy filter
 * grammar, canonical JSON, previews) can overflow the stack. Sent as raw JSON-RPC: the SDK client
 * itself cannot serialise such values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { mcpPost, openRawSession } from '../../helpers/raw.js';
import { dataRequests } from './call.js';

const N = 5000;
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const deepArray = (n: number) => '['.repeat(n) + '1' + ']'.repeat(n);
const deepFilter = (n: number) => '{"op":"and","items":['.repeat(n) + '{"op":"eq","field":"id","value":1}' + ']}'.repeat(n);

let h: Harness;
let headers: Record<string, string>;
let nextId = 1;
beforeAll(async () => {
  h = await startHarness();
  headers = { 'mcp-session-id': await openRawSession(h.url), 'mcp-protocol-version': '2025-11-25' };
});
afterAll(async () => h?.close());

async function callRaw(tool: string, argsJson: string): Promise<{ isError: boolean; text: string }> {
  const body = `{"jsonrpc":"2.0","id":${nextId++},"method":"tools/call","params":{"name":"${tool}","arguments":${argsJson}}}`;
  const r = await mcpPost(h.url, body, headers);
  expect(r.status).toBe(200);
  expect(r.json?.error, r.text).toBeUndefined();
  const result = r.json.result as { isError?: boolean; content: Array<{ text: string }> };
  return { isError: !!result.isError, text: result.content.map((c) => c.text).join('\n') };
}

describe('deeply nested arguments', () => {
  it.each([
    ['create_entity', `{"entity":"Tickets","fields":{"title":${deepObject(N)}}}`, 'fields.title'],
    ['create_entity', `{"entity":"Tickets","fields":${deepObject(N)}}`, 'fields.a'],
    ['create_entity', `{"entity":"Tickets","fields":{"title":${deepArray(N)}}}`, 'fields.title'],
    ['update_entity', `{"entity":"Tickets","id":1,"fields":{"title":${deepObject(N)}}}`, 'fields.title'],
    ['query_entities', `{"entity":"Tickets","filter":[${deepFilter(N)}]}`, 'filter[0]'],
    ['count_entities', `{"entity":"Tickets","filter":[${deepFilter(N)}]}`, 'filter[0]'],
  ])('%s %#: a clear tool error naming where', async (tool, args, where) => {
    h.fake.clearRequests();
    const r = await callRaw(tool, args);
    expect(r.isError, r.text).toBe(true);
    expect(r.text).toMatch(/nested more than \d+ levels deep/);
    expect(r.text).toContain(where);
    expect(r.text).toMatch(/Nothing was sent/);
    expect(r.text).not.toMatch(/Internal error|stack|retry once/i);
    expect(dataRequests(h.fake.requests)).toHaveLength(0);
  });

  it('a filter given as JSON text is measured after parsing', async () => {
    const r = await callRaw('query_entities', `{"entity":"Tickets","filter":${JSON.stringify(`[${deepFilter(2000)}]`)}}`);
    expect(r.isError, r.text).toBe(true);
    expect(r.text).toMatch(/nested more than \d+ levels deep/);
    expect(r.text).not.toMatch(/Internal error/);
  });

  it('a filter nested a little too deep still gets the grammar answer (groups at most 8 deep)', async () => {
    const r = await callRaw('query_entities', `{"entity":"Tickets","filter":[${deepFilter(10)}]}`);
    expect(r.isError, r.text).toBe(true);
    expect(r.text).toMatch(/nested more than 8 deep; flatten the filter/);
  });

  it('the server keeps serving afterwards', async () => {
    const r = await callRaw('get_ticket', '{"id":41001}');
    expect(r.isError, r.text).toBe(false);
  });
});
