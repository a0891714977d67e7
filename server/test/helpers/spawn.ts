/**
 * Runs the real entry point (src/index.ts through tsx) as a child process, for tests of what only
 * a process can show: stdio framing, exit codes, signals. Spawns are slow on small machines:
 * keep them few.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SENTINELS } from './harness.js';

export const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));
/** node --import tsx src/index.ts (no npx: one process fewer, no npm start-up). */
export const ENTRY_COMMAND = { command: process.execPath, args: ['--import', 'tsx', 'src/index.ts'] };

/** Environment for a child server talking to a fake at restBase with the sentinel credentials. */
export function childEnv(restBase: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'test',
    AUTOTASK_INTEGRATION_CODE: SENTINELS.integrationCode,
    AUTOTASK_USERNAME: SENTINELS.username,
    AUTOTASK_SECRET: SENTINELS.secret,
    AUTOTASK_API_URL: restBase,
    LOG_LEVEL: 'debug',
    LOG_FORMAT: 'json',
    ...extra,
  };
}

export interface SpawnedServer {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first JSON log event on stderr that matches. */
  waitForLog(match: (event: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): void;
}

/** `nodeArgs` go before the entry's own (e.g. another --import). */
export function spawnServer(env: Record<string, string>, nodeArgs: string[] = []): SpawnedServer {
  const child = spawn(ENTRY_COMMAND.command, [...nodeArgs, ...ENTRY_COMMAND.args], { cwd: SERVER_DIR, env, stdio: 'pipe' });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    err += c;
    for (const w of waiters) w();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const events = () =>
    err
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    waitForLog(match, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events().find(match);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`log event not seen in ${timeoutMs} ms; stderr so far:\n${err}`));
        }, timeoutMs);
        waiters.add(check);
        void exited.then(() => {
          if (waiters.has(check)) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`server exited before the log event; stderr:\n${err}`));
          }
        });
        check();
      });
    },
  };
}
