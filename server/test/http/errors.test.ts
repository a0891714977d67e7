/** Every failure is JSON: malformed and oversized bodies, thrown errors. No HTML, no stack traces. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { MCP_HEADERS, mcpPost, openRawSession, rawRequest, type RawResponse } from '../helpers/raw.js';
import { errorHandler } from '../../src/http/errors.js';

function expectCleanJson(res: RawResponse) {
  expect(res.headers.get('content-type')).toContain('application/json');
  expect(res.text).not.toMatch(/<!DOCTYPE|<html|<pre>/i);
  expect(res.text).not.toMatch(/node_modules|\bat \S+ \(|\.ts:\d+/);
}

describe('body handling', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
    expect(leakedSentinels(h.logs)).toEqual([]);
  });

  it('answers malformed JSON with 400 JSON-RPC -32700 and id null', async () => {
    const res = await mcpPost(h.url, '{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(res.status).toBe(400);
    expectCleanJson(res);
    expect(res.json).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: expect.stringContaining('not valid JSON') } });
  });

  it('answers an oversized body with 413 JSON naming the limit', async () => {
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { _meta: { pad: 'x'.repeat(9 * 1024 * 1024) } } });
    const res = await mcpPost(h.url, big);
    expect(res.status).toBe(413);
    expectCleanJson(res);
    expect(res.json.error.message).toContain('8mb');
  });

  it('accepts bodies up to the default 8 MB limit (base64 attachments travel inside tool arguments)', async () => {
    const sid = await openRawSession(h.url);
    const body = { jsonrpc: '2.0', id: 2, method: 'ping', params: { _meta: { pad: 'x'.repeat(6 * 1024 * 1024) } } };
    const res = await mcpPost(h.url, body, { 'mcp-session-id': sid });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: 2, result: {} });
  });

  it('answers a wrong content type or Accept header with JSON errors from the transport', async () => {
    const sid = await openRawSession(h.url);
    const text = await rawRequest(h.url, { method: 'POST', headers: { ...MCP_HEADERS, 'Content-Type': 'text/plain', 'mcp-session-id': sid }, body: 'hello' });
    expect(text.status).toBe(415);
    expectCleanJson(text);
    const accept = await mcpPost(h.url, { jsonrpc: '2.0', id: 3, method: 'ping' }, { Accept: 'text/html', 'mcp-session-id': sid });
    expect(accept.status).toBe(406);
    expectCleanJson(accept);
  });
});

describe('errorHandler', () => {
  it('turns a thrown error into a bare 500 JSON body and logs it', async () => {
    let logged = '';
    const logger = pino({ base: undefined }, { write: (s: string) => (logged += s) });
    const app = express();
    app.get('/boom', () => {
      throw new Error('kaboom with internals');
    });
    app.use(errorHandler(logger, '8mb'));
    const server = createServer(app).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await rawRequest(`http://127.0.0.1:${(server.address() as AddressInfo).port}/boom`);
      expect(res.status).toBe(500);
      expectCleanJson(res);
      expect(res.text).not.toContain('kaboom');
      expect(res.json).toMatchObject({ error: { code: -32603 } });
      expect(logged).toContain('kaboom with internals');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
