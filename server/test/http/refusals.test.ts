/**
 * What node's HTTP layer refuses on its own (oversized headers, missing Host, malformed
 * requests) is answered with a JSON-RPC error body too, over raw sockets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { closedWithin, openSocket, parseRawResponse } from '../helpers/sockets.js';

let h: Harness;
let port: number;
beforeAll(async () => {
  h = await startHarness();
  port = Number(new URL(h.url).port);
});
afterAll(async () => {
  await h?.close();
  expect(leakedSentinels(h.logs)).toEqual([]);
});

async function send(raw: string) {
  const s = await openSocket(port);
  s.write(raw);
  const closed = await closedWithin(s, 3_000);
  s.destroy();
  return { res: parseRawResponse(s.received()), closed, raw: s.received() };
}

function expectJsonError(res: ReturnType<typeof parseRawResponse>, status: number, pattern: RegExp) {
  expect(res?.status).toBe(status);
  expect(res?.headers['content-type']).toContain('application/json');
  expect(res?.body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: expect.any(Number), message: expect.stringMatching(pattern) } });
}

describe('refusals before routing', () => {
  it('answers a 20 KB header with a JSON 431 and closes the connection', async () => {
    const { res, closed } = await send(`GET /health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    expectJsonError(res, 431, /headers too large/i);
    expect(closed).toBeGreaterThanOrEqual(0); // -1 = still open
  });

  it('answers a request without Host with a JSON 400', async () => {
    for (const version of ['1.1', '1.0']) {
      const { res } = await send(`GET /health HTTP/${version}\r\n\r\n`);
      expectJsonError(res, 400, /Host header is required/);
    }
  });

  it('answers two Host headers with a JSON 400 (a proxy may read the other one)', async () => {
    const { res } = await send(`GET /health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nHost: evil.example\r\n\r\n`);
    expectJsonError(res, 400, /one Host header/);
  });

  it('answers a malformed request line with a JSON 400', async () => {
    const { res, closed } = await send('NOT AN HTTP REQUEST\r\n\r\n');
    expectJsonError(res, 400, /could not be parsed/);
    expect(closed).toBeGreaterThanOrEqual(0); // -1 = still open
  });
});
