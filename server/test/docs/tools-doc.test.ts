/**
 * docs/TOOLS.md is generated from the registered tools (scripts/gen-tool-docs.ts). This test fails
 * when the committed file differs from a fresh generation, so the reference cannot drift.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { listRegistered, renderMarkdown, REGENERATE, TOOLS_MD, type Listed } from '../../scripts/gen-tool-docs.js';

let listed: Listed;
const fresh = async () => renderMarkdown((listed ??= await listRegistered()));

function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((line, n) => line !== y[n]);
  const at = i === -1 ? Math.min(x.length, y.length) : i;
  return `line ${at + 1}: committed ${JSON.stringify(x[at] ?? '(end of file)')} vs generated ${JSON.stringify(y[at] ?? '(end of file)')}`;
}

describe('docs/TOOLS.md', () => {
  it('is up to date with the registered tools, resources and prompts', async () => {
    const generated = await fresh();
    const committed = existsSync(TOOLS_MD) ? readFileSync(TOOLS_MD, 'utf8') : '';
    if (committed !== generated) {
      expect.fail(`docs/TOOLS.md is stale (${committed ? firstDifference(committed, generated) : 'missing'}). Run the generator: ${REGENERATE}`);
    }
  });

  it('documents every tool with its toolset, annotations and parameters', async () => {
    const md = await fresh();
    for (const def of ALL_TOOLS) {
      const section = md.slice(md.indexOf(`### \`${def.name}\``));
      expect(section, def.name).toMatch(/^### `\w+`\n\n\*\*.+\*\* - (read|write)/);
      expect(md).toContain(`## Toolset \`${def.toolset}\``);
      const body = section.slice(0, section.indexOf('\n### ', 5) === -1 ? undefined : section.indexOf('\n### ', 5));
      expect(body, def.name).toMatch(/Annotations: readOnlyHint: (true|false), destructiveHint: (true|false), idempotentHint: (true|false), openWorldHint: (true|false)/);
      for (const param of Object.keys(def.input)) expect(body, `${def.name}.${param}`).toContain(`| \`${param}\` |`);
      if (def.kind !== 'read') expect(body, def.name).toContain('| `confirmationToken` |');
    }
    for (const uri of ['autotask://tickets/{id}', 'autotask://companies/{id}', 'autotask://contacts/{id}', 'autotask://projects/{id}', 'autotask://schema/{entity}']) expect(md).toContain(`\`${uri}\``);
    for (const prompt of ['triage_ticket', 'queue_summary', 'time_entry_helper']) expect(md).toContain(`### \`${prompt}\``);
  });

  it('a changed tool changes the generated reference (the staleness check can fail)', async () => {
    const base = await fresh();
    const changed = structuredClone(listed);
    changed.tools[0].description = 'A different description.';
    const md = renderMarkdown(changed);
    expect(md).not.toBe(base);
    expect(md).toContain('A different description.');
  });
});
