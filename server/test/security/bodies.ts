/** Oversized, compressed, malformed and slow requests against a token-protected server. */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../helpers/harness.js';
import { MCP_HEADERS, openRawSession } from '../helpers/raw.js';
import { closedWithin, openSocket, parseRawResponse, trickle, type RawSocket } from '../helpers/sockets.js';
import { AUTH, TOKEN, expectJsonError, post, raw, scan, securedHarness } from './support.js';

const TIMEOUTS = { headersMs: 1_000, requestMs: 1_500, checkEveryMs: 100 };

export function bodyVariants(): void {
  describe('oversized and slow bodies', () => {
    let h: Harness & { done(): Promise<void> };
    let port: number;
    beforeAll(async () => {
      h = await securedHarness('bodies', { env: { MCP_AUTH_TOKEN: TOKEN }, http: { timeouts: TIMEOUTS } });
      port = Number(new URL(h.url).port);
    });
    afterAll(() => h?.done());

    const head = (extra: string[]) => [`POST /mcp HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Content-Type: application/json', 'Accept: application/json, text/event-stream', ...extra, '', ''].join('\r\n');
    async function socketAnswer(s: RawSocket, ms = 3_000) {
      const closed = await closedWithin(s, ms);
      s.destroy();
      scan.record('bodies socket', s.received());
      return { res: parseRawResponse(s.received()), closed };
    }

    it('answers an unauthenticated 9 MB body with 401 at once, without reading it, and closes', async () => {
      const s = await openSocket(port);
      s.write(head([`Content-Length: ${9 * 1024 * 1024}`]));
      s.write('{"jsonrpc":"2.0","pad":"');
      const started = Date.now();
      const { res, closed } = await socketAnswer(s);
      expect(res?.status).toBe(401);
      expect(closed).toBeGreaterThanOrEqual(0);
      expect(Date.now() - started).toBeLessThan(5_000); // the body never arrives: waiting for it would take the 30 s request timeout
    });

    it('answers an authenticated oversized body with 413 JSON at once, declared or chunked, without reading the rest', async () => {
      const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(9 * 1024 * 1024) } });
      expectJsonError(await post('bodies answer', h.url, big, AUTH), 413);
      // Declared too large, body still to come: answered before a byte of it is read.
      const declared = await openSocket(port);
      declared.write(head([`Authorization: Bearer ${TOKEN}`, `Content-Length: ${64 * 1024 * 1024}`]) + '{"jsonrpc":');
      const early = await socketAnswer(declared, 1_000);
      expect(early.res?.status).toBe(413);
      expect(early.closed).toBeGreaterThanOrEqual(0);
      // Chunked and never ending: answered once the limit is passed, and the connection closed.
      const s = await openSocket(port);
      s.write(head([`Authorization: Bearer ${TOKEN}`, 'Transfer-Encoding: chunked']));
      const chunk = 'x'.repeat(1024 * 1024);
      for (let i = 0; i < 9; i++) s.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      const { res, closed } = await socketAnswer(s, 1_000);
      expect(res?.status).toBe(413);
      expect(res?.body).toMatchObject({ error: { message: expect.stringContaining('MCP_BODY_LIMIT') } });
      expect(closed).toBeGreaterThanOrEqual(0);
    });

    it('measures the limit after decompression (a gzip bomb gets 413) and refuses unknown encodings', async () => {
      const bomb = gzipSync(Buffer.from(`{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"${'0'.repeat(64 * 1024 * 1024)}"}}`));
      expect(bomb.length).toBeLessThan(200 * 1024);
      const s = await openSocket(port);
      s.write(head([`Authorization: Bearer ${TOKEN}`, 'Content-Encoding: gzip', `Content-Length: ${bomb.length}`]));
      s.socket.write(bomb);
      const { res } = await socketAnswer(s, 5_000);
      expect(res?.status).toBe(413);
      const compress = await raw('bodies answer', h.url, { method: 'POST', headers: { ...MCP_HEADERS, ...AUTH, 'Content-Encoding': 'compress' }, body: '{}' });
      expectJsonError(compress, 415);
      const latin = await raw('bodies answer', h.url, { method: 'POST', headers: { ...MCP_HEADERS, ...AUTH, 'Content-Type': 'application/json; charset=iso-8859-1' }, body: '{}' });
      expectJsonError(latin, 415);
    });

    it('answers request-smuggling shapes and bad lengths with a JSON 400 and closes', async () => {
      for (const extra of [['Content-Length: 5', 'Transfer-Encoding: chunked'], ['Content-Length: abc'], ['Content-Length: 5', 'Content-Length: 6'], ['Transfer-Encoding: gzip, chunked, identity']]) {
        const s = await openSocket(port);
        s.write(head([`Authorization: Bearer ${TOKEN}`, ...extra]) + '0\r\n\r\n');
        const { res, closed } = await socketAnswer(s);
        expect({ extra, status: res?.status }).toEqual({ extra, status: 400 });
        expect(res?.headers['content-type']).toContain('application/json');
        expect(closed).toBeGreaterThanOrEqual(0);
      }
    });

    it('cuts slow authenticated bodies at the request deadline with 408, and 20 KB headers get 431', async () => {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', pad: 'y'.repeat(200) });
      const sockets = await Promise.all(Array.from({ length: 5 }, () => openSocket(port)));
      for (const s of sockets) {
        s.write(head([`Authorization: Bearer ${TOKEN}`, `Content-Length: ${body.length}`]));
        trickle(s, body, 100);
      }
      const answers = await Promise.all(sockets.map((s) => socketAnswer(s, 4_000)));
      for (const a of answers) {
        expect(a.res?.status).toBe(408);
        expect(a.closed).toBeGreaterThan(0);
        expect(a.closed).toBeLessThan(TIMEOUTS.requestMs + 1_000);
      }
      const s = await openSocket(port);
      s.write(head([`Authorization: Bearer ${TOKEN}`, `X-Pad: ${'z'.repeat(20 * 1024)}`]));
      expect((await socketAnswer(s)).res?.status).toBe(431);
    });

    it('answers a 100,000-deep JSON body with a JSON error and keeps serving', async () => {
      const sid = await openRawSession(h.url, AUTH);
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const res = await post('bodies answer', h.url, deep, { ...AUTH, 'mcp-session-id': sid });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('content-type')).toContain('application/json');
      const ping = await post('bodies answer', h.url, { jsonrpc: '2.0', id: 2, method: 'ping' }, { ...AUTH, 'mcp-session-id': sid });
      expect(ping.json).toMatchObject({ id: 2, result: {} });
    });
  });
}
