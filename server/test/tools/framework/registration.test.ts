/**
 * The registry as clients see it (tools/list over MCP): all four annotations on every tool (whether
 * they are true of it: annotations.test.ts), read-only mode removing every write whatever the toolsets say, toolsets filtering, and an
 * unknown toolset stopping configuration with the valid names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { TOOLSET_NAMES } from '../../../src/config/types.js';
import { loadConfig } from '../../../src/config/config.js';
import { ALL_TOOLS } from '../../../src/tools/index.js';
import { selectTools } from '../../../src/tools/registry.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { call } from './call.js';

const writeNames = ALL_TOOLS.filter((d) => d.kind !== 'read').map((d) => d.name);
/** Everything but list_toolsets / enable_toolset, which AUTOTASK_TOOLSETS=all (the harness default) leaves out. */
const AREA_TOOLS = ALL_TOOLS.filter((d) => d.toolset !== 'discovery');
const discovery = (d: { toolset: string }) => d.toolset === 'discovery';

async function listTools(h: Harness): Promise<Tool[]> {
  const client = await h.connect();
  return (await client.listTools()).tools;
}

describe('annotations on every registered tool', () => {
  let h: Harness;
  let tools: Tool[];
  beforeAll(async () => {
    h = await startHarness();
    tools = await listTools(h);
  });
  afterAll(async () => h?.close());

  it('lists every defined tool once, with a unique name', () => {
    expect(tools.map((t) => t.name).sort()).toEqual(AREA_TOOLS.map((d) => d.name).sort());
    expect(new Set(tools.map((t) => t.name)).size).toBe(tools.length);
    expect(writeNames.length).toBeGreaterThan(0);
  });

  // Whether each hint is TRUE of the tool is checked against its behaviour in annotations.test.ts.
  it('gives every tool all four hints', () => {
    for (const tool of tools) {
      const a = tool.annotations!;
      expect(a, tool.name).toBeDefined();
      for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) expect(typeof a[hint], `${tool.name}.${hint}`).toBe('boolean');
      // The title is said once, on the tool.
      expect(a.title, tool.name).toBeUndefined();
      expect(tool.title, tool.name).toBeTruthy();
      expect(tool.description!.length, tool.name).toBeGreaterThan(40);
    }
  });

  it('gives write tools a confirmationToken parameter and read tools none', () => {
    for (const tool of tools) {
      const props = Object.keys((tool.inputSchema.properties ?? {}));
      expect(props.includes('confirmationToken'), tool.name).toBe(tool.annotations?.readOnlyHint !== true);
    }
  });
});

describe('read-only mode and toolsets', () => {
  it('AUTOTASK_READ_ONLY=true registers no write tool, even when toolsets name write areas', async () => {
    const h = await startHarness({ env: { AUTOTASK_READ_ONLY: 'true', AUTOTASK_TOOLSETS: 'query,tickets,notes,core' } });
    try {
      const client = await h.connect();
      const tools = (await client.listTools()).tools;
      const names = tools.map((t) => t.name);
      expect(names).toContain('query_entities');
      expect(names).toContain('search_tickets');
      for (const w of writeNames) expect(names).not.toContain(w);
      expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
      h.fake.clearRequests();
      const r = await call(client, 'create_entity', { entity: 'Tickets', fields: { title: 'x' } });
      expect(r.isError).toBe(true);
      expect(r.text).toMatch(/create_entity not found/);
      expect(h.fake.requests).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('AUTOTASK_TOOLSETS limits registration to the named areas', async () => {
    const h = await startHarness({ env: { AUTOTASK_TOOLSETS: 'core,query' } });
    try {
      const names = (await listTools(h)).map((t) => t.name).sort();
      const expected = AREA_TOOLS.filter((d) => d.toolset === 'core' || d.toolset === 'query').map((d) => d.name).sort();
      expect(names).toEqual(expected);
      expect(names).toContain('test_connection');
      expect(names).toContain('delete_entity');
      expect(names).not.toContain('search_tickets');
      // A set list is the operator's limit: nothing to discover, no way to add a toolset.
      expect(names).not.toContain('enable_toolset');
    } finally {
      await h.close();
    }
  });

  it('an unknown toolset stops configuration with the valid names', () => {
    expect(() => loadConfig({ AUTOTASK_DEMO: 'true', AUTOTASK_TOOLSETS: 'core,tikets' })).toThrow(
      new RegExp(`AUTOTASK_TOOLSETS has unknown toolset\\(s\\) "tikets"; valid names: ${TOOLSET_NAMES.join(', ')}`),
    );
  });

  it('selectTools: read-only wins over toolsets; discovery tools only with dynamic toolsets', () => {
    const all = selectTools(ALL_TOOLS, { readOnly: false, toolsets: [...TOOLSET_NAMES], dynamicToolsets: false });
    expect(all).toHaveLength(AREA_TOOLS.length);
    expect(selectTools(ALL_TOOLS, { readOnly: false, toolsets: [...TOOLSET_NAMES], dynamicToolsets: true })).toHaveLength(ALL_TOOLS.length);
    const ro = selectTools(ALL_TOOLS, { readOnly: true, toolsets: [...TOOLSET_NAMES], dynamicToolsets: true });
    expect(ro.every((d) => d.kind === 'read')).toBe(true);
    expect(ro.length).toBe(ALL_TOOLS.filter((d) => d.kind === 'read').length);
    expect(selectTools(ALL_TOOLS, { readOnly: false, toolsets: [], dynamicToolsets: false })).toEqual([]);
    expect(selectTools(ALL_TOOLS, { readOnly: false, toolsets: [], dynamicToolsets: true }).every(discovery)).toBe(true);
  });
});
