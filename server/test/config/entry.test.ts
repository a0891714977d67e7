/** The entry point refuses a bad configuration: every problem on stderr, exit code 2, no secret. */
import { describe, expect, it } from 'vitest';
import { spawnServer } from '../helpers/spawn.js';

describe('entry point with a bad configuration', () => {
  it('prints every problem to stderr and exits 2 without echoing secrets', async () => {
    const secret = 'ENTRY-SENTINEL-SECRET-8d7c6b5a';
    const server = spawnServer({
      PATH: process.env.PATH ?? '',
      AUTOTASK_SECRET: secret,
      AUTOTASK_SECRET_FILE: '/run/secrets/autotask_secret',
      MCP_HTTP_PORT: 'eighty',
      AUTOTASK_TOOLSETS: 'tickets,invoices',
    });
    try {
      const exit = await server.exited;
      expect(exit).toEqual({ code: 2, signal: null });
      const err = server.stderr();
      for (const name of ['AUTOTASK_INTEGRATION_CODE', 'AUTOTASK_USERNAME', 'AUTOTASK_SECRET_FILE', 'MCP_HTTP_PORT', 'AUTOTASK_TOOLSETS']) expect(err).toContain(name);
      expect(err).not.toContain(secret);
      expect(server.stdout()).toBe('');
    } finally {
      server.kill();
    }
  }, 60_000);
});
