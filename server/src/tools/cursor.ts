/**
 * The opaque cursor of a list page (./paging.ts): what the next page continues from, bound to the
 * search it came from (entity, filter and order hashed), so a cursor used with other arguments is
 * refused with what to do instead of answering a different search.
 */
import { createHash } from 'node:crypto';
import type { FilterExpression } from '../autotask/types.js';
import { canonicalJson } from './confirm.js';
import { ToolInputError } from './results.js';
import type { Order } from './paging.js';

export interface CursorClaims {
  /** hash of entity + filter + order */
  q: string;
  /** oldest: the last id returned; newest: the lowest id returned (the next page is below it) */
  a: number;
  /** newest only: ids per matching record seen so far (sizes the next window) */
  s?: number;
}

const BAD_CURSOR = 'The cursor is not valid. Use the nextCursor value exactly as returned, or omit cursor to start from the first page.';

export function queryHash(entity: string, filter: FilterExpression[], order: Order): string {
  const suffix = order === 'newest' ? '|newest' : '';
  return createHash('sha256').update(`${entity.toLowerCase()}|${canonicalJson(filter)}${suffix}`).digest('base64url').slice(0, 16);
}

export function encodeCursor(claims: CursorClaims): string {
  return Buffer.from(JSON.stringify(claims)).toString('base64url');
}

export function decodeCursor(entity: string, filter: FilterExpression[], order: Order, cursor: string): CursorClaims {
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ToolInputError(BAD_CURSOR);
  }
  const c = claims as Partial<CursorClaims> | null;
  if (!c || typeof c !== 'object' || typeof c.q !== 'string' || typeof c.a !== 'number' || !Number.isSafeInteger(c.a) || (c.s !== undefined && !(typeof c.s === 'number' && c.s > 0 && Number.isFinite(c.s)))) {
    throw new ToolInputError(BAD_CURSOR);
  }
  if (c.q !== queryHash(entity, filter, order)) {
    const other: Order = order === 'newest' ? 'oldest' : 'newest';
    if (c.q === queryHash(entity, filter, other)) throw new ToolInputError(`This cursor belongs to the same search in order "${other}": repeat the search with order="${other}", or omit cursor to start again.`);
    throw new ToolInputError('This cursor belongs to a different search. Repeat the same search parameters with it, or omit cursor to start a new search.');
  }
  return c as CursorClaims;
}
