/**
 * The bench's client side: MCP SDK clients over Streamable HTTP, in their own process so their
 * work (fetch, SSE parsing, result validation) is neither counted as server time nor competing
 * inside the server's event loop. Driven over IPC by bench/run.ts (see the handlers below).
 */
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { serve } from './ipc.js';
import { agentTasks, runTask, type TenantFacts } from './tasks.js';

interface Session {
  client: Client;
  transport: StreamableHTTPClientTransport;
}

async function open(url: string): Promise<Session> {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  client.onerror = () => undefined; // the standalone GET stream ends when the server closes the session
  const transport = new StreamableHTTPClientTransport(new URL(url), { reconnectionOptions: { maxRetries: 0, initialReconnectionDelay: 10, maxReconnectionDelay: 10, reconnectionDelayGrowFactor: 1 } });
  await client.connect(transport);
  return { client, transport };
}

/** Ends the session on the server too (DELETE), not only the local transport. */
async function end(s: Session): Promise<void> {
  await s.transport.terminateSession().catch(() => undefined);
  await s.client.close().catch(() => undefined);
}

async function listAll(client: Client): Promise<Tool[]> {
  const tools: Tool[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

export interface ToolsReport {
  count: number;
  /** JSON bytes of the tools array (what the model is given). */
  bytes: number;
  names: string[];
}

export interface LoadJob {
  url: string;
  sessions: number;
  seconds: number;
  tool: string;
  args: Record<string, unknown>;
}

export interface LoadReport {
  calls: number;
  errors: number;
  wallMs: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  callsPerSecond: number;
  /** Bytes of one result (content + structuredContent). */
  resultBytes: number;
}

const round = (n: number) => Math.round(n * 10) / 10;
const held: Session[] = [];
let loadSessions: Session[] = [];

serve({
  async tools(p: { url: string }): Promise<ToolsReport> {
    const s = await open(p.url);
    try {
      const tools = await listAll(s.client);
      return { count: tools.length, bytes: Buffer.byteLength(JSON.stringify(tools)), names: tools.map((t) => t.name) };
    } finally {
      await end(s);
    }
  },

  /** One agent task in a new session; returns its run without the answers' text. */
  async task(p: { url: string; id: string; tenant: TenantFacts }) {
    const task = agentTasks(p.tenant.now).find((t) => t.id === p.id);
    if (!task) throw new Error(`no task ${p.id}`);
    const s = await open(p.url);
    try {
      const run = await runTask(task, (name, args) => s.client.callTool({ name, arguments: args }), p.tenant);
      const { results, ...rest } = run;
      return { ...rest, steps: results.map((r) => ({ tool: r.tool, bytes: r.bytes, ms: round(r.ms), isError: r.isError })) };
    } finally {
      await end(s);
    }
  },

  /** Opens n sessions (initialize + tools/list, as a client does) and keeps them idle. */
  async hold(p: { url: string; n: number }): Promise<number> {
    for (let i = 0; i < p.n; i++) {
      const s = await open(p.url);
      await listAll(s.client);
      held.push(s);
    }
    return held.length;
  },

  async release(): Promise<number> {
    const all = held.splice(0, held.length);
    await Promise.all(all.map(end));
    return all.length;
  },

  /** Opens the sessions of a load run and warms them (caches, JIT) with two calls each. */
  async prepare(job: LoadJob): Promise<void> {
    loadSessions = await Promise.all(Array.from({ length: job.sessions }, () => open(job.url)));
    for (let i = 0; i < 2; i++) await Promise.all(loadSessions.map((s) => s.client.callTool({ name: job.tool, arguments: job.args })));
  },

  /** Every session calls back to back for job.seconds; one latency sample per call. */
  async load(job: LoadJob): Promise<LoadReport> {
    const samples: number[] = [];
    let errors = 0;
    let resultBytes = 0;
    const started = performance.now();
    const deadline = started + job.seconds * 1000;
    await Promise.all(
      loadSessions.map(async (s) => {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          const r = await s.client.callTool({ name: job.tool, arguments: job.args });
          samples.push(performance.now() - t0);
          if (r.isError) errors++;
          resultBytes ||= Buffer.byteLength(JSON.stringify({ content: r.content, structuredContent: r.structuredContent }));
        }
      }),
    );
    const wallMs = performance.now() - started;
    await Promise.all(loadSessions.map(end));
    loadSessions = [];
    const s = samples.sort((a, b) => a - b);
    const pct = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
    return {
      calls: s.length,
      errors,
      wallMs: round(wallMs),
      meanMs: round(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)),
      p50Ms: round(pct(0.5)),
      p95Ms: round(pct(0.95)),
      p99Ms: round(pct(0.99)),
      callsPerSecond: round((s.length / wallMs) * 1000),
      resultBytes,
    };
  },
});
