/** The real entry point: SIGHUP re-reads MCP_TOKENS_FILE (one spawn: they are slow). */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnServer } from '../helpers/spawn.js';
import { generateToken, tokenHash, tokenLine } from '../../src/auth/tokens-file.js';

const initialize = (url: string, token: string) =>
  fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } }),
  });

describe('SIGHUP', () => {
  it('reloads the tokens file: a token added since start-up works', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sighup-'));
    const file = join(dir, 'tokens.jsonl');
    const alice = generateToken();
    const bob = generateToken();
    writeFileSync(file, `${tokenLine(tokenHash(alice), { name: 'alice', resourceId: null, toolsets: null, readOnly: false })}\n`);
    const server = spawnServer({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'test', AUTOTASK_DEMO: 'true', MCP_TOKENS_FILE: file, MCP_HTTP_PORT: '0', LOG_FORMAT: 'json', LOG_LEVEL: 'info' });
    try {
      const listening = await server.waitForLog((e) => e.msg === 'DEMO MODE: MCP server listening', 45_000);
      expect(listening).toMatchObject({ auth: 'tokens-file', principals: 1 });
      const url = listening.url as string;
      expect((await initialize(url, alice)).status).toBe(200);
      expect((await initialize(url, bob)).status).toBe(401);
      appendFileSync(file, `${tokenLine(tokenHash(bob), { name: 'bob', resourceId: null, toolsets: ['core'], readOnly: true })}\n`);
      server.child.kill('SIGHUP');
      await server.waitForLog((e) => e.msg === 'tokens file loaded' && e.reason === 'SIGHUP' && e.principals === 2, 10_000);
      expect((await initialize(url, bob)).status).toBe(200);
      expect(server.stderr()).not.toContain(bob);
    } finally {
      server.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
