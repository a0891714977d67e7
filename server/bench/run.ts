/**
 * `npm run bench`: what the server costs an agent and a host. Not a test - it asserts nothing;
 * it writes bench-results/latest.json and latest.md (gitignored: numbers depend on the machine).
 *
 * Three kinds of process on loopback, as in production: the fake Autotask with the demo tenant
 * (bench/fake-process.ts, a fixed latency per answer: 0 and 120 ms), the real server built to
 * dist/ with production settings (bench/processes.ts), and MCP SDK clients (bench/clients.ts).
 * Sections (BENCH_ONLY=tools,tasks,load,memory picks some):
 *  - tools:  tools/list bytes for the default toolsets, all of them, and each one alone;
 *  - tasks:  the agent-task script (bench/tasks.ts), each on a fresh server: tool calls,
 *            Autotask requests (cold, then warm caches), result bytes, ms; the last task is the
 *            20,000-ticket scan (demo scale 50): records per request, records/s, peak RSS;
 *  - load:   latency p50/p95/p99 and calls/s of a warm get and a 25-row search at 1/8/32
 *            sessions, and at MCP_MAX_SESSIONS sessions for the peak RSS;
 *  - memory: RSS 1.5 s after start, idle (settled), per idle session (100 sessions held open,
 *            settled) and after the load.
 * Knobs: BENCH_SECONDS (per load run, default 5), BENCH_LATENCIES (default "0,120"),
 * BENCH_NODE_ARGS (node flags for the server after those of `npm start`, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"),
 * BENCH_FAKE_NODE_ARGS (the same for the fake), BENCH_IDLE_SETTLE_MS (default 25000).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadConfig } from '../src/config/config.js';
import { TOOLSET_NAMES } from '../src/config/types.js';
import { Worker } from './ipc.js';
import { cpuMs, memoryMb, round, SERVER_DIR, startServer, type ServerProcess } from './processes.js';
import { startScriptFlags } from './start-command.js';
import type { FakeStarted, FakeTaken } from './fake-process.js';
import type { LoadJob, LoadReport, ToolsReport } from './clients.js';
import { agentTasks, type TaskRun } from './tasks.js';
import { liveDemoNow } from '../src/demo/tenant.js';

/** A current demo tenant, as demo mode serves it: its newest records are from the last hours. */
const NOW = liveDemoNow();
import { renderMarkdown, type BenchResults, type LoadRow, type TaskRow } from './report.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const LATENCIES = (process.env.BENCH_LATENCIES ?? '0,120').split(',').map(Number);
const ONLY = new Set((process.env.BENCH_ONLY ?? 'tools,tasks,load,memory').split(','));
const SESSION_COUNTS = [1, 8, 32];
const IDLE_SESSIONS = 100;
const SETTLE_MS = 1_500;
/**
 * Idle means idle: V8 keeps start-up's young generation (and whatever a burst grew) committed
 * until its memory reducer runs, 15-20 s after the allocations stop; RSS 1.5 s after start is
 * ~20 MB above what the same idle server holds from then on. Idle and held are read after this.
 */
const IDLE_SETTLE_MS = Number(process.env.BENCH_IDLE_SETTLE_MS ?? 25_000);

/** Typical warm reads: one ticket (names cached), and the default 25-row ticket search. */
const LOAD_CALLS: Array<{ name: string; tool: string; args: Record<string, unknown> }> = [
  { name: 'warm get_ticket', tool: 'get_ticket', args: { id: 41289 } },
  { name: '25-row search_tickets', tool: 'search_tickets', args: { limit: 25 } },
];

/** Extra node flags for a helper process, from an environment variable (profiling). */
const nodeArgs = (name: string) => (process.env[name] ?? '').split(' ').filter((a) => a !== '');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (s: string) => process.stderr.write(`${s}\n`);

/** The toolset settings to measure, read from the config module so the bench follows it. */
function toolsetConfigs(): Array<{ name: string; env: Record<string, string>; toolsets: string[] }> {
  const base = { AUTOTASK_DEMO: 'true' };
  // What a session starts with (the default set when AUTOTASK_TOOLSETS is unset), not what it may enable.
  const toolsetsOf = (env: Record<string, string>) => [...loadConfig({ ...base, ...env }).initialToolsets];
  let all = 'all';
  try {
    toolsetsOf({ AUTOTASK_TOOLSETS: all });
  } catch {
    all = TOOLSET_NAMES.join(','); // no "all" keyword (yet): name every toolset
  }
  return [
    { name: 'default', env: {}, toolsets: toolsetsOf({}) },
    { name: 'all', env: { AUTOTASK_TOOLSETS: all }, toolsets: toolsetsOf({ AUTOTASK_TOOLSETS: all }) },
    ...TOOLSET_NAMES.map((t) => ({ name: t, env: { AUTOTASK_TOOLSETS: t }, toolsets: [t as string] })),
  ];
}

class Fakes {
  private readonly running = new Map<string, { worker: Worker; started: FakeStarted }>();
  async get(scale: number, latencyMs: number): Promise<{ worker: Worker; started: FakeStarted }> {
    const key = `${scale}/${latencyMs}`;
    let f = this.running.get(key);
    if (!f) {
      const worker = Worker.start(new URL('./fake-process.ts', import.meta.url), nodeArgs('BENCH_FAKE_NODE_ARGS'));
      const started = await worker.call<FakeStarted>('start', { scale, latencyMs, now: NOW });
      f = { worker, started };
      this.running.set(key, f);
    }
    return f;
  }
  async stopAll(): Promise<void> {
    await Promise.all([...this.running.values()].map((f) => f.worker.stop()));
    this.running.clear();
  }
}

async function measureTools(fakes: Fakes, clients: Worker): Promise<BenchResults['toolLists']> {
  const { started } = await fakes.get(1, 0);
  const rows: BenchResults['toolLists'] = [];
  for (const c of toolsetConfigs()) {
    const server = await startServer(started, c.env);
    try {
      const r = await clients.call<ToolsReport>('tools', { url: server.url });
      rows.push({ config: c.name, toolsets: c.toolsets, tools: r.count, bytes: r.bytes, bytesPerTool: r.count ? Math.round(r.bytes / r.count) : 0, names: r.names });
      log(`tools/list ${c.name}: ${r.count} tools, ${r.bytes} B`);
    } finally {
      await server.stop();
    }
  }
  return rows;
}

async function measureTasks(fakes: Fakes, clients: Worker, latencyMs: number, allToolsets: Record<string, string>): Promise<TaskRow[]> {
  const rows: TaskRow[] = [];
  for (const task of agentTasks(NOW)) {
    const scale = task.scale ?? 1;
    const fake = await fakes.get(scale, latencyMs);
    const server = await startServer(fake.started, allToolsets);
    try {
      await fake.worker.call<FakeTaken>('take');
      const tenant = { tickets: fake.started.tickets, now: NOW };
      const cold = await clients.call<Omit<TaskRun, 'results'>>('task', { url: server.url, id: task.id, tenant });
      const coldReq = await fake.worker.call<FakeTaken>('take');
      const warm = await clients.call<Omit<TaskRun, 'results'>>('task', { url: server.url, id: task.id, tenant });
      const warmReq = await fake.worker.call<FakeTaken>('take');
      const mem = memoryMb(server.pid);
      rows.push({
        latencyMs,
        id: task.id,
        ask: task.ask,
        scale,
        ok: cold.ok && warm.ok,
        problems: [...new Set([...cold.problems, ...warm.problems])],
        calls: cold.calls,
        requestsCold: coldReq.requests,
        requestsWarm: warmReq.requests,
        routesCold: coldReq.routes,
        resultBytes: cold.bytes,
        msCold: round(cold.ms),
        msWarm: round(warm.ms),
        peakRssMb: mem.peakMb,
        records: task.id === 'scan-all-tickets' ? fake.started.tickets : undefined,
      });
      log(`task ${task.id} @${latencyMs} ms: ${cold.ok && warm.ok ? 'ok' : `FAILED ${cold.problems.join('; ')}`} ${cold.calls} calls, ${coldReq.requests}/${warmReq.requests} requests, ${cold.bytes} B, ${round(cold.ms)}/${round(warm.ms)} ms`);
    } finally {
      await server.stop();
    }
  }
  return rows;
}

async function loadRun(server: ServerProcess, fakePid: number, clients: Worker, latencyMs: number, name: string, job: LoadJob): Promise<LoadRow> {
  await clients.call('prepare', job);
  const cpu0 = cpuMs(server.pid);
  const fakeCpu0 = cpuMs(fakePid);
  const clientCpu0 = cpuMs(clients.pid);
  const log0 = server.logBytes();
  const r = await clients.call<LoadReport>('load', job);
  const serverCpu = cpuMs(server.pid) - cpu0;
  const fakeCpu = cpuMs(fakePid) - fakeCpu0;
  const clientCpu = cpuMs(clients.pid) - clientCpu0;
  const row: LoadRow = {
    latencyMs,
    call: name,
    sessions: job.sessions,
    ...r,
    serverCpuMsPerCall: round(serverCpu / Math.max(1, r.calls)),
    fakeCpuMsPerCall: round(fakeCpu / Math.max(1, r.calls)),
    clientCpuMsPerCall: round(clientCpu / Math.max(1, r.calls)),
    logBytesPerCall: Math.round((server.logBytes() - log0) / Math.max(1, r.calls)),
    rssMbAfter: memoryMb(server.pid).rssMb,
  };
  log(`load ${name} @${latencyMs} ms x${job.sessions}: ${r.callsPerSecond} calls/s p50 ${r.p50Ms} p95 ${r.p95Ms} p99 ${r.p99Ms} ms, server ${row.serverCpuMsPerCall} ms CPU/call, ${r.errors} errors`);
  return row;
}

async function measureLoad(fakes: Fakes, clients: Worker, latencyMs: number, withMemory: boolean): Promise<{ load: LoadRow[]; memory?: BenchResults['memory'] }> {
  const fake = await fakes.get(1, latencyMs);
  const server = await startServer(fake.started);
  const maxSessions = loadConfig({ AUTOTASK_DEMO: 'true' }).http.maxSessions;
  try {
    const load: LoadRow[] = [];
    let memory: BenchResults['memory'] | undefined;
    let start: { rssMb: number } | undefined;
    let idle: { rssMb: number } | undefined;
    let held: { rssMb: number } | undefined;
    if (withMemory) {
      await sleep(SETTLE_MS);
      start = memoryMb(server.pid);
      await sleep(IDLE_SETTLE_MS - SETTLE_MS);
      idle = memoryMb(server.pid);
      await clients.call('hold', { url: server.url, n: IDLE_SESSIONS });
      await sleep(IDLE_SETTLE_MS);
      held = memoryMb(server.pid);
      await clients.call('release');
      log(`memory: ${start.rssMb} MB 1.5 s after start, idle ${idle.rssMb} MB, ${IDLE_SESSIONS} idle sessions ${held.rssMb} MB (after ${IDLE_SETTLE_MS / 1000} s each)`);
    }
    const sessions = ONLY.has('load') ? SESSION_COUNTS : [];
    for (const c of LOAD_CALLS) {
      for (const n of sessions) load.push(await loadRun(server, fake.worker.pid, clients, latencyMs, c.name, { url: server.url, sessions: n, seconds: SECONDS, tool: c.tool, args: c.args }));
    }
    if (withMemory && idle && held) {
      await sleep(SETTLE_MS);
      const after = memoryMb(server.pid);
      // Every allowed session busy at once: the peak the container limit has to hold.
      const search = LOAD_CALLS[1];
      const cap = await loadRun(server, fake.worker.pid, clients, latencyMs, search.name, { url: server.url, sessions: maxSessions, seconds: SECONDS, tool: search.tool, args: search.args });
      load.push(cap);
      const peak = memoryMb(server.pid);
      memory = {
        startRssMb: start?.rssMb,
        idleRssMb: idle.rssMb,
        idleSessions: IDLE_SESSIONS,
        heldRssMb: held.rssMb,
        perSessionMb: Math.round(((held.rssMb - idle.rssMb) / IDLE_SESSIONS) * 1000) / 1000,
        afterLoadRssMb: after.rssMb,
        maxSessions,
        atMaxSessionsRssMb: cap.rssMbAfter,
        peakRssMb: peak.peakMb,
      };
      log(`memory: after load ${after.rssMb} MB, peak ${peak.peakMb} MB at ${maxSessions} busy sessions`);
    }
    return { load, memory };
  } finally {
    await server.stop();
  }
}

function machine(): BenchResults['machine'] {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: SERVER_DIR, encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 1024 ** 3),
    node: process.version,
    loadAverageStart: loadavg().map((n) => Math.round(n * 100) / 100),
    loadAverageEnd: [],
    commit: `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain') === '' ? '' : ' (uncommitted changes)'}`,
    serverNodeFlags: [...startScriptFlags(), ...nodeArgs('BENCH_NODE_ARGS')],
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const results: BenchResults = { when: new Date().toISOString(), machine: machine(), seconds: SECONDS, toolLists: [], tasks: [], load: [] };
  const fakes = new Fakes();
  const clients = Worker.start(new URL('./clients.ts', import.meta.url));
  const all = toolsetConfigs().find((c) => c.name === 'all')!.env;
  try {
    if (ONLY.has('tools')) results.toolLists = await measureTools(fakes, clients);
    for (const latencyMs of LATENCIES) {
      if (ONLY.has('tasks')) results.tasks.push(...(await measureTasks(fakes, clients, latencyMs, all)));
      if (ONLY.has('load') || (ONLY.has('memory') && latencyMs === 0)) {
        const r = await measureLoad(fakes, clients, latencyMs, ONLY.has('memory') && latencyMs === 0);
        results.load.push(...r.load);
        if (r.memory) results.memory = r.memory;
      }
      await fakes.stopAll(); // one latency at a time: the idle fakes of the other would only take memory
    }
  } finally {
    await fakes.stopAll();
    await clients.stop();
  }
  results.machine.loadAverageEnd = loadavg().map((n) => Math.round(n * 100) / 100);
  results.durationS = Math.round((Date.now() - started) / 1000);
  const dir = join(SERVER_DIR, '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const md = renderMarkdown(results);
  writeFileSync(join(dir, `bench-${results.when.replace(/[:.]/g, '-')}.json`), json);
  writeFileSync(join(dir, 'latest.json'), json);
  writeFileSync(join(dir, 'latest.md'), md);
  process.stdout.write(md);
  log(`written to ${join(dir, 'latest.json')} and latest.md`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
