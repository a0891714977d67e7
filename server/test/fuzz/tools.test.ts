/**
 * Property-based fuzzing of every tool over MCP (raw JSON-RPC on a real socket, strict fake
 * behind): arguments generated from each tool's listed inputSchema plus hostile mutations (see
 * ./support/args.ts). Some previews are confirmed, so writes with fuzzed values reach the fake.
 * Properties, per call: no 5xx, an answer for every request, no stack trace, file path, crash
 * text or secret in it, and nothing sent that the strict fake refused; per round: no secret in the
 * server log, no unhandled rejection, and the server still answers a plain call.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { openRawSession } from '../helpers/raw.js';
import { argsFor, spliceDeep } from './support/args.js';
import { answerProblems, fakeProblems, logProblems, post } from './support/checks.js';
import { cases, Figures, SEED, TIMEOUT_MS } from './support/profile.js';
import type { Wire } from '../helpers/wire.js';

const TOTAL = cases(1_000, 20_000);
/**
 * A fresh server and tenant every so often: bounded logs and request counts in the long run.
 * Every third round runs with dynamic toolsets (the default: discovery tools, most toolsets off).
 */
const PER_ROUND = cases(400, 2_000);

const figures = new Figures('tools');
let unhandled = 0;
const onUnhandled = () => void unhandled++;
process.on('unhandledRejection', onUnhandled);
afterAll(() => void process.off('unhandledRejection', onUnhandled));

interface Case {
  tool: Tool;
  args: Record<string, unknown>;
  confirm: boolean;
}

async function round(n: number, seed: number, dynamic: boolean): Promise<void> {
  const h: Harness = await startHarness(dynamic ? { env: { AUTOTASK_TOOLSETS: '' } } : {});
  figures.add(dynamic ? 'casesDynamicToolsets' : 'casesAllToolsets', n);
  try {
    const client = await h.connect();
    const tools = (await client.listTools()).tools;
    const headers = { 'mcp-session-id': await openRawSession(h.url), 'mcp-protocol-version': '2025-11-25' };
    let nextId = 1;
    const callOnce = async (name: string, args: Record<string, unknown>): Promise<{ problems: string[]; result?: Record<string, Wire> }> => {
      const id = nextId++;
      const body = spliceDeep(JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } }));
      try {
        const a = await post(h.url, body, headers);
        figures.add('toolCalls');
        const result = a.messages.find((m) => m.id === id)?.result as Record<string, Wire> | undefined;
        figures.add(result?.isError ? 'toolErrors' : result ? 'toolResults' : 'protocolAnswers');
        return { problems: answerProblems(a, [id]).map((p) => `${name}: ${p}`), result };
      } catch (err) {
        return { problems: [`${name}: no answer (${(err as Error).message})`] };
      }
    };
    const arb = fc.constantFrom(...tools).chain((tool) => fc.record({ tool: fc.constant(tool), args: argsFor(tool), confirm: fc.boolean() }));
    await fc.assert(
      fc.asyncProperty(arb, async (c: Case) => {
        figures.add('cases');
        h.fake.clearRequests();
        const first = await callOnce(c.tool.name, c.args);
        const problems = [...first.problems];
        const token = first.result?.structuredContent?.confirmationToken;
        if (c.confirm && typeof token === 'string') {
          figures.add('confirmations');
          const second = await callOnce(c.tool.name, { ...c.args, confirmationToken: token });
          problems.push(...second.problems);
          if (second.result && !second.result.isError) figures.add('writesExecuted');
        }
        figures.add('fakeRequests', h.fake.requests.length);
        problems.push(...fakeProblems(h.fake.requests, (entity, id) => h.fake.records(entity).some((r) => r.id === id), () => figures.add('knownFakeRefusals')));
        if (problems.length) {
          const where = `${c.tool.name} ${JSON.stringify(c.args).slice(0, 400)}`;
          for (const p of problems) figures.fail(`${p} <- ${where}`);
          throw new Error(`${problems.join('\n')}\nargs: ${where}`);
        }
      }),
      { seed, numRuns: n },
    );
    // The server still answers a plain call, and logged no secret.
    h.fake.clearRequests();
    const after = await callOnce('get_api_usage', {});
    expect(after.problems).toEqual([]);
    expect(after.result?.isError).toBeFalsy();
    expect(logProblems(h.logs)).toEqual([]);
  } finally {
    await h.close();
  }
}

describe('fuzzed tool calls', () => {
  it(
    `${TOTAL} cases: no crash, no 5xx, no stack trace, path or secret, nothing the fake refuses`,
    async () => {
      try {
        for (let done = 0, r = 0; done < TOTAL; done += PER_ROUND, r++) await round(Math.min(PER_ROUND, TOTAL - done), SEED + r, r % 3 === 2);
      } finally {
        figures.write(); // the figures of a failed run too
      }
      expect(unhandled).toBe(0);
      const out = figures.write();
      expect(out.failures).toEqual([]);
      expect(out.cases).toBeGreaterThanOrEqual(TOTAL);
    },
    TIMEOUT_MS,
  );
});
