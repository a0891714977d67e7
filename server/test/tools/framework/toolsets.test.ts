/**
 * Toolsets per session (AUTOTASK_TOOLSETS unset): the default toolsets plus list_toolsets and
 * enable_toolset. Every tool stays reachable; enabling a toolset flips it for this session only
 * and sends notifications/tools/list_changed, which an SDK client answers by listing again; a
 * call to a tool not enabled yet says how to enable it and sends nothing; read-only mode enables
 * only reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { DEFAULT_TOOLSETS, TOOLSET_DESCRIPTIONS } from '../../../src/config/toolsets.js';
import { TOOLSET_NAMES } from '../../../src/config/types.js';
import { ALL_TOOLS } from '../../../src/tools/index.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { call, dataRequests } from './call.js';

const names = (filter: (d: (typeof ALL_TOOLS)[number]) => boolean) => ALL_TOOLS.filter(filter).map((d) => d.name).sort();
const DISCOVERY = ['enable_toolset', 'list_toolsets'];

/** An SDK client that re-lists the tools whenever the server says they changed. */
async function watchingClient(h: Harness) {
  const lists: Tool[][] = [];
  let changed!: () => void;
  let next = new Promise<void>((r) => (changed = r));
  const client = new Client(
    { name: 'toolsets-test', version: '1.0.0' },
    {
      listChanged: {
        tools: {
          debounceMs: 0,
          onChanged: (err, tools) => {
            if (!err && tools) lists.push(tools);
            changed();
            next = new Promise<void>((r) => (changed = r));
          },
        },
      },
    },
  );
  await client.connect(new StreamableHTTPClientTransport(new URL(h.url)));
  return { client, lists, nextChange: () => next };
}

describe('default configuration: default toolsets plus discovery', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { AUTOTASK_TOOLSETS: '' } });
  });
  afterAll(async () => h?.close());

  it('lists the default toolsets and the two discovery tools, and declares tools.listChanged', async () => {
    const client = await h.connect();
    expect(client.getServerCapabilities()?.tools?.listChanged).toBe(true);
    const listed = (await client.listTools()).tools.map((t) => t.name).sort();
    expect(listed).toEqual(names((d) => d.toolset === 'discovery' || DEFAULT_TOOLSETS.includes(d.toolset as never)));
    expect(DEFAULT_TOOLSETS).toEqual(['core', 'tickets', 'companies', 'contacts', 'notes']);
  });

  it('list_toolsets names every toolset with its purpose, tool count and state: every tool is reachable', async () => {
    const client = await h.connect();
    const r = await call(client, 'list_toolsets');
    expect(r.isError, r.text).toBe(false);
    const sets = r.structured.toolsets as Array<{ name: string; description: string; tools: number; enabled: boolean }>;
    expect(sets.map((s) => s.name)).toEqual([...TOOLSET_NAMES]);
    for (const s of sets) {
      expect(s.description, s.name).toBe(TOOLSET_DESCRIPTIONS[s.name as keyof typeof TOOLSET_DESCRIPTIONS]);
      expect(s.tools, s.name).toBe(ALL_TOOLS.filter((d) => d.toolset === s.name).length);
      expect(s.enabled, s.name).toBe(DEFAULT_TOOLSETS.includes(s.name as never));
      expect(r.text).toContain(`- ${s.name}`);
    }
    expect(sets.reduce((n, s) => n + s.tools, 0) + DISCOVERY.length).toBe(ALL_TOOLS.length);
  });

  it('a tool of a toolset not enabled yet is refused with how to enable it, and nothing reaches Autotask', async () => {
    const client = await h.connect();
    h.fake.clearRequests();
    const r = await call(client, 'search_time_entries', { limit: 1 });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/toolset "time", which is not enabled in this session\. Call enable_toolset with toolset "time" first/);
    expect(dataRequests(h.fake.requests)).toEqual([]);
  });

  it('enable_toolset adds the toolset for this session: list_changed arrives, the client lists again, the tools work', async () => {
    const { client, lists, nextChange } = await watchingClient(h);
    const changed = nextChange();
    const r = await call(client, 'enable_toolset', { toolset: 'time' });
    expect(r.isError, r.text).toBe(false);
    expect(r.structured).toEqual({ toolset: 'time', added: names((d) => d.toolset === 'time').sort((a, b) => ALL_TOOLS.findIndex((d) => d.name === a) - ALL_TOOLS.findIndex((d) => d.name === b)) });
    await Promise.race([changed, new Promise((_, reject) => setTimeout(() => reject(new Error('no notifications/tools/list_changed arrived')), 5_000))]);
    const relisted = lists.at(-1)!.map((t) => t.name);
    for (const n of names((d) => d.toolset === 'time')) expect(relisted).toContain(n);
    expect(relisted).toContain('search_tickets');
    const search = await call(client, 'search_time_entries', { limit: 1 });
    expect(search.isError, search.text).toBe(false);

    // Again: nothing changes, no second notification.
    const again = await call(client, 'enable_toolset', { toolset: 'time' });
    expect(again.text).toMatch(/already enabled/);
    expect(lists).toHaveLength(1);
    await client.close();

    // Another session starts from the defaults.
    const other = await h.connect();
    expect((await other.listTools()).tools.map((t) => t.name)).not.toContain('search_time_entries');
  });

  it('prompts name the toolsets to enable first, and only those this session lacks', async () => {
    const client = await h.connect();
    const text = async () => {
      const r = await client.getPrompt({ name: 'time_entry_helper', arguments: { ticketId: '41007', workDone: 'Replaced the switch.', hours: '1' } });
      return (r.messages[0].content as { text: string }).text;
    };
    expect(await text()).toMatch(/1\. Call enable_toolset for "resources" and "time" first/);
    await call(client, 'enable_toolset', { toolset: 'resources' });
    expect(await text()).toMatch(/1\. Call enable_toolset for "time" first/);
    const triage = await client.getPrompt({ name: 'triage_ticket', arguments: { ticketId: '41007' } });
    expect((triage.messages[0].content as { text: string }).text).not.toMatch(/enable_toolset/);
  });

  it('refuses an unknown toolset with the valid names', async () => {
    const client = await h.connect();
    const r = await call(client, 'enable_toolset', { toolset: 'payroll' });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/toolset/);
    expect(r.text).toContain('attachments');
  });
});

describe('read-only mode wins over toolset discovery', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { AUTOTASK_TOOLSETS: '', AUTOTASK_READ_ONLY: 'true' } });
  });
  afterAll(async () => h?.close());

  it('enabling a toolset adds only its read tools; its writes stay unknown', async () => {
    const client = await h.connect();
    const sets = (await call(client, 'list_toolsets')).structured.toolsets as Array<{ name: string; tools: number }>;
    expect(sets.find((s) => s.name === 'time')!.tools).toBe(ALL_TOOLS.filter((d) => d.toolset === 'time' && d.kind === 'read').length);
    const r = await call(client, 'enable_toolset', { toolset: 'time' });
    expect(r.structured.added).toEqual(['search_time_entries']);
    const listed = (await client.listTools()).tools;
    expect(listed.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    h.fake.clearRequests();
    const write = await call(client, 'create_time_entry', { ticketID: 41001, resourceID: 29682904, hoursWorked: 1, dateWorked: '2026-11-02', summaryNotes: 'x' });
    expect(write.isError).toBe(true);
    expect(write.text).toMatch(/create_time_entry not found/);
    expect(dataRequests(h.fake.requests)).toEqual([]);
  });
});
