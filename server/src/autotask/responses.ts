/**
 * Parsers for Autotask's response wrappers ({item}, {items,pageDetails}, {queryCount}, {itemId},
 * ThresholdInformation). Bodies are untrusted: anything off-shape raises a ShapeError, which the
 * client reports as a 'protocol' error naming the request.
 */
import { ShapeError } from './error-map.js';
import type { AutotaskRecord, QueryPage, ThresholdInfo } from './types.js';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Case-insensitive property read ("pageDetails" also finds "PageDetails"). */
export function pick(o: Obj, key: string): unknown {
  if (key in o) return o[key];
  const lower = key.toLowerCase();
  const k = Object.keys(o).find((x) => x.toLowerCase() === lower);
  return k === undefined ? undefined : o[k];
}

function toRecord(v: unknown, what: string): AutotaskRecord {
  if (!isObj(v)) throw new ShapeError(`${what} that is not an object`);
  const id = pick(v, 'id');
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new ShapeError(`${what} without a numeric id`);
  return v as AutotaskRecord;
}

/**
 * GET by id, root or child. `{"item":{…}}` / `{"item":null}` is the norm; attachment roots answer
 * `{"items":[{…}]}` (sandbox log of GET TicketAttachments/{id}) and attachment children have been
 * seen with `{"items":{…}}`. An empty items list means "no such record"; several is off-shape.
 */
export function parseItem(body: unknown): AutotaskRecord | null {
  if (!isObj(body)) throw new ShapeError('a body that is not a JSON object');
  const item = pick(body, 'item');
  if (item !== undefined) return item === null ? null : toRecord(item, 'an item');
  const items = pick(body, 'items');
  if (items === null) return null;
  if (isObj(items)) return toRecord(items, 'an item');
  if (Array.isArray(items)) {
    if (items.length === 0) return null;
    if (items.length === 1) return toRecord(items[0], 'an item');
    throw new ShapeError('several items where one was expected');
  }
  throw new ShapeError('a body without "item"');
}

/** Child GET-by-id: the same wrappers as a root GET-by-id. */
export const parseChildItem = parseItem;

export function parsePage(body: unknown): QueryPage {
  if (!isObj(body)) throw new ShapeError('a body that is not a JSON object');
  const items = pick(body, 'items');
  if (!Array.isArray(items)) throw new ShapeError('a query body without an "items" array');
  const details = pick(body, 'pageDetails');
  const next = isObj(details) ? pick(details, 'nextPageUrl') : null;
  if (next !== null && next !== undefined && typeof next !== 'string') throw new ShapeError('a nextPageUrl that is not a string');
  return { items: items.map((i) => toRecord(i, 'a query item')), nextPageUrl: typeof next === 'string' && next !== '' ? next : null };
}

function nonNegativeInteger(body: unknown, key: string): number {
  const v = isObj(body) ? pick(body, key) : undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new ShapeError(`a body without a numeric "${key}"`);
  return v;
}

export const parseCount = (body: unknown): number => nonNegativeInteger(body, 'queryCount');

export const parseItemId = (body: unknown): number => nonNegativeInteger(body, 'itemId');

export function parseThreshold(body: unknown): ThresholdInfo {
  return {
    externalRequestThreshold: nonNegativeInteger(body, 'externalRequestThreshold'),
    requestThresholdTimeframe: nonNegativeInteger(body, 'requestThresholdTimeframe'),
    currentTimeframeRequestCount: nonNegativeInteger(body, 'currentTimeframeRequestCount'),
  };
}

export function parseObject(body: unknown): Record<string, unknown> {
  if (!isObj(body)) throw new ShapeError('a body that is not a JSON object');
  return body;
}
