/**
 * `autotask-mcp doctor` as a child process through the real entry point (src/index.ts via tsx):
 * exit codes 0 / 1 / 2, demo mode, and no secret on stdout or stderr even with debug logging.
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeAutotask } from '../../src/fake/types.js';
import { ENTRY_COMMAND, SERVER_DIR } from '../helpers/spawn.js';
import { leakedSentinels } from '../helpers/harness.js';
import { doctorEnv, isRead, startDoctorFake } from './support.js';

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function doctorProcess(args: string[], env: Record<string, string>): Promise<Exit> {
  const child = spawn(ENTRY_COMMAND.command, [...ENTRY_COMMAND.args, 'doctor', ...args], { cwd: SERVER_DIR, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

let fake: FakeAutotask | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('autotask-mcp doctor (child process)', () => {
  it('exits 0 against a healthy tenant, sends only reads, and prints no secret on stdout or stderr', async () => {
    fake = await startDoctorFake();
    const run = await doctorProcess([], doctorEnv(fake, { LOG_LEVEL: 'debug' }));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^autotask-mcp doctor .*: live tenant/);
    expect(run.stdout).toContain('pass query.order:');
    expect(run.stderr).toContain('autotask request'); // debug request logs went to stderr, scrubbed
    expect(leakedSentinels(run.stdout + run.stderr)).toEqual([]);
    expect(fake.requests.filter((r) => !isRead(r))).toEqual([]);
  }, 60_000);

  it('exits 1 with the failing line when the tenant answers newest first', async () => {
    fake = await startDoctorFake({ resultOrder: 'descending' });
    const run = await doctorProcess(['--json'], doctorEnv(fake, { LOG_LEVEL: 'info' }));
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { checks: Array<{ id: string; status: string }> };
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['query.order']);
  }, 60_000);

  it('runs against the demo tenant with AUTOTASK_DEMO=true and passes', async () => {
    const run = await doctorProcess(['--json'], { AUTOTASK_DEMO: 'true' });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { mode: string; summary: { fail: number }; requests: number };
    expect(report.mode).toBe('demo');
    expect(report.summary.fail).toBe(0);
    expect(report.requests).toBeLessThanOrEqual(60);
    expect(run.stderr).toBe('');
  }, 60_000);

  it('exits 2 on a bad configuration, like the server', async () => {
    const run = await doctorProcess([], { AUTOTASK_SECRET: 'SENTINEL-CLI-SECRET-3b4c' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^autotask-mcp: Invalid configuration:\n- Missing Autotask credentials/);
    expect(run.stderr).not.toContain('SENTINEL-CLI-SECRET-3b4c');
    expect(run.stdout).toBe('');
  }, 60_000);
});
