/**
 * Benchmark: per-call overhead of a tool call over Streamable HTTP with many sessions.
 * Not a test - it asserts nothing; it writes its numbers to bench-results/ (gitignored).
 *
 *   npm run bench                      # defaults: 8 sessions x 200 calls
 *   BENCH_SESSIONS=16 BENCH_CALLS=500 npm run bench
 *
 * Two scenarios against the same strict fake tenant:
 *  - ours: per-session McpServer reused for every call (what the product does);
 *  - throwaway: a fresh McpServer + stateless transport built for every request (the pattern a
 *    competitor uses for "stateless" mode), registered with the same tools, as the comparison.
 * Tools: list_entities (no Autotask call: pure server overhead) and get_api_usage (one Autotask
 * request through the real client to the fake).
 *
 * The SDK clients run in a child process (bench/clients.ts): in the server's process their own
 * work would be counted as server latency and blur the comparison. Besides client-side latency
 * the result reports serverCpuMsPerCall: CPU time of the server process (which also hosts the
 * fake tenant, the same in both scenarios) divided by the calls measured - the cost each call
 * puts on the server, independent of how busy the machine is.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { startHarness, type Harness } from '../test/helpers/harness.js';
import { createMcpServer } from '../src/mcp/server.js';
import type { ClientJob, ClientReport } from './clients.js';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 8);
const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const WARMUP = 20;

interface Stats {
  scenario: string;
  tool: string;
  sessions: number;
  calls: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  callsPerSecond: number;
  /** Server process CPU time per call (ms). */
  serverCpuMsPerCall: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

function summarise(scenario: string, tool: string, report: ClientReport, serverCpuMs: number): Stats {
  const s = [...report.samples].sort((a, b) => a - b);
  const pct = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  return {
    scenario, tool, sessions: SESSIONS, calls: s.length,
    meanMs: round(s.reduce((a, b) => a + b, 0) / s.length), p50Ms: round(pct(50)), p95Ms: round(pct(95)), p99Ms: round(pct(99)),
    callsPerSecond: round((s.length / report.wallMs) * 1000),
    serverCpuMsPerCall: round(serverCpuMs / s.length),
  };
}

/** Runs the clients in a child process; measures this (server) process's CPU while they call. */
function run(scenario: string, url: string, tool: string, args: Record<string, unknown>): Promise<Stats> {
  const job: ClientJob = { url, sessions: SESSIONS, calls: CALLS, warmup: WARMUP, tool, args };
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./clients.ts', import.meta.url)), { execArgv: ['--import', 'tsx'] });
    let cpu = process.cpuUsage();
    child.on('message', (m: { type: string; report?: ClientReport; message?: string }) => {
      if (m.type === 'measuring') cpu = process.cpuUsage();
      else if (m.type === 'done' && m.report) {
        const used = process.cpuUsage(cpu);
        resolve(summarise(scenario, tool, m.report, (used.user + used.system) / 1000));
        child.disconnect();
      } else if (m.type === 'error') reject(new Error(m.message));
    });
    child.on('error', reject);
    child.send(job);
  });
}

/** The comparison: a throwaway McpServer and transport per HTTP request (stateless). */
async function startThrowaway(h: Harness): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(express.json({ limit: '8mb' }));
  app.post('/mcp', async (req, res) => {
    const server = createMcpServer(h.deps);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => { void transport.close(); void server.close(); });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  const srv: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const { port } = srv.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/mcp`, close: () => new Promise((r) => srv.close(() => r())) };
}

async function main(): Promise<void> {
  const h = await startHarness({ env: { LOG_LEVEL: 'warn', MCP_MAX_SESSIONS: '1000' } });
  const throwaway = await startThrowaway(h);
  const results: Stats[] = [];
  try {
    for (const [tool, args] of [['list_entities', { nameContains: 'Ticket' }], ['get_api_usage', {}]] as const) {
      results.push(await run('ours (per-session server reused)', h.url, tool, args));
      results.push(await run('throwaway server per request', throwaway.url, tool, args));
    }
  } finally {
    await throwaway.close();
    await h.close();
  }
  const out = { when: new Date().toISOString(), node: process.version, cpus: cpus().length, sessions: SESSIONS, callsPerScenario: CALLS, results };
  const dir = join(process.cwd(), '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${out.when.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
  for (const r of results) console.log(`${r.tool.padEnd(14)} ${r.scenario.padEnd(34)} mean ${r.meanMs} ms  p50 ${r.p50Ms}  p95 ${r.p95Ms}  p99 ${r.p99Ms}  ${r.callsPerSecond} calls/s  server CPU ${r.serverCpuMsPerCall} ms/call`);
  console.log(`written to ${file}`);
}

main().catch((err) => { console.error(err); process.exit(1); });
