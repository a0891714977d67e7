/**
 * Autotask's id-based paging: results in ascending id order, `MaxRecords` per page, and a
 * `nextPageUrl` of the form `…/{Entity}/query/next?paging={"pageSize":n,"previousIds":[…],
 * "nextIds":[firstIdOfNextPage]}` (plus `&search=` for GET-origin queries).
 */
import { z } from 'zod';
import type { SeedRecord } from './types.js';
import { badRequest } from './errors.js';
import { MAX_PAGE_SIZE } from './query.js';

const PagingToken = z.object({
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE),
  previousIds: z.array(z.number().int()),
  nextIds: z.array(z.number().int()).min(1),
});
export type PagingToken = z.infer<typeof PagingToken>;

export function parsePagingToken(raw: string | undefined): PagingToken {
  if (raw === undefined) throw badRequest('The paging parameter is required on query/next.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest('The paging parameter is not valid JSON; use nextPageUrl exactly as returned.');
  }
  const result = PagingToken.safeParse(parsed);
  if (!result.success) throw badRequest('The paging parameter is not a valid paging token; use nextPageUrl exactly as returned.');
  return result.data;
}

export interface PageSlice {
  items: SeedRecord[];
  /** Id of the first record of the next page, or null on the last page. */
  nextStartId: number | null;
}

/** One page of `matching` (ascending ids, or descending) starting at id `startId` (inclusive) when given. */
export function slicePage(matching: SeedRecord[], pageSize: number, startId: number | null, descending = false): PageSlice {
  const from = startId === null ? 0 : matching.findIndex((r) => (descending ? r.id <= startId : r.id >= startId));
  if (from < 0) return { items: [], nextStartId: null };
  const items = matching.slice(from, from + pageSize);
  const next = matching.at(from + pageSize);
  return { items, nextStartId: next ? next.id : null };
}

/** Autotask percent-encodes with lower-case hex (`%7b`); clients must treat the URL as opaque. */
function encode(s: string): string {
  return encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
}

export function buildNextPageUrl(opts: {
  restBase: string;
  entity: string;
  pageSize: number;
  previousIds: number[];
  nextStartId: number;
  search?: string;
}): string {
  const token = JSON.stringify({ pageSize: opts.pageSize, previousIds: opts.previousIds, nextIds: [opts.nextStartId] });
  const search = opts.search !== undefined ? `&search=${encode(opts.search)}` : '';
  return `${opts.restBase}V1.0/${opts.entity}/query/next?paging=${encode(token)}${search}`;
}
