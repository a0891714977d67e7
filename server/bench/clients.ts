/**
 * The benchmark's client side, run in a child process so the MCP SDK client's own work (fetch,
 * SSE parsing, result validation) is not counted as server time. Receives one ClientJob over
 * IPC, answers {type:'measuring'} when warm, then {type:'done', report} with one sample per call.
 */
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export interface ClientJob {
  url: string;
  sessions: number;
  calls: number;
  warmup: number;
  tool: string;
  args: Record<string, unknown>;
}

export interface ClientReport {
  samples: number[];
  wallMs: number;
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

async function run(job: ClientJob): Promise<ClientReport> {
  const clients = await Promise.all(Array.from({ length: job.sessions }, () => connect(job.url)));
  const perClient = Math.ceil(job.warmup / job.sessions);
  await Promise.all(clients.map(async (c) => {
    for (let i = 0; i < perClient; i++) await c.callTool({ name: job.tool, arguments: job.args });
  }));
  send({ type: 'measuring' });
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    clients.map(async (c) => {
      for (let i = 0; i < job.calls / job.sessions; i++) {
        const t0 = performance.now();
        const r = await c.callTool({ name: job.tool, arguments: job.args });
        samples.push(performance.now() - t0);
        if (r.isError) throw new Error(`${job.tool} failed during the benchmark: ${JSON.stringify(r.content)}`);
      }
    }),
  );
  const wallMs = performance.now() - started;
  await Promise.all(clients.map((c) => c.close()));
  return { samples, wallMs };
}

function send(message: unknown): void {
  process.send?.(message);
}

process.once('message', (job: ClientJob) => {
  run(job).then(
    (report) => send({ type: 'done', report }),
    (err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
  );
});
