/**
 * tools/list as an MCP client receives it over Streamable HTTP (raw: initialize, then one
 * tools/list POST), with the byte counts issue 9 budgets: the whole result and, per tool, its
 * input schema, output schema and description.
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Harness } from './harness.js';
import { mcpPost, openRawSession } from './raw.js';

export interface ToolBytes {
  name: string;
  total: number;
  input: number;
  output: number;
  description: number;
}

export interface ListedTools {
  /** Bytes of the JSON of the tools/list result ({"tools":[...]}), as sent. */
  bytes: number;
  tools: Tool[];
  perTool: ToolBytes[];
}

const bytesOf = (v: unknown) => (v === undefined ? 0 : Buffer.byteLength(JSON.stringify(v)));

export async function rawToolsList(h: Harness): Promise<ListedTools> {
  const headers: Record<string, string> = h.config.http.authToken ? { Authorization: `Bearer ${h.config.http.authToken}` } : {};
  const sid = await openRawSession(h.url, headers);
  const r = await mcpPost(h.url, { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }, { ...headers, 'mcp-session-id': sid });
  if (r.status !== 200 || !r.json?.result) throw new Error(`tools/list failed: ${r.status} ${r.text.slice(0, 300)}`);
  const result = r.json.result as { tools: Tool[] };
  const perTool = result.tools.map((t) => ({
    name: t.name,
    total: bytesOf(t),
    input: bytesOf(t.inputSchema),
    output: bytesOf(t.outputSchema),
    description: Buffer.byteLength(t.description ?? ''),
  }));
  return { bytes: bytesOf(result), tools: result.tools, perTool };
}

/** A readable table for assertion messages: the biggest tools first. */
export function bytesTable(listed: ListedTools): string {
  const rows = [...listed.perTool].sort((a, b) => b.total - a.total).map((t) => `${t.name.padEnd(24)} ${String(t.total).padStart(6)} (input ${t.input}, output ${t.output}, description ${t.description})`);
  return [`${listed.tools.length} tools, ${listed.bytes} bytes:`, ...rows].join('\n');
}
