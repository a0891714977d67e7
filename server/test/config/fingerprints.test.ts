/**
 * The start-up "credential fingerprints" debug line: lets a user (and the bundle's end-to-end
 * suite) check that the credentials Compose handed over are exactly the ones meant -- quotes,
 * `$`, ` #` and spaces included -- without the values ever being printed.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run, type Running } from '../../src/index.js';

// Everything Compose's .env parsing is known to mangle, in one value.
const SECRET = `Pa$word "q" it's #7 ok`;
const CODE = 'FINGERPRINT-CODE-$HOME-0042';
const USER = 'api user #1@example.test';
const TOKEN = 'fingerprint-bearer-token-0123456789';

const prefix = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 8);

function env(level: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    AUTOTASK_INTEGRATION_CODE: CODE,
    AUTOTASK_USERNAME: USER,
    AUTOTASK_SECRET: SECRET,
    MCP_AUTH_TOKEN: TOKEN,
    // Nothing listens there; nothing is asked at start-up.
    AUTOTASK_API_URL: 'http://127.0.0.1:9/ATServicesRest/',
    MCP_HTTP_HOST: '127.0.0.1',
    MCP_HTTP_PORT: '0',
    LOG_LEVEL: level,
    LOG_FORMAT: 'json',
    ...extra,
  };
}

/** Starts the real server in-process and returns what it wrote to stderr by then. */
async function startAndCapture(vars: Record<string, string>): Promise<string> {
  let text = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  let running: Running | undefined;
  try {
    running = await run(vars);
  } finally {
    await running?.stop();
    spy.mockRestore();
  }
  return text;
}

afterEach(() => vi.restoreAllMocks());

describe('credential fingerprints at start-up', () => {
  it('logs one debug line with the first 8 hex digits of the SHA-256 of each credential, never a value', async () => {
    const text = await startAndCapture(env('debug'));
    const lines = text.split('\n').filter((l) => l.includes('credential fingerprints'));
    expect(lines).toHaveLength(1);
    const event = JSON.parse(lines[0]) as { level: string; msg: string };
    expect(event.level).toBe('debug');
    expect(event.msg).toContain(`AUTOTASK_INTEGRATION_CODE=${prefix(CODE)}`);
    expect(event.msg).toContain(`AUTOTASK_USERNAME=${prefix(USER)}`);
    expect(event.msg).toContain(`AUTOTASK_SECRET=${prefix(SECRET)}`);
    expect(event.msg).toContain(`MCP_AUTH_TOKEN=${prefix(TOKEN)}`);
    for (const value of [SECRET, CODE, USER, TOKEN]) expect(text).not.toContain(value);
  });

  it('is not logged at the default info level', async () => {
    const text = await startAndCapture(env('info'));
    expect(text).toContain('MCP server listening');
    expect(text).not.toContain('credential fingerprints');
  });

  it('names only what is set (demo mode has no Autotask credentials)', async () => {
    const vars = env('debug', { AUTOTASK_DEMO: 'true' });
    delete vars.AUTOTASK_INTEGRATION_CODE;
    delete vars.AUTOTASK_USERNAME;
    delete vars.AUTOTASK_SECRET;
    const text = await startAndCapture(vars);
    const line = text.split('\n').find((l) => l.includes('credential fingerprints')) ?? '';
    expect(line).toContain(`MCP_AUTH_TOKEN=${prefix(TOKEN)}`);
    expect(line).not.toContain('AUTOTASK_SECRET=');
  });
});
