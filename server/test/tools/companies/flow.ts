/**
 * Test helpers shared by the company, contact, project, time and resource tool tests: one harness
 * per file, search/preview/confirm shortcuts, and the "refused, nothing sent" assertion.
 */
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { leakedSentinels, startHarness, type Harness, type HarnessOptions } from '../../helpers/harness.js';
import { call, dataRequests, structured, textOf, writes } from '../tickets/support.js';
import { rowsOf } from '../results/support.js';
import type { Wire } from '../../helpers/wire.js';

/** A list result: its compact table, plus `items`, the rows read back as objects by column. */
export interface ListResult {
  columns: string[];
  rows: unknown[][];
  items: Array<Record<string, Wire>>;
  names?: Record<string, Record<string, string>>;
  untrusted?: string[];
  hasMore: boolean;
  nextCursor: string | null;
  [k: string]: unknown;
}

export interface Preview {
  status: string;
  summary: string;
  request: { method: string; path: string; body: Record<string, Wire> };
  changes: Array<{ field: string; from: unknown; to: unknown }>;
  warnings: string[];
  confirmationToken: string;
}

export interface Session {
  h: Harness;
  client: Client;
}

/** Starts one harness for the file (closed after it) and clears the fake's request log before each test. */
export function useHarness(opts?: HarnessOptions): Session {
  const s = {} as Session;
  beforeAll(async () => {
    s.h = await startHarness(opts);
    s.client = await s.h.connect();
  });
  afterAll(async () => {
    // Whatever the tests did, no secret may have reached the logs.
    if (s.h) expect(leakedSentinels(s.h.logs)).toEqual([]);
    await s.h?.close();
  });
  beforeEach(() => s.h.fake.clearRequests());
  return s;
}

export async function list(s: Session, tool: string, args: Record<string, unknown>): Promise<ListResult> {
  const r = structured<ListResult>(await call(s.client, tool, args));
  return { ...r, items: rowsOf(r) };
}

/** A write's first call: a preview, and nothing written. */
export async function preview(s: Session, tool: string, args: Record<string, unknown>): Promise<Preview> {
  const r = await call(s.client, tool, args);
  const p = structured<Preview>(r);
  expect(p.status).toBe('confirmation_required');
  expect(textOf(r)).toContain('PREVIEW ONLY');
  expect(writes(s.h.fake)).toEqual([]);
  return p;
}

/** The second call with the token: executes exactly the previewed request once. */
export async function confirm(s: Session, tool: string, args: Record<string, unknown>, p: Preview): Promise<{ id: number; text: string }> {
  const r = await call(s.client, tool, { ...args, confirmationToken: p.confirmationToken });
  expect(r.isError, textOf(r)).toBeFalsy();
  const w = writes(s.h.fake);
  expect(w).toHaveLength(1);
  expect(`${w[0].method} ${w[0].route}`).toBe(`${p.request.method} ${p.request.path}`);
  expect(w[0].body).toEqual(p.request.body);
  expect(w[0].status).toBe(200);
  return { id: (r.structuredContent as { id: number }).id, text: textOf(r) };
}

/**
 * Bad input: an isError result whose text matches and nothing written. `sent` says what may have
 * reached the fake: 'nothing' (the default: schema errors), 'metadata' (picklist labels checked
 * against the tenant's metadata, no record read), or 'reads' (a referenced record was looked up).
 */
export async function refused(
  s: Session,
  tool: string,
  args: Record<string, unknown>,
  message: RegExp,
  sent: 'nothing' | 'metadata' | 'reads' = 'nothing',
): Promise<string> {
  const r = await call(s.client, tool, args);
  const text = textOf(r);
  expect(r.isError, text).toBe(true);
  expect(text).toMatch(message);
  expect(writes(s.h.fake)).toEqual([]);
  if (sent === 'nothing') expect(s.h.fake.requests.map((q) => `${q.method} ${q.route}`)).toEqual([]);
  if (sent === 'metadata') expect(dataRequests(s.h.fake).map((q) => `${q.method} ${q.route}`)).toEqual([]);
  return text;
}

export const sortedIds = (items: Array<Record<string, unknown>>) => items.map((r) => r.id as number).sort((a, b) => a - b);
