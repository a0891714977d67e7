/** Annotations over MCP: derived from the kind, with a tool's own override where the kind cannot know. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, type Harness } from '../../helpers/harness.js';

let h: Harness;
let tools: Map<string, Tool>;

beforeAll(async () => {
  h = await startHarness();
  const client = await h.connect();
  tools = new Map((await client.listTools()).tools.map((t) => [t.name, t]));
});
afterAll(async () => {
  await h.close();
});

describe('tool annotations', () => {
  it('list_entities sends no Autotask request, so it is not open-world; other reads are', () => {
    expect(tools.get('list_entities')!.annotations).toEqual({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(tools.get('describe_entity')!.annotations?.openWorldHint).toBe(true);
    expect(tools.get('search_tickets')!.annotations?.openWorldHint).toBe(true);
  });

  it('and indeed list_entities reaches nothing in Autotask', async () => {
    const client = await h.connect();
    h.fake.clearRequests();
    const r = await client.callTool({ name: 'list_entities', arguments: { nameContains: 'contract' } });
    expect(r.isError).toBeFalsy();
    expect(h.fake.requests).toEqual([]);
  });
});
