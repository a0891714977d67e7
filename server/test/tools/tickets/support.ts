/**
 * Helpers for tool tests through the shared harness (fake Autotask + real server + MCP client
 * over Streamable HTTP): call a tool, read its text/structured result, and inspect what reached
 * the fake.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { FakeAutotask, RecordedRequest } from '../../../src/fake/types.js';
import { expect } from 'vitest';
import type { FilterExpression } from '../../../src/autotask/types.js';
import { isPagingTerm } from '../../../src/tools/paging.js';

export async function call(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

export function textOf(r: CallToolResult): string {
  return r.content
    .filter((c): c is { type: 'text'; text: string } => c.type === 'text')
    .map((c) => c.text)
    .join('\n');
}

export function structured<T = Record<string, unknown>>(r: CallToolResult): T {
  if (r.isError) throw new Error(`tool error: ${textOf(r)}`);
  return r.structuredContent as T;
}

/** Requests for one route (e.g. "Tickets/query"), in arrival order. */
export function sent(fake: FakeAutotask, route: string, method?: string): RecordedRequest[] {
  return fake.requests.filter((r) => r.route.toLowerCase() === route.toLowerCase() && (!method || r.method === method));
}

/** Requests that read or write records (not metadata, not zone/version). */
export function dataRequests(fake: FakeAutotask): RecordedRequest[] {
  return fake.requests.filter((r) => !/entityInformation|zoneInformation|version/i.test(r.route) && r.route !== '');
}

/** Writes (POST other than query, PATCH, PUT, DELETE). */
export function writes(fake: FakeAutotask): RecordedRequest[] {
  return fake.requests.filter((r) => r.method !== 'GET' && !/\/query(\/count|\/next)?$/i.test(r.route) && !/entityInformation/i.test(r.route));
}

export function filterOf(req: RecordedRequest): FilterExpression[] {
  return (req.body as { filter: FilterExpression[] }).filter;
}

/** The filter expressions sent with the (only) query of a route, minus the keyset paging clause. */
/**
 * Every query sent to `route` (since the log was cleared) applied exactly `expected`, followed
 * only by the bounds newest-first paging adds (id and creation-date windows): the search's own
 * filter reached Autotask whole on every request.
 */
export function expectSent(fake: FakeAutotask, route: string, expected: FilterExpression[]): void {
  const reqs = sent(fake, route, 'POST');
  if (!reqs.length) throw new Error(`no ${route} request was sent`);
  const entity = route.split('/')[0];
  for (const r of reqs) {
    const f = filterOf(r);
    expect(f.slice(0, expected.length), `${route} filter prefix`).toEqual(expected);
    for (const extra of f.slice(expected.length)) expect(isPagingTerm(entity, extra), `${route}: ${JSON.stringify(extra)} is a paging bound`).toBe(true);
  }
}

export function lastFilter(fake: FakeAutotask, route: string): FilterExpression[] {
  const reqs = sent(fake, route, 'POST');
  if (!reqs.length) throw new Error(`no ${route} request was sent`);
  return filterOf(reqs[reqs.length - 1]);
}
