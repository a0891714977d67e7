/**
 * Process plumbing for the bench: the real server (built dist/index.js, production settings) as a
 * child process pointed at the fake, and what Linux reports about a process (RSS, peak RSS, CPU
 * time) from /proc.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FakeStarted } from './fake-process.js';
import { startScriptFlags } from './start-command.js';

export const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
/** The built server; BENCH_SERVER_ENTRY points at another build (e.g. of an older commit, to compare). */
const entry = () => process.env.BENCH_SERVER_ENTRY ?? `${SERVER_DIR}dist/index.js`;
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** RSS and peak RSS (VmHWM) of a process, in MB. */
export function memoryMb(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: round(kb('VmRSS') / 1024), peakMb: round(kb('VmHWM') / 1024) };
}

/** User + system CPU time of a process so far, in ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

export const round = (n: number) => Math.round(n * 10) / 10;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** Bytes the server logged so far (stderr). */
  logBytes(): number;
  stop(): Promise<void>;
}

/**
 * Starts the server as `npm start` and the image do (the start script's node flags, which size
 * the heap; NODE_ENV=production, LOG_LEVEL=info, JSON logs) against the fake. `env` adds or
 * overrides variables (AUTOTASK_TOOLSETS, ...); BENCH_NODE_ARGS adds node flags after those
 * (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server; a later flag wins).
 */
export async function startServer(fake: FakeStarted, env: Record<string, string> = {}): Promise<ServerProcess> {
  const ENTRY = entry();
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run "npm run build" first (npm run bench does).`);
  const port = await freePort();
  const nodeArgs = [...startScriptFlags(), ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter((a) => a !== '')];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ENTRY], {
    cwd: SERVER_DIR,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      AUTOTASK_INTEGRATION_CODE: fake.credentials.integrationCode,
      AUTOTASK_USERNAME: fake.credentials.username,
      AUTOTASK_SECRET: fake.credentials.secret,
      AUTOTASK_API_URL: fake.restBase,
      AUTOTASK_TIME_ZONE: 'UTC',
      MCP_HTTP_HOST: '127.0.0.1',
      MCP_HTTP_PORT: String(port),
      ...env,
    },
  });
  let logged = 0;
  let tail = '';
  child.stderr?.setEncoding('utf8').on('data', (c: string) => {
    logged += Buffer.byteLength(c);
    tail = (tail + c).slice(-4000);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} at start-up:\n${tail}`);
    const ok = await fetch(`${origin}/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 300) throw new Error(`the server did not answer /health within 30 s:\n${tail}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `${origin}/mcp`,
    pid: child.pid ?? 0,
    logBytes: () => logged,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
