/** DNS-rebinding protection (Host, Origin) and the optional bearer token, over real sockets. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENTINELS, leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { initializeMessage, mcpPost, rawRequest, type RawResponse } from '../helpers/raw.js';
import { hostAllowed, parseHost } from '../../src/http/security.js';

function expectJsonError(res: RawResponse, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/json');
  expect(res.json).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: expect.any(Number), message: expect.any(String) } });
  expect(res.text).not.toMatch(/<html|at .*\.(ts|js):\d+/i);
}

describe('bearer token (MCP_AUTH_TOKEN)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { MCP_AUTH_TOKEN: SENTINELS.authToken } });
  });
  afterAll(async () => {
    await h?.close();
    expect(leakedSentinels(h.logs)).toEqual([]);
  });

  it('answers 401 with WWW-Authenticate when the token is missing', async () => {
    const res = await mcpPost(h.url, initializeMessage());
    expectJsonError(res, 401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="autotask-mcp"');
    expect(res.json.error.message).toContain('MCP_AUTH_TOKEN');
    expect(h.http.sessions.size).toBe(0);
  });

  it('answers 401 for a wrong token (and never echoes either token)', async () => {
    const wrong = `${SENTINELS.authToken}x`;
    for (const header of [`Bearer ${wrong}`, `Basic ${SENTINELS.authToken}`, 'Bearer', `bearer ${SENTINELS.authToken.slice(0, -1)}`]) {
      const res = await mcpPost(h.url, initializeMessage(), { Authorization: header });
      expectJsonError(res, 401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      expect(res.text).not.toContain(SENTINELS.authToken.slice(0, -1));
    }
  });

  it('lets the right token through (SDK client) and keeps /health public', async () => {
    const client = await h.connect({ headers: { Authorization: `Bearer ${SENTINELS.authToken}` } });
    await expect(client.ping()).resolves.toEqual({});
    const health = await rawRequest(`${h.origin}/health`);
    expect(health.status).toBe(200);
  });

  it('checks the token on every request, not just initialize', async () => {
    const client = await h.connect();
    const sid = (client.transport as { sessionId?: string }).sessionId!;
    const res = await mcpPost(h.url, { jsonrpc: '2.0', id: 3, method: 'ping' }, { 'mcp-session-id': sid });
    expectJsonError(res, 401);
  });
});

describe('Host and Origin checks', () => {
  let h: Harness;
  let port: string;
  beforeAll(async () => {
    h = await startHarness({ env: { MCP_ALLOWED_HOSTS: 'autotask-mcp,proxy.example:8443', MCP_ALLOWED_ORIGINS: 'https://app.example.com' } });
    port = new URL(h.url).port;
  });
  afterAll(async () => {
    await h?.close();
    expect(leakedSentinels(h.logs)).toEqual([]);
  });

  it('refuses a foreign Host with 403 JSON, on /mcp and on /health', async () => {
    for (const path of ['/mcp', '/health']) {
      const res = await rawRequest(`${h.origin}${path}`, { method: path === '/mcp' ? 'POST' : 'GET', headers: { Host: `evil.example:${port}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' }, body: path === '/mcp' ? initializeMessage() : undefined });
      expectJsonError(res, 403);
      expect(res.json.error.message).toContain('MCP_ALLOWED_HOSTS');
    }
    expect(h.http.sessions.size).toBe(0);
  });

  it('accepts loopback names and configured hosts (case-insensitive; a port in the entry must match)', async () => {
    const status = async (host: string) => (await rawRequest(`${h.origin}/health`, { headers: { Host: host } })).status;
    expect(await status(`localhost:${port}`)).toBe(200);
    expect(await status(`127.0.0.1:${port}`)).toBe(200);
    expect(await status(`[::1]:${port}`)).toBe(200);
    expect(await status('Autotask-MCP:8080')).toBe(200);
    expect(await status('proxy.example:8443')).toBe(200);
    expect(await status('proxy.example:9443')).toBe(403);
    expect(await status('autotask-mcp.evil.example')).toBe(403);
  });

  it('refuses a foreign Origin with 403 and allows an absent, loopback or configured one', async () => {
    const foreign = await mcpPost(h.url, initializeMessage(), { Origin: 'http://evil.example' });
    expectJsonError(foreign, 403);
    expect(foreign.json.error.message).toContain('MCP_ALLOWED_ORIGINS');
    expectJsonError(await mcpPost(h.url, initializeMessage(), { Origin: 'null' }), 403);
    expectJsonError(await mcpPost(h.url, initializeMessage(), { Origin: 'http://localhost:1' }), 403);

    for (const origin of [undefined, `http://localhost:${port}`, `http://127.0.0.1:${port}`, 'https://APP.example.com']) {
      const res = await mcpPost(h.url, initializeMessage(), origin ? { Origin: origin } : {});
      expect(res.status, `origin ${origin}`).toBe(200);
      expect(res.headers.get('mcp-session-id')).toBeTruthy();
    }
  });
});

describe('host parsing', () => {
  it('parses names, ports and IPv6 literals', () => {
    expect(parseHost('Example.COM')).toEqual({ hostname: 'example.com', port: null });
    expect(parseHost('example.com:8080')).toEqual({ hostname: 'example.com', port: '8080' });
    expect(parseHost('[::1]:80')).toEqual({ hostname: '[::1]', port: '80' });
    expect(parseHost('a b')).toBeNull();
    expect(parseHost('user@host')).toBeNull();
  });

  it('requires a Host header', () => {
    expect(hostAllowed(undefined, [{ hostname: 'localhost', port: null }])).toBe(false);
  });
});
