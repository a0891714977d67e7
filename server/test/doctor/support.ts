/**
 * Runs the doctor in-process (doctorMain with captured stdout/stderr, or runDoctor for options)
 * against a strict fake seeded with the demo tenant and the harness's sentinel credentials.
 */
import { startFakeAutotask } from '../../src/fake/server.js';
import type { FakeAutotask, FakeAutotaskOptions, RecordedRequest } from '../../src/fake/types.js';
import { buildDemoSeed } from '../../src/demo/seed.js';
import { doctorMain } from '../../src/doctor/cli.js';
import type { CheckResult, DoctorReport } from '../../src/doctor/types.js';
import { SENTINELS } from '../helpers/harness.js';

export function startDoctorFake(opts: Partial<Omit<FakeAutotaskOptions, 'credentials'>> = {}): Promise<FakeAutotask> {
  return startFakeAutotask({
    credentials: { integrationCode: SENTINELS.integrationCode, username: SENTINELS.username, secret: SENTINELS.secret },
    seed: buildDemoSeed(),
    ...opts,
  });
}

/** Environment for the doctor against `fake` (zone pinned to it, zone lookup on it too). */
export function doctorEnv(fake: FakeAutotask, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    AUTOTASK_INTEGRATION_CODE: SENTINELS.integrationCode,
    AUTOTASK_USERNAME: SENTINELS.username,
    AUTOTASK_SECRET: SENTINELS.secret,
    AUTOTASK_API_URL: fake.restBase,
    AUTOTASK_ZONE_LOOKUP_URL: fake.restBase,
    AUTOTASK_TIMEOUT_SECONDS: '10',
    LOG_LEVEL: 'debug',
    LOG_FORMAT: 'json',
    ...extra,
  };
}

export interface DoctorRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Parsed --json report. */
  report: DoctorReport;
  check(id: string): CheckResult | undefined;
}

export async function runDoctorCli(env: Record<string, string>, args: string[] = ['--json']): Promise<DoctorRun> {
  let stdout = '';
  let stderr = '';
  const code = await doctorMain(args, env, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  const report = (args.includes('--json') && stdout ? JSON.parse(stdout) : null) as DoctorReport;
  return { code, stdout, stderr, report, check: (id) => report?.checks.find((c) => c.id === id) };
}

/** A read: any GET, or a POST to {Entity}/query or {Entity}/query/count. */
export function isRead(r: RecordedRequest): boolean {
  return r.method === 'GET' || (r.method === 'POST' && /^[A-Za-z]+\/query(\/count)?$/.test(r.route));
}
