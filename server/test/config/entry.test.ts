/** The entry point refuses a bad configuration (every problem on stderr, exit 2, no secret) and unknown arguments; --help and --version answer. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTRY_COMMAND, SERVER_DIR, spawnServer } from '../helpers/spawn.js';

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

describe('entry point arguments', () => {
  const run = (args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      // AUTOTASK_DEMO: a valid configuration, so only the arguments decide what happens.
      const child = spawn(ENTRY_COMMAND.command, [...ENTRY_COMMAND.args, ...args], { cwd: SERVER_DIR, env: { PATH: process.env.PATH ?? '', AUTOTASK_DEMO: 'true', MCP_HTTP_PORT: '0' }, stdio: 'pipe' });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, out, err });
      });
    });

  it('--help and --version answer on stdout and exit 0 without serving', async () => {
    const version = (JSON.parse(readFileSync(join(SERVER_DIR, 'package.json'), 'utf8')) as { version: string }).version;
    const [help, ver, tokenHelp] = await Promise.all([run(['--help']), run(['--version']), run(['token', '--help'])]);
    expect(help).toMatchObject({ code: 0, err: '' });
    expect(help.out).toMatch(/autotask-mcp doctor/);
    expect(help.out).toMatch(/autotask-mcp token/);
    expect(ver).toEqual({ code: 0, out: `${version}\n`, err: '' });
    expect(tokenHelp).toMatchObject({ code: 0, err: '' });
    expect(tokenHelp.out).toMatch(/token add --name NAME/);
  }, 60_000);

  it('an unknown argument is a usage error (exit 2), not a server started with the option ignored', async () => {
    const r = await run(['--port', '9000']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown argument "--port": the server is configured through the environment/);
    expect(r.err).not.toMatch(/listening/i);
    expect(r.out).toBe('');
  }, 60_000);
});
