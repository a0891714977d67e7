/**
 * Soak: rounds of mcp-remote-like clients against the real server with its default session
 * limits. Each run opens two sessions (a probe, then the working one), calls a tool that reaches
 * the fake Autotask, and exits without DELETE. Between rounds the runner lets keep-alive
 * sockets expire, collects garbage and records heap, file descriptors, sessions and the
 * resumability stores. Used by test/soak/soak.test.ts (bounded) and scripts/soak.ts (long run).
 */
import { readdirSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';

export interface SoakOptions {
  /** Sessions opened per round (two per client run). */
  sessionsPerRound: number;
  /** Stop after this many rounds ... */
  rounds?: number;
  /** ... or once this much time has passed (whichever comes first; at least 2 rounds). */
  durationMs?: number;
  /** Client runs in parallel. */
  concurrency: number;
  /** Wait before measuring, longer than the server's 5 s keep-alive timeout. */
  settleMs?: number;
  onRound?: (r: RoundFigures) => void;
}

export interface RoundFigures {
  round: number;
  ms: number;
  sessionsOpened: number;
  callsOk: number;
  failures: number;
  refused503: number;
  liveSessions: number;
  evictedTotal: number;
  eventStores: number;
  eventStoreKB: number;
  heapUsedMB: number;
  rssMB: number;
  fds: number | null;
  leakedSentinels: number;
}

export interface SoakReport {
  startedAt: string;
  node: string;
  maxSessions: number;
  idleTtlSeconds: number;
  sessionsPerRound: number;
  concurrency: number;
  rounds: RoundFigures[];
  totals: { sessions: number; calls: number; failures: number; refused503: number; evicted: number; leakedSentinels: number };
  heap: { firstMB: number; lastMB: number; maxMB: number; maxGrowthPercent: number };
  fds: { first: number | null; last: number | null; max: number | null };
  failures: string[];
}

const collectGarbage: () => void = (() => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

async function settleHeap(): Promise<number> {
  for (let i = 0; i < 6; i++) {
    collectGarbage();
    await new Promise((r) => setImmediate(r));
  }
  return process.memoryUsage().heapUsed;
}

function openFds(): number | null {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return null; // not Linux
  }
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** One mcp-remote-like client session; resolves with whether its tool call succeeded. */
async function session(url: string, name: string, call: boolean): Promise<{ ok: boolean; refused: boolean; error?: string }> {
  const client = new Client({ name, version: '0.15.1' });
  client.onerror = () => undefined; // its GET stream ends when it exits
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { reconnectionOptions: { maxRetries: 0, initialReconnectionDelay: 10, maxReconnectionDelay: 10, reconnectionDelayGrowFactor: 1 } }));
    await client.listTools();
    if (call) {
      const result = await client.callTool({ name: 'get_api_usage', arguments: {} });
      if (result.isError) return { ok: false, refused: false, error: JSON.stringify(result.content).slice(0, 300) };
    }
    return { ok: true, refused: false };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, refused: /\b503\b|Too many MCP sessions/.test(message), error: message.slice(0, 300) };
  } finally {
    await client.close().catch(() => undefined); // no DELETE, like mcp-remote
  }
}

async function round(h: Harness, n: number, opts: SoakOptions, failures: string[]): Promise<Omit<RoundFigures, 'heapUsedMB' | 'rssMB' | 'fds' | 'liveSessions' | 'evictedTotal' | 'eventStores' | 'eventStoreKB' | 'leakedSentinels'>> {
  const started = Date.now();
  const runs = Math.ceil(opts.sessionsPerRound / 2);
  let next = 0;
  let callsOk = 0;
  let failed = 0;
  let refused = 0;
  const worker = async () => {
    while (next < runs) {
      const run = next++;
      for (const [name, call] of [[`probe-${n}-${run}`, false], [`run-${n}-${run}`, true]] as const) {
        const r = await session(h.url, name, call);
        if (r.ok && call) callsOk++;
        if (!r.ok) {
          failed++;
          if (r.refused) refused++;
          if (failures.length < 20) failures.push(`round ${n} ${name}: ${r.error}`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return { round: n, ms: Date.now() - started, sessionsOpened: runs * 2, callsOk, failures: failed, refused503: refused };
}

export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
  // Info level: debug lines of thousands of sessions would be most of the heap being measured.
  const h = await startHarness({ env: { LOG_LEVEL: 'info', AUTOTASK_TOOLSETS: '' } });
  const failures: string[] = [];
  const rounds: RoundFigures[] = [];
  let evictedTotal = 0;
  const started = Date.now();
  try {
    for (let n = 1; ; n++) {
      const r = await round(h, n, opts, failures);
      await new Promise((res) => setTimeout(res, opts.settleMs ?? 6_000));
      const events = h.logEvents();
      evictedTotal += events.filter((e) => e.msg === 'session closed' && e.reason === 'evicted').length;
      const leaked = leakedSentinels(h.logs).length;
      // The captured log and the fake's request log would otherwise grow with every round.
      h.clearLogs();
      h.fake.clearRequests();
      const usage = h.http.sessions.eventStoreUsage();
      const heap = await settleHeap();
      const figures: RoundFigures = {
        ...r,
        liveSessions: h.http.sessions.size,
        evictedTotal,
        eventStores: usage.stores,
        eventStoreKB: Math.round(usage.bytes / 1024),
        heapUsedMB: mb(heap),
        rssMB: mb(process.memoryUsage().rss),
        fds: openFds(),
        leakedSentinels: leaked,
      };
      rounds.push(figures);
      opts.onRound?.(figures);
      const enough = opts.rounds !== undefined && n >= opts.rounds;
      const late = opts.durationMs !== undefined && Date.now() - started >= opts.durationMs && n >= 2;
      if (enough || late) break;
    }
  } finally {
    await h.close();
  }
  return report(h, opts, rounds, failures);
}

function report(h: Harness, opts: SoakOptions, rounds: RoundFigures[], failures: string[]): SoakReport {
  const first = rounds[0];
  const last = rounds[rounds.length - 1];
  const heaps = rounds.map((r) => r.heapUsedMB);
  const fds = rounds.map((r) => r.fds).filter((f): f is number => f !== null);
  const sum = (f: (r: RoundFigures) => number) => rounds.reduce((a, r) => a + f(r), 0);
  return {
    startedAt: new Date().toISOString(),
    node: process.version,
    maxSessions: h.config.http.maxSessions,
    idleTtlSeconds: h.config.http.sessionIdleTtlMs / 1000,
    sessionsPerRound: opts.sessionsPerRound,
    concurrency: opts.concurrency,
    rounds,
    totals: {
      sessions: sum((r) => r.sessionsOpened),
      calls: sum((r) => r.callsOk),
      failures: sum((r) => r.failures),
      refused503: sum((r) => r.refused503),
      evicted: last.evictedTotal,
      leakedSentinels: sum((r) => r.leakedSentinels),
    },
    heap: {
      firstMB: first.heapUsedMB,
      lastMB: last.heapUsedMB,
      maxMB: Math.max(...heaps),
      maxGrowthPercent: Math.round(((Math.max(...heaps.slice(1)) - first.heapUsedMB) / first.heapUsedMB) * 1000) / 10,
    },
    fds: { first: fds[0] ?? null, last: fds[fds.length - 1] ?? null, max: fds.length ? Math.max(...fds) : null },
    failures,
  };
}

/** What must hold after a soak (empty when it passed). */
export function soakProblems(r: SoakReport, fdSlack = 3): string[] {
  const problems: string[] = [];
  if (r.totals.failures > 0) problems.push(`${r.totals.failures} client sessions failed (${r.totals.refused503} refused with 503): ${r.failures.slice(0, 3).join(' | ')}`);
  if (r.totals.leakedSentinels > 0) problems.push('a sentinel credential reached the log');
  for (const x of r.rounds) {
    if (x.liveSessions > r.maxSessions) problems.push(`round ${x.round}: ${x.liveSessions} live sessions, over the cap`);
    if (x.eventStores !== x.liveSessions) problems.push(`round ${x.round}: ${x.eventStores} event stores for ${x.liveSessions} sessions`);
  }
  if (r.heap.maxGrowthPercent > 10) problems.push(`heap after GC grew ${r.heap.maxGrowthPercent}% over the first round (${r.heap.firstMB} -> ${r.heap.maxMB} MB)`);
  if (r.fds.first !== null && r.fds.max! > r.fds.first + fdSlack) problems.push(`file descriptors grew from ${r.fds.first} to ${r.fds.max}`);
  return problems;
}
