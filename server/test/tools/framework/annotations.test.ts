/** Annotations over MCP: derived from the kind, with a tool's own override where the kind cannot know. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { useHarness } from '../companies/flow.js';

const s = useHarness();
let tools: Map<string, Tool>;
beforeAll(async () => {
  tools = new Map((await s.client.listTools()).tools.map((t) => [t.name, t]));
});

describe('tool annotations', () => {
  it('list_entities sends no Autotask request, so it is not open-world; other reads are', () => {
    expect(tools.get('list_entities')!.annotations).toEqual({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(tools.get('describe_entity')!.annotations?.openWorldHint).toBe(true);
    expect(tools.get('search_tickets')!.annotations?.openWorldHint).toBe(true);
  });

  it('and indeed list_entities reaches nothing in Autotask', async () => {
    s.h.fake.clearRequests();
    const r = await s.client.callTool({ name: 'list_entities', arguments: { nameContains: 'contract' } });
    expect(r.isError).toBeFalsy();
    expect(s.h.fake.requests).toEqual([]);
  });
});
