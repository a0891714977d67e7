/** Bearer token variants against a token-protected server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../helpers/harness.js';
import { initializeMessage, openRawSession } from '../helpers/raw.js';
import { AUTH, TOKEN, expectJsonError, post, raw, recordedClient, securedHarness } from './support.js';

export function bearerVariants(): void {
  describe('bearer token variants', () => {
    let h: Harness & { done(): Promise<void> };
    beforeAll(async () => {
      h = await securedHarness('bearer', { env: { MCP_AUTH_TOKEN: TOKEN } });
    });
    afterAll(() => h?.done());

    const initialize = (headers: Record<string, string | string[]>, path = '') =>
      post('bearer answer', `${h.url}${path}`, initializeMessage(), headers as Record<string, string>);

    it('refuses a missing, empty or wrong token with 401 + WWW-Authenticate, never echoing it', async () => {
      for (const headers of [{}, { Authorization: '' }, { Authorization: 'Bearer' }, { Authorization: 'Bearer ' }, { Authorization: `Bearer ${TOKEN}x` }, { Authorization: `Bearer ${TOKEN.slice(0, -1)}` }, { Authorization: `Bearer ${TOKEN.toLowerCase()}` }, { Authorization: `Bearer x${TOKEN}` }] as Array<Record<string, string>>) {
        const res = await initialize(headers);
        expectJsonError(res, 401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="autotask-mcp"');
        expect(res.headers.get('connection')).toBe('close');
      }
      expect(h.http.sessions.size).toBe(0);
    });

    it('refuses other schemes and malformed credentials', async () => {
      for (const value of [`Basic ${TOKEN}`, `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`, `Token ${TOKEN}`, `Bearer\t${TOKEN}`, `Bearer "${TOKEN}"`, `Bearer ${TOKEN} extra`, `Bearer ${TOKEN},Bearer other`, `Bearer${TOKEN}`, `${TOKEN}`]) {
        expectJsonError(await initialize({ Authorization: value }), 401);
      }
      expect(h.http.sessions.size).toBe(0);
    });

    it('accepts the scheme in any case and extra spaces around the token (RFC 7235, RFC 6750 1*SP)', async () => {
      for (const value of [`bearer ${TOKEN}`, `BEARER ${TOKEN}`, `BeArEr ${TOKEN}`, `Bearer   ${TOKEN}`, `  Bearer ${TOKEN}  `]) {
        const res = await initialize({ Authorization: value });
        expect(res.status, value.replace(TOKEN, '<token>')).toBe(200);
      }
    });

    it('refuses a request with two Authorization headers, whichever comes first', async () => {
      for (const pair of [[`Bearer ${TOKEN}`, 'Bearer wrong-token-0123456789'], ['Bearer wrong-token-0123456789', `Bearer ${TOKEN}`], [`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]]) {
        const res = await initialize({ Authorization: pair });
        expect(res.status).toBe(400);
        expectJsonError(res, 400);
        expect(res.json.error.message).toContain('one Authorization header');
      }
    });

    it('refuses a token in the query string, alone or next to a good header', async () => {
      for (const [path, headers] of [[`?access_token=${TOKEN}`, {}], [`?access_token=${encodeURIComponent(TOKEN)}`, AUTH], [`?token=${TOKEN}`, {}]] as const) {
        const res = await initialize(headers, path);
        expectJsonError(res, 401);
        expect(res.json.error.message).toMatch(/Authorization: Bearer/);
      }
      expect(h.logs).not.toContain('access_token');
    });

    it('checks the token before looking at the session (no session-id oracle), on POST, GET and DELETE', async () => {
      const sid = await openRawSession(h.url, AUTH);
      for (const method of ['POST', 'GET', 'DELETE']) {
        const headers: Record<string, string> = { 'mcp-session-id': sid, Accept: 'application/json, text/event-stream', 'Content-Type': 'application/json' };
        const known = await raw('bearer answer', h.url, { method, headers, body: method === 'POST' ? { jsonrpc: '2.0', id: 1, method: 'ping' } : undefined });
        const unknown = await raw('bearer answer', h.url, { method, headers: { ...headers, 'mcp-session-id': '00000000-0000-4000-8000-000000000000' }, body: method === 'POST' ? { jsonrpc: '2.0', id: 1, method: 'ping' } : undefined });
        expectJsonError(known, 401);
        expect(unknown.status).toBe(401);
        expect(unknown.text).toBe(known.text);
      }
      expect(h.http.sessions.has(sid)).toBe(true); // the unauthenticated DELETE did nothing
    });

    it('serves an SDK client with the token (its answers are scanned too)', async () => {
      const client = await recordedClient(h, 'bearer sdk');
      const result = await client.callTool({ name: 'test_connection', arguments: {} });
      expect(result.isError).toBeFalsy();
      await client.close();
    });
  });
}
