/** DNS-rebinding protection: Host and Origin variants a browser, proxy or attacker may send. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../helpers/harness.js';
import { initializeMessage } from '../helpers/raw.js';
import { closedWithin, openSocket, parseRawResponse } from '../helpers/sockets.js';
import { expectJsonError, post, raw, scan, securedHarness } from './support.js';

export function rebindingVariants(): void {
  describe('DNS-rebinding Host and Origin variants', () => {
    let h: Harness & { done(): Promise<void> };
    let port: string;
    beforeAll(async () => {
      h = await securedHarness('rebinding', { env: { MCP_ALLOWED_HOSTS: 'mcp.internal.example', MCP_ALLOWED_ORIGINS: 'https://app.example.com' } });
      port = new URL(h.url).port;
    });
    afterAll(() => h?.done());

    const hostStatus = async (host: string) => (await raw('rebinding answer', `${h.origin}/health`, { headers: { Host: host } })).status;

    it('refuses foreign, look-alike and non-canonical Host headers with 403 JSON', async () => {
      const refused = [
        `evil.example:${port}`,
        'evil.example',
        `localhost.evil.example:${port}`,
        `127.0.0.1.nip.io:${port}`,
        `localhost.:${port}`,
        `mcp.internal.example.evil.example`,
        `evil-mcp.internal.example`,
        `[::ffff:127.0.0.1]:${port}`,
        `2130706433:${port}`,
        `0x7f000001:${port}`,
        `127.1:${port}`,
        `0177.0.0.1:${port}`,
        `localhost:99999`,
        `xn--lcalhost-9za:${port}`,
        `[0:0:0:0:0:0:0:1]:${port}`, // [::1] spelled out: only the canonical spelling is listed
      ];
      for (const host of refused) {
        const res = await raw('rebinding answer', `${h.origin}/health`, { headers: { Host: host } });
        expect({ host, status: res.status }).toEqual({ host, status: 403 });
        expectJsonError(res, 403);
      }
    });

    it('refuses Host values that are not a host at all with 403 or 400, never 200', async () => {
      for (const host of [`user@localhost:${port}`, `localhost:${port}/x`, `localhost:${port}?x`, `localhost:${port}#x`, 'localhost:', `localhost:${port} evil.example`]) {
        const status = await hostStatus(host);
        expect({ host, ok: status === 403 || status === 400 }).toEqual({ host, ok: true });
      }
      // node's client replaces an empty Host with its own: send this one by hand.
      const s = await openSocket(Number(port));
      s.write('GET /health HTTP/1.1\r\nHost: \r\n\r\n');
      await closedWithin(s, 2_000);
      s.destroy();
      scan.record('rebinding socket', s.received());
      expect(parseRawResponse(s.received())?.status).toBe(400);
    });

    it('accepts the loopback names in any case and the configured host', async () => {
      for (const host of [`localhost:${port}`, `LOCALHOST:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'mcp.internal.example', 'MCP.Internal.Example:443']) {
        expect({ host, status: await hostStatus(host) }).toEqual({ host, status: 200 });
      }
    });

    it('refuses a request with two Host headers (raw socket)', async () => {
      const s = await openSocket(Number(port));
      s.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nHost: evil.example\r\n\r\n`);
      await closedWithin(s, 2_000);
      s.destroy();
      scan.record('rebinding socket', s.received());
      expect(parseRawResponse(s.received())?.status).toBe(400);
    });

    it('refuses foreign and malformed Origins with 403 and creates no session', async () => {
      const refused = [
        'null',
        'http://evil.example',
        `http://localhost:${port}.evil.example`,
        `http://localhost:${port}@evil.example`,
        `https://localhost:${port}`,
        `http://localhost:${Number(port) + 1}`,
        `ws://localhost:${port}`,
        'file://',
        'chrome-extension://abcdefghijklmnop',
        'https://app.example.com.evil.example',
        'https://app.example.com:444',
        'http://app.example.com',
        `http://localhost:${port}, http://evil.example`,
        '',
      ];
      for (const origin of refused) {
        const res = await post('rebinding answer', h.url, initializeMessage(), { Origin: origin });
        expect({ origin, status: res.status }).toEqual({ origin, status: 403 });
      }
      expect(h.http.sessions.size).toBe(0);
    });

    it('accepts an absent Origin, the loopback origins on this port and the configured one', async () => {
      for (const origin of [undefined, `http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`, `http://LOCALHOST:${port}`, 'https://app.example.com', 'https://app.example.com:443']) {
        const res = await post('rebinding answer', h.url, initializeMessage(), origin === undefined ? {} : { Origin: origin });
        expect({ origin, status: res.status }).toEqual({ origin, status: 200 });
      }
    });

    it('refuses a foreign Origin even with an allowed Host, on every route', async () => {
      for (const path of ['/health', '/ready', '/mcp', '/nothing']) {
        const res = await raw('rebinding answer', `${h.origin}${path}`, { headers: { Host: `localhost:${port}`, Origin: 'http://evil.example' } });
        expectJsonError(res, 403);
      }
    });
  });
}
