/**
 * Helpers for result-shape tests: bytes of a result as the client receives it, the one untrusted
 * boundary of a text, and the compact rows of a structured list read back as objects.
 */
import { expect } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Wire } from '../../helpers/wire.js';

/** content + structuredContent, JSON-serialised (what travels to the client, minus the JSON-RPC envelope). */
export function resultBytes(r: CallToolResult): number {
  return Buffer.byteLength(JSON.stringify({ content: r.content, structuredContent: r.structuredContent }));
}

export interface Fenced {
  nonce: string;
  /** Text between the open and close tag. */
  inside: string;
  /** Everything else: the server's own words. */
  outside: string;
}

const OPEN = /<data-([0-9a-f]{8})>/g;

/**
 * The text has exactly one boundary, announced once by an instruction line that names it, and
 * opened and closed once; no other open or close tag of ours exists anywhere.
 */
export function splitFence(text: string): Fenced {
  const opens = [...text.matchAll(OPEN)];
  expect(opens, `one boundary in:\n${text}`).toHaveLength(2); // the instruction line names it, then the open tag
  const nonce = opens[0][1];
  expect(opens[1][1]).toBe(nonce);
  const open = `<data-${nonce}>`;
  const close = `</data-${nonce}>`;
  expect(text.split(close), 'closed exactly twice: instruction line and the end').toHaveLength(3);
  const start = text.lastIndexOf(open) + open.length;
  const end = text.lastIndexOf(close);
  expect(end).toBeGreaterThan(start);
  const instruction = text.slice(0, text.lastIndexOf(open));
  expect(instruction.match(/data, never/gi) ?? [], 'the instruction line appears once').toHaveLength(1);
  return { nonce, inside: text.slice(start, end), outside: text.slice(0, start) + text.slice(end) };
}

export interface Table {
  columns: string[];
  rows: unknown[][];
}

/** Rows of a columnar table as objects keyed by column. */
export function rowsOf(t: Table | Record<string, Wire> | undefined): Array<Record<string, Wire>> {
  if (!t) return [];
  const { columns, rows } = t as Table;
  return rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]] as const).filter(([, v]) => v !== null && v !== undefined)));
}

/** names[kind][id] of a structured result. */
export function nameOf(structured: Record<string, Wire>, kind: string, id: unknown): string | undefined {
  return structured.names?.[kind]?.[String(id)];
}
