/** Small helpers for tool tests: call a tool over MCP and read its text / structured result. */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { RecordedRequest } from '../../../src/fake/types.js';
import type { Wire } from '../../helpers/wire.js';

export interface CallResult {
  isError: boolean;
  text: string;
  structured: Record<string, Wire>;
  raw: unknown;
}

export async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallResult> {
  const r = (await client.callTool({ name, arguments: args })) as { isError?: boolean; content?: Array<{ type: string; text?: string }>; structuredContent?: Record<string, unknown> };
  const text = (r.content ?? []).map((c) => (c.type === 'text' ? c.text : '')).join('\n');
  return { isError: !!r.isError, text, structured: (r.structuredContent ?? {}) as Record<string, Wire>, raw: r };
}

/** Requests that read or write records (not metadata, zone or threshold). */
export function dataRequests(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.route !== '' && !/entityInformation|ThresholdInformation|^Version$|zoneInformation/i.test(r.route));
}

export function queryRequests(requests: readonly RecordedRequest[], entity?: string): RecordedRequest[] {
  return requests.filter((r) => /\/query(\/count|\/next)?$/i.test(r.route.split('?')[0]) && (!entity || r.route.toLowerCase().startsWith(`${entity.toLowerCase()}/`)));
}

export function writeRequests(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.method === 'PATCH' || r.method === 'PUT' || r.method === 'DELETE' || (r.method === 'POST' && !/\/query/i.test(r.route)));
}
