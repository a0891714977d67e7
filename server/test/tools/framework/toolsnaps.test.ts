/**
 * Tool schema snapshots (like github-mcp-server's __toolsnaps__): one committed JSON file per
 * tool under test/__toolsnaps__/, exactly as tools/list shows it with every toolset on. Any change
 * of what the model sees (name, title, description, schemas, hints) fails here with a diff until
 * the snapshots are updated on purpose and the diff is reviewed with the change:
 *
 *   cd server && npm run toolsnaps          (UPDATE_TOOLSNAPS=true npx vitest run test/tools/framework/toolsnaps.test.ts)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { listRegistered } from '../../../scripts/gen-tool-docs.js';
import { ALL_TOOLS } from '../../../src/tools/index.js';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../__toolsnaps__');
const UPDATE = /^(1|true|yes)$/i.test(process.env.UPDATE_TOOLSNAPS ?? '');
const HOW = 'If the change is intended, run `cd server && npm run toolsnaps` and commit the updated test/__toolsnaps__ files with it.';

const file = (name: string) => path.join(DIR, `${name}.json`);
const render = (t: Tool) => `${JSON.stringify(t, null, 2)}\n`;

let tools: Tool[];
beforeAll(async () => {
  tools = (await listRegistered()).tools;
  if (UPDATE) {
    mkdirSync(DIR, { recursive: true });
    for (const t of tools) writeFileSync(file(t.name), render(t));
    for (const f of readdirSync(DIR)) if (!tools.some((t) => `${t.name}.json` === f)) unlinkSync(path.join(DIR, f));
  }
});

describe('tool snapshots (test/__toolsnaps__)', () => {
  it('cover every tool: one file per tool, none for tools that no longer exist', () => {
    expect(tools.map((t) => t.name).sort()).toEqual(ALL_TOOLS.map((d) => d.name).sort());
    const files = existsSync(DIR) ? readdirSync(DIR).sort() : [];
    const missing = tools.filter((t) => !files.includes(`${t.name}.json`)).map((t) => t.name);
    const stale = files.filter((f) => !tools.some((t) => `${t.name}.json` === f));
    expect(missing, `tools without a snapshot. ${HOW}`).toEqual([]);
    expect(stale, `snapshots of tools that are no longer registered. ${HOW}`).toEqual([]);
  });

  it.each(ALL_TOOLS.map((d) => d.name))('%s matches its snapshot', (name) => {
    const tool = tools.find((t) => t.name === name)!;
    if (!existsSync(file(name))) return; // reported above
    const committed = JSON.parse(readFileSync(file(name), 'utf8')) as Tool;
    expect(tool, `what the model sees of ${name} changed. ${HOW}`).toEqual(committed);
    // Byte for byte too (key order is part of what is sent).
    expect(render(tool)).toBe(readFileSync(file(name), 'utf8'));
  });
});
