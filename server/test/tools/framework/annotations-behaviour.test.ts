/**
 * Annotations checked against behaviour, not against the registry's own table: every listed tool
 * (all toolsets, then dynamic toolsets for the discovery tools) is called with plausible generated
 * arguments (fixed seed) and what reached the fake must agree with what its annotations promise.
 *   readOnlyHint     true: never a write request, never a preview to confirm; false: without a token
 *                    it answers a preview (or an error) and writes nothing, and confirming a preview
 *                    sends a write
 *   destructiveHint  a confirmed write of a destructive tool changes or removes what exists
 *                    (PATCH/PUT/DELETE); of a non-destructive one, it only creates (POST)
 *   openWorldHint    false: no request reaches Autotask at all
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { plausibleArgsFor } from '../../fuzz/support/args.js';
import { call, dataRequests, writeRequests } from './call.js';

const SAMPLES = 6;
const harnesses: Harness[] = [];
afterAll(async () => {
  await Promise.all(harnesses.map((h) => h.close()));
});

interface Seen {
  tool: Tool;
  reached: number;
  previews: number;
  confirmedWrites: string[];
}

async function exercise(h: Harness, client: Client, tool: Tool, seed: number): Promise<Seen> {
  const a = tool.annotations!;
  const seen: Seen = { tool, reached: 0, previews: 0, confirmedWrites: [] };
  for (const args of fc.sample(plausibleArgsFor(tool), { seed, numRuns: SAMPLES })) {
    const what = `${tool.name}(${JSON.stringify(args).slice(0, 300)})`;
    h.fake.clearRequests();
    const r = await call(client, tool.name, args);
    expect(writeRequests(h.fake.requests), `${what} wrote without a confirmation`).toEqual([]);
    if (a.openWorldHint === false) expect(h.fake.requests, `${what} is openWorldHint: false`).toEqual([]);
    if (dataRequests(h.fake.requests).length) seen.reached++;
    const preview = !r.isError && r.structured.status === 'confirmation_required';
    if (a.readOnlyHint) {
      expect(preview, `${what} is readOnlyHint: true but asks for a confirmation`).toBe(false);
      continue;
    }
    expect(r.isError || preview, `${what} is a write tool but answered neither a preview nor an error: ${r.text.slice(0, 300)}`).toBe(true);
    if (!preview) continue;
    seen.previews++;
    h.fake.clearRequests();
    const done = await call(client, tool.name, { ...args, confirmationToken: r.structured.confirmationToken as string });
    if (done.isError) continue; // e.g. a generated value the fake refuses: nothing to learn
    const writes = writeRequests(h.fake.requests).map((w) => w.method);
    expect(writes.length, `${what} confirmed but sent no write`).toBeGreaterThan(0);
    seen.confirmedWrites.push(...writes);
    if (a.destructiveHint) expect(writes.some((m) => m !== 'POST'), `${what} is destructiveHint: true but only created (${writes.join(', ')})`).toBe(true);
    else expect(writes.every((m) => m === 'POST'), `${what} is destructiveHint: false but changed or removed (${writes.join(', ')})`).toBe(true);
  }
  return seen;
}

async function exerciseAll(env: Record<string, string>, seed: number): Promise<Seen[]> {
  const h = await startHarness({ env });
  harnesses.push(h);
  const client = await h.connect();
  const tools = (await client.listTools()).tools;
  const seen: Seen[] = [];
  for (const tool of tools) seen.push(await exercise(h, client, tool, seed));
  return seen;
}

describe('annotations agree with what each tool does at the fake', () => {
  it('every tool of every toolset, with plausible arguments', async () => {
    const seen = await exerciseAll({}, 12);
    // The checks above must have had something to check: most read tools reached Autotask, and
    // confirmed writes of both kinds (create; change or remove) were seen.
    const openReads = seen.filter((s) => s.tool.annotations!.readOnlyHint && s.tool.annotations!.openWorldHint !== false);
    const silent = openReads.filter((s) => s.reached === 0).map((s) => s.tool.name);
    expect(silent.length, `read tools that never reached the fake: ${silent.join(', ')}`).toBeLessThanOrEqual(Math.floor(openReads.length / 4));
    const confirmed = seen.filter((s) => s.confirmedWrites.length > 0);
    expect(confirmed.some((s) => s.tool.annotations!.destructiveHint)).toBe(true);
    expect(confirmed.some((s) => !s.tool.annotations!.destructiveHint)).toBe(true);
  }, 240_000);

  it('the discovery tools of dynamic toolsets', async () => {
    const seen = await exerciseAll({ AUTOTASK_TOOLSETS: '' }, 13);
    expect(seen.some((s) => s.tool.annotations!.openWorldHint === false)).toBe(true);
  }, 120_000);
});
