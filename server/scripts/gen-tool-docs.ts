/**
 * Generates docs/TOOLS.md (repository root) from the tools, resources and prompts the server
 * actually registers, so the reference cannot drift from the code:
 *
 *   cd server && npx tsx scripts/gen-tool-docs.ts
 *
 * It builds the real McpServer (createMcpServer) with every toolset and read-only mode off,
 * connects an MCP client through an in-memory transport, and renders what tools/list,
 * resources/templates/list, resources/list and prompts/list return. Nothing contacts Autotask:
 * the Autotask API handed to the server refuses every call. test/docs/tools-doc.test.ts fails
 * when the committed file differs from a fresh generation.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { Prompt, Resource, ResourceTemplate, Tool } from '@modelcontextprotocol/sdk/types.js';
import { loadConfig } from '../src/config/config.js';
import { TOOLSET_NAMES, type ToolsetName } from '../src/config/types.js';
import { DEFAULT_TOOLSETS, TOOLSET_DESCRIPTIONS } from '../src/config/toolsets.js';
import { createLogger } from '../src/logging/logger.js';
import { createMcpServer } from '../src/mcp/server.js';
import type { AutotaskApi } from '../src/autotask/types.js';
import { ConfirmationService } from '../src/tools/confirm.js';
import { ALL_TOOLS } from '../src/tools/index.js';

export const TOOLS_MD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/TOOLS.md');
export const REGENERATE = 'cd server && npx tsx scripts/gen-tool-docs.ts';

/** Listing needs no Autotask; any call would make the generated file depend on a tenant. */
const offlineApi = new Proxy({} as AutotaskApi, {
  get(_target, prop) {
    return () => {
      throw new Error(`gen-tool-docs must not call Autotask (api.${String(prop)})`);
    };
  },
});

export interface Listed {
  tools: Tool[];
  templates: ResourceTemplate[];
  resources: Resource[];
  prompts: Prompt[];
}

export async function listRegistered(): Promise<Listed> {
  // Explicit environment (not process.env): all toolsets, writes on, demo mode so no credentials exist.
  const config = loadConfig({ NODE_ENV: 'production', AUTOTASK_DEMO: 'true', AUTOTASK_READ_ONLY: 'false', LOG_LEVEL: 'silent' });
  const logger = createLogger(config, { write: () => undefined });
  const server = createMcpServer({
    mode: 'live',
    api: offlineApi,
    // Every toolset enabled and discovery on: the reference shows every tool there is.
    config: { ...config, toolsets: [...TOOLSET_NAMES], initialToolsets: [...TOOLSET_NAMES], dynamicToolsets: true, readOnly: false },
    logger,
    names: { enrich: async () => undefined, lookup: async () => new Map(), remember: () => undefined },
    confirmations: new ConfirmationService(),
    audit: { write: () => undefined, reopen: () => undefined, close: () => undefined },
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'gen-tool-docs', version: '1.0.0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  try {
    return {
      tools: (await client.listTools()).tools,
      templates: (await client.listResourceTemplates()).resourceTemplates,
      resources: (await client.listResources()).resources,
      prompts: (await client.listPrompts()).prompts,
    };
  } finally {
    await client.close();
    await server.close();
  }
}

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
};

/** Markdown table cells: one line, no unescaped pipes. */
function cell(text: string): string {
  return text.replace(/\r?\n+/g, ' ').replace(/\|/g, '\\|').trim();
}

function typeOf(s: Schema): string {
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return alternatives.map(typeOf).join(' or ');
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  const base = Array.isArray(s.type) ? s.type.join(' or ') : (s.type ?? 'any');
  const limits: string[] = [];
  // Safe-integer bounds are implied by "integer"; only real limits are worth a reader's time.
  if (s.minimum !== undefined && s.minimum > Number.MIN_SAFE_INTEGER) limits.push(`>= ${s.minimum}`);
  if (s.exclusiveMinimum !== undefined) limits.push(`> ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER) limits.push(`<= ${s.maximum}`);
  if (s.exclusiveMaximum !== undefined) limits.push(`< ${s.exclusiveMaximum}`);
  if (s.minLength !== undefined && s.minLength > 0) limits.push(`min length ${s.minLength}`);
  if (s.maxLength !== undefined) limits.push(`max length ${s.maxLength}`);
  if (s.format) limits.push(s.format);
  if (base === 'array') {
    const items = s.items ? typeOf(s.items) : 'any';
    const count = [s.minItems !== undefined ? `${s.minItems}` : '', s.maxItems !== undefined ? `${s.maxItems}` : ''];
    return `array of (${items})${count[0] || count[1] ? ` [${count[0] || '0'}..${count[1] || ''}]` : ''}`;
  }
  return limits.length ? `${base} (${limits.join(', ')})` : base;
}

function parameterRows(schema: Schema): string[] {
  const props = Object.entries(schema.properties ?? {});
  if (!props.length) return ['No parameters.'];
  const required = new Set(schema.required ?? []);
  const rows = ['| Parameter | Type | Required | Description |', '|---|---|---|---|'];
  for (const [name, p] of props) {
    const def = p.default !== undefined ? ` Default: \`${JSON.stringify(p.default)}\`.` : '';
    rows.push(`| \`${name}\` | ${cell(typeOf(p))} | ${required.has(name) ? 'yes' : 'no'} | ${cell(`${p.description ?? ''}${def}`)} |`);
  }
  return rows;
}

function annotationLine(t: Tool): string {
  const a = t.annotations ?? {};
  const flags = (['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const).map((k) => `${k}: ${a[k] === undefined ? 'unset' : String(a[k])}`);
  return `Annotations: ${flags.join(', ')}`;
}

export function renderMarkdown(listed: Listed): string {
  const defs = new Map(ALL_TOOLS.map((d) => [d.name, d]));
  const unknown = listed.tools.filter((t) => !defs.has(t.name)).map((t) => t.name);
  if (unknown.length) throw new Error(`tools registered outside ALL_TOOLS: ${unknown.join(', ')}`);
  const byToolset = new Map<string, Tool[]>();
  for (const t of listed.tools) {
    const set = defs.get(t.name)!.toolset;
    byToolset.set(set, [...(byToolset.get(set) ?? []), t]);
  }
  const writes = listed.tools.filter((t) => defs.get(t.name)!.kind !== 'read').length;
  const out: string[] = [
    '# Tool reference',
    '',
    `<!-- Generated from the registered tools by server/scripts/gen-tool-docs.ts. Do not edit by hand: run \`${REGENERATE}\`. -->`,
    '',
    `${listed.tools.length} tools in ${byToolset.size} toolsets (${listed.tools.length - writes} read, ${writes} write), ${listed.templates.length} resource templates and ${listed.prompts.length} prompts, as registered with every toolset enabled and read-only mode off.`,
    '',
    `- **Toolsets**: with \`AUTOTASK_TOOLSETS\` unset, a session starts with the default toolsets (${DEFAULT_TOOLSETS.map((t) => `\`${t}\``).join(', ')}, marked *default* below) plus the \`discovery\` tools: \`list_toolsets\` shows every toolset and \`enable_toolset\` adds one to the session (the server sends \`notifications/tools/list_changed\`). \`AUTOTASK_TOOLSETS=all\` registers every toolset up front without discovery; a comma-separated list (\`default\` stands for the default toolsets) registers exactly those, without discovery. An unknown name stops start-up with the valid list.`,
    '- **Read-only mode**: `AUTOTASK_READ_ONLY=true` registers no write tool at all (the tools marked *write* below), whatever else is set; enabling a toolset then adds only its reads.',
    '- **Two-step writes**: every write tool also takes `confirmationToken`. Without it the call changes nothing and returns a preview (the exact request, current -> new values for updates) and a one-time token bound to that request; repeating the same call with the token executes it once. Clients that support elicitation are asked to approve instead.',
    '- **Schemas** are sent compact: the server validates every argument itself (strict, unknown arguments refused), so bounds no real call reaches are left out of the JSON schema; `test/__toolsnaps__/` holds what each tool looks like to the model.',
    '- **Annotations** follow the MCP spec: `readOnlyHint`, `destructiveHint`, `idempotentHint`, `openWorldHint`.',
    '',
    '## Contents',
    '',
  ];
  const sets = ['discovery', ...TOOLSET_NAMES].filter((n) => byToolset.has(n));
  const on = (set: string) => (set === 'discovery' || (DEFAULT_TOOLSETS as readonly string[]).includes(set) ? ' (*default*)' : '');
  for (const set of sets) out.push(`- [\`${set}\`](#toolset-${set})${on(set)}: ${byToolset.get(set)!.map((t) => `\`${t.name}\``).join(', ')}`);
  out.push('- [Resources](#resources)', '- [Prompts](#prompts)', '');

  for (const set of sets) {
    out.push(`## Toolset \`${set}\``, '', `${set === 'discovery' ? 'Finding and enabling the other toolsets.' : TOOLSET_DESCRIPTIONS[set as ToolsetName]}${on(set)}`, '');
    for (const t of byToolset.get(set)!) {
      const kind = defs.get(t.name)!.kind;
      out.push(`### \`${t.name}\``, '');
      out.push(`**${t.title ?? t.annotations?.title ?? t.name}** - ${kind === 'read' ? 'read' : `write (${kind}; two-step, removed in read-only mode)`}`, '');
      out.push(t.description ?? '', '');
      out.push(annotationLine(t), '');
      out.push(...parameterRows(t.inputSchema), '');
      if (t.outputSchema) out.push(`Structured output fields: ${Object.keys((t.outputSchema as Schema).properties ?? {}).map((k) => `\`${k}\``).join(', ')}.`, '');
    }
  }

  out.push('## Resources', '', 'Resources are reads: read-only mode keeps them. A record template is offered only when its toolset is enabled; the schema template always.', '');
  out.push('| URI template | Title | Description |', '|---|---|---|');
  for (const r of listed.templates) out.push(`| \`${r.uriTemplate}\` | ${cell(r.title ?? r.name)} | ${cell(r.description ?? '')} |`);
  out.push('', `Listed resources: ${listed.resources.map((r) => `\`${r.uri}\``).join(', ') || 'none'}.`, '');

  out.push('## Prompts', '', 'A prompt is offered only when the tools it relies on are registered (toolsets, read-only mode).', '');
  for (const p of listed.prompts) {
    out.push(`### \`${p.name}\``, '', `**${p.title ?? p.name}** - ${p.description ?? ''}`, '');
    const args = p.arguments ?? [];
    if (!args.length) out.push('No arguments.', '');
    else {
      out.push('| Argument | Required | Description |', '|---|---|---|');
      for (const a of args) out.push(`| \`${a.name}\` | ${a.required ? 'yes' : 'no'} | ${cell(a.description ?? '')} |`);
      out.push('');
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

export async function renderToolDocs(): Promise<string> {
  return renderMarkdown(await listRegistered());
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const md = await renderToolDocs();
  mkdirSync(path.dirname(TOOLS_MD), { recursive: true });
  writeFileSync(TOOLS_MD, md);
  process.stdout.write(`wrote ${path.relative(process.cwd(), TOOLS_MD)} (${md.length} characters)\n`);
}
