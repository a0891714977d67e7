/**
 * Requests whose params do not fit the method's schema (tools/call with arguments [], null, 42 or
 * a string...) are answered with JSON-RPC -32602 Invalid params and a short message saying what
 * is wrong - not -32603 Internal error with a raw zod issue dump. Over HTTP and over stdio.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStdioServer } from '../../src/stdio.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { mcpPost, openRawSession } from '../helpers/raw.js';

const call = (args: unknown) => ({ method: 'tools/call', params: { name: 'get_ticket', arguments: args } });

const CASES: Array<[string, { method: string; params?: unknown }, RegExp]> = [
  ['arguments []', call([]), /arguments must be an object/],
  ['arguments null', call(null), /arguments must be an object/],
  ['arguments 42', call(42), /arguments must be an object/],
  ['arguments "text"', call('text'), /arguments must be an object/],
  ['arguments true', call(true), /arguments must be an object/],
  ['name 42', { method: 'tools/call', params: { name: 42, arguments: {} } }, /params\.name/],
  ['no params', { method: 'tools/call' }, /params/],
  ['resources/read uri 5', { method: 'resources/read', params: { uri: 5 } }, /params\.uri/],
  ['resources/read uri that is no URI', { method: 'resources/read', params: { uri: 'tickets 41001' } }, /params\.uri must be an absolute URI/],
  ['prompts/get with a number argument', { method: 'prompts/get', params: { name: 'triage_ticket', arguments: { ticketId: 5 } } }, /params\.arguments\.ticketId/],
];

/** params that are not an object at all: the transport refuses the message itself, with a JSON error. */
const NOT_MESSAGES: Array<[string, object]> = [
  ['params []', { method: 'tools/call', params: [] }],
  ['tools/list params 7', { method: 'tools/list', params: 7 }],
];

/** Short, plain, and free of zod's JSON dump and of code locations. */
function expectInvalidParams(error: { code: number; message: string } | undefined, mentions: RegExp): void {
  expect(error?.code, JSON.stringify(error)).toBe(-32602);
  expect(error!.message).toMatch(mentions);
  expect(error!.message.length).toBeLessThan(400);
  expect(error!.message).not.toMatch(/[[{]\s*\n|"code":|invalid_type|\.ts:|node_modules/);
}

describe('over HTTP', () => {
  let h: Harness;
  let headers: Record<string, string>;
  beforeAll(async () => {
    h = await startHarness();
    headers = { 'mcp-session-id': await openRawSession(h.url), 'mcp-protocol-version': '2025-11-25' };
  });
  afterAll(async () => h?.close());

  it.each(CASES)('%s: -32602 with a short message', async (_label, message, mentions) => {
    const r = await mcpPost(h.url, { jsonrpc: '2.0', id: 9, ...message }, headers);
    expect(r.status).toBe(200);
    expect(r.json?.id).toBe(9);
    expectInvalidParams(r.json?.error, mentions);
  });

  it.each(NOT_MESSAGES)('%s: 400 with a JSON-RPC error', async (_label, message) => {
    const r = await mcpPost(h.url, { jsonrpc: '2.0', id: 9, ...message }, headers);
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(r.json?.error?.message).toMatch(/Invalid JSON-RPC message/);
  });

  // The SDK keeps tools, prompts and completers in plain objects: a prototype name found a function there.
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('a tool, prompt or completion argument named %s is not found, not "disabled" or a crash', async (k) => {
    const send = async (message: object) => (await mcpPost(h.url, { jsonrpc: '2.0', id: 30, ...message }, headers)).json;
    const tool = await send({ method: 'tools/call', params: { name: k, arguments: {} } });
    expect(tool.result?.isError, JSON.stringify(tool)).toBe(true);
    expect(tool.result.content[0].text).toMatch(new RegExp(`Tool ${k} not found`));
    for (const m of [{ method: 'prompts/get', params: { name: k } }, { method: 'completion/complete', params: { ref: { type: 'ref/prompt', name: k }, argument: { name: 'x', value: '' } } }]) {
      const r = await send(m);
      expect(r.error?.code, JSON.stringify(r)).toBe(-32602);
      expect(r.error.message).toMatch(new RegExp(`Prompt ${k} not found`));
    }
    const completion = await send({ method: 'completion/complete', params: { ref: { type: 'ref/resource', uri: 'autotask://schema/{entity}' }, argument: { name: k, value: 'T' } } });
    expect(completion.result, JSON.stringify(completion)).toEqual({ completion: { values: [], hasMore: false } });
  });

  it('a valid call on the same session still works', async () => {
    const r = await mcpPost(h.url, { jsonrpc: '2.0', id: 10, ...call({ id: 41001 }) }, headers);
    expect(r.json?.result?.isError).toBeFalsy();
  });
});

describe('over stdio', () => {
  it('answers -32602 too, and the drain count is released', async () => {
    const h = await startHarness();
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let text = '';
    stdout.setEncoding('utf8').on('data', (c: string) => (text += c));
    const frames = () => text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
    const stdio = await startStdioServer(h.deps, { stdin, stdout });
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'p', version: '1' } } };
    stdin.write(`${JSON.stringify(init)}\n${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n${JSON.stringify({ jsonrpc: '2.0', id: 2, ...call([]) })}\n`);
    const deadline = Date.now() + 5_000;
    while (frames().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expectInvalidParams(frames().find((f) => f.id === 2)?.error, /arguments must be an object/);
    expect(stdio.inFlight()).toBe(0);
    await stdio.close(1_000);
    await h.close();
  });
});
