/**
 * Names a client supplies are looked up in tables (operator hints, "did you mean" aliases, MIME
 * types, catalogue maps). A name that is also a property of Object.prototype - constructor,
 * __proto__, toString... - must be an unknown name like any other: a clear tool error, never
 * "undefined is not a function", "Internal error" or an echoed function body. One test per lookup
 * family, over MCP, asserting that nothing bad reached the fake either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { mcpPost, openRawSession } from '../../helpers/raw.js';
import { call, dataRequests, writeRequests, type CallResult } from './call.js';
import { closest, didYouMean } from '../../../src/tools/query/suggest.js';
import { guessContentType } from '../../../src/tools/attachments/files.js';

/** Names Object.prototype answers for (their lower-cased forms included: lookups lower-case first). */
export const PROTO_KEYS = ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'tostring', 'hasownproperty'];

/** What a prototype hit looks like in an answer. */
const LEAK = /is not a function|is not iterable|Internal error|native code|\[object Object\]|function \w*\(|Cannot read prop|undefined is not|of undefined/i;

function expectClearError(r: CallResult, mentions?: RegExp): void {
  expect(r.isError, r.text).toBe(true);
  expect(r.text).not.toMatch(LEAK);
  if (mentions) expect(r.text).toMatch(mentions);
}

let h: Harness;
let client: Client;
let tools: string[];
beforeAll(async () => {
  h = await startHarness();
  client = await h.connect();
  tools = (await client.listTools()).tools.map((t) => t.name);
});
afterAll(async () => h?.close());

describe('suggestions ("did you mean") for a prototype name', () => {
  it.each(PROTO_KEYS)('%s gives no crash and no made-up suggestion', (k) => {
    expect(() => closest(k, ['companyID', 'status', 'Tickets'])).not.toThrow();
    expect(didYouMean(k, ['companyID', 'status'])).toBe('');
  });
});

describe('a prototype name as an argument name, on every tool', () => {
  // __proto__: see the raw JSON-RPC test below (the SDK client itself drops that key).
  it.each(PROTO_KEYS.filter((k) => k !== '__proto__'))('{"%s":1} is an unknown argument everywhere', async (k) => {
    for (const tool of tools) {
      const r = await call(client, tool, { [k]: 1 });
      expectClearError(r, new RegExp(`Unknown argument "${k}"`));
    }
  });
});

describe('a prototype name where a tool looks a name up', () => {
  beforeAll(() => h.fake.clearRequests());
  afterAll(() => {
    // Every refusal happened before Autotask was asked for data or a write.
    expect(writeRequests(h.fake.requests)).toHaveLength(0);
  });

  it.each(PROTO_KEYS)('entity name %s', async (k) => {
    for (const [tool, args] of [
      ['describe_entity', {}],
      ['query_entities', {}],
      ['count_entities', {}],
      ['get_entity', { id: 1 }],
      ['create_entity', { fields: { title: 'x' } }],
      ['update_entity', { id: 1, fields: { title: 'x' } }],
      ['delete_entity', { id: 1 }],
    ] as const) {
      expectClearError(await call(client, tool, { entity: k, ...args }), /is not an Autotask REST entity/);
    }
    expect(dataRequests(h.fake.requests)).toHaveLength(0);
  });

  it.each(PROTO_KEYS)('filter field, operator and include field %s', async (k) => {
    const q = (extra: Record<string, unknown>) => call(client, 'query_entities', { entity: 'Tickets', ...extra });
    expectClearError(await q({ filter: [{ op: 'eq', field: k, value: 1 }] }), new RegExp(`has no field "${k}"`));
    expectClearError(await call(client, 'count_entities', { entity: 'Companies', filter: [{ op: 'eq', field: k, value: 1 }] }), new RegExp(`has no field "${k}"`));
    expectClearError(await q({ filter: [{ op: k, field: 'id', value: 1 }] }), new RegExp(`"${k}" is not an Autotask operator\\. Valid: eq,`));
    expectClearError(await q({ includeFields: [k] }), new RegExp(`has no field "${k}"`));
    expectClearError(await q({ filter: [{ op: 'eq', field: 'status', value: k }] }), /is not a Tickets\.status label/);
  });

  it.each(PROTO_KEYS)('UDF name %s', async (k) => {
    expectClearError(await call(client, 'query_entities', { entity: 'Tickets', filter: [{ op: 'eq', field: k, udf: true, value: 'x' }] }), new RegExp(`no user-defined field "${k}"`));
    expectClearError(
      await call(client, 'update_entity', { entity: 'Tickets', id: 41001, fields: {}, userDefinedFields: [{ name: k, value: 'x' }] }),
      new RegExp(`no user-defined field "${k}"`),
    );
    expectClearError(await call(client, 'create_entity', { entity: 'Companies', fields: { companyName: 'X', companyType: 1, phone: '1' }, userDefinedFields: [{ name: 'Customer Tier', value: k }] }), new RegExp(`"${k}" is not a value of "Customer Tier"`));
  });

  it.each(PROTO_KEYS.filter((k) => k !== '__proto__'))('fields key %s on create and update', async (k) => {
    // (zod's record drops a __proto__ key itself, so it never becomes a field.)
    expectClearError(await call(client, 'create_entity', { entity: 'Tickets', fields: { [k]: 1, title: 'x' } }), new RegExp(`${k}: Tickets has no such field`));
    expectClearError(await call(client, 'update_entity', { entity: 'Tickets', id: 41001, fields: { [k]: 1 } }), new RegExp(`${k}: Tickets has no such field`));
  });

  it.each(PROTO_KEYS)('picklist label %s on typed tools', async (k) => {
    expectClearError(await call(client, 'search_tickets', { status: k }), new RegExp(`"${k}" is not a valid Tickets\\.status`));
    expectClearError(await call(client, 'update_ticket', { id: 41001, priority: k }), new RegExp(`"${k}" is not a valid Tickets\\.priority`));
    expectClearError(await call(client, 'create_entity', { entity: 'Tickets', fields: { companyID: 0, title: 'x', status: 1, priority: k } }), /priority/);
    expectClearError(await call(client, 'search_companies', { type: k }), new RegExp(`"${k}"`));
  });

  it.each(PROTO_KEYS)('parent route, note parent type, toolset and enum names %s', async (k) => {
    expectClearError(await call(client, 'create_entity', { entity: 'TicketNotes', parentId: 41001, parentEntity: k, fields: { title: 'x', description: 'y', noteType: 1, publish: 1 } }), /parentEntity/);
    expectClearError(await call(client, 'list_notes', { parentType: k, parentId: 1 }), /parentType/);
    expectClearError(await call(client, 'create_note', { parentType: k, parentId: 1, text: 'x' }), /parentType/);
    expectClearError(await call(client, 'list_entities', { supports: k }), /supports/);
    expectClearError(await call(client, 'search_tickets', { order: k }), /order/);
  });
});

describe('with dynamic toolsets (discovery tools listed)', () => {
  it('{"constructor":1} is an unknown argument on every listed tool, and no toolset is named like a prototype key', async () => {
    const d = await startHarness({ env: { AUTOTASK_TOOLSETS: '' } });
    try {
      const c = await d.connect();
      const listed = (await c.listTools()).tools.map((t) => t.name);
      expect(listed).toContain('enable_toolset');
      for (const tool of listed) expectClearError(await call(c, tool, { constructor: 1 }), /Unknown argument "constructor"/);
      for (const k of PROTO_KEYS) expectClearError(await call(c, 'enable_toolset', { toolset: k }), /toolset/);
    } finally {
      await d.close();
    }
  });
});

describe('a prototype name as a file extension', () => {
  it.each(PROTO_KEYS)('x.%s is an octet stream', (k) => {
    expect(guessContentType(`report.${k}`)).toBe('application/octet-stream');
  });

  it('the attachment preview names a plain content type', async () => {
    const r = await call(client, 'attach_file_to_ticket', { ticketID: 41001, fileName: 'notes.constructor', contentBase64: Buffer.from('hello').toString('base64') });
    expect(r.isError, r.text).toBe(false);
    expect(r.text).not.toMatch(LEAK);
    expect(r.text).not.toMatch(/native code|function/);
  });
});

describe('a "__proto__" key sent as raw JSON', () => {
  // JSON.parse makes it an own key; zod's records drop it silently, so it is refused before them.
  it.each([
    ['search_tickets', '{"__proto__":{"limit":1}}', '__proto__'],
    ['get_ticket', '{"id":41001,"__proto__":1}', '__proto__'],
    ['create_entity', '{"entity":"Tickets","fields":{"title":"x","__proto__":{"status":1}}}', 'fields.__proto__'],
    ['query_entities', '{"entity":"Tickets","filter":[{"op":"eq","field":"id","value":1,"__proto__":{"udf":true}}]}', 'filter[0].__proto__'],
  ])('%s %s is a tool error naming %s', async (tool, args, where) => {
    const headers = { 'mcp-session-id': await openRawSession(h.url), 'mcp-protocol-version': '2025-11-25' };
    h.fake.clearRequests();
    const r = await mcpPost(h.url, `{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"${tool}","arguments":${args}}}`, headers);
    expect(r.json?.result?.isError, r.text).toBe(true);
    const text = r.json.result.content[0].text as string;
    expect(text).toContain(`"${where}"`);
    expect(text).toMatch(/Nothing was sent/);
    expect(dataRequests(h.fake.requests)).toHaveLength(0);
  });
});
