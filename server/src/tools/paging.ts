/**
 * Paging for every list tool: an opaque cursor, and two orders.
 *
 * Autotask has no sort: a query answers at most 500 records in ascending id order (official
 * SOAP query() page: "sorted by their id value"; REST pages continue by id). Ids grow in
 * creation order, so "oldest" is plain keyset paging (id > last id, one request per page).
 *
 * "newest" (the default for things that pile up) needs the top of the id range without a sort.
 * It asks Autotask for a *window* just below the boundary that should hold a few pages' worth of
 * matches, takes the highest ids in it, and widens or narrows the window from what it saw:
 *  - a cursor page uses an id window [boundary - span, boundary), the span estimated from the
 *    previous page's id density: exact, since every id below the boundary is either in the
 *    window or below all of it;
 *  - the first page has no boundary, so it uses a creation-date window (createDate >= now - w)
 *    on entities that have a creation date: the highest ids are the most recently created
 *    records, and a record created later never has a lower id than one created earlier beyond a
 *    small clock skew (CREATION_SKEW_MS, an [unverified] assumption `doctor` checks). Entities
 *    without a creation date anchor on an ascending first page and a count instead.
 * Each attempt queries only the slice not seen yet, so widening repeats no record. A window that
 * holds more than 500 matches is narrowed (its 500 lowest say how dense it is). Attempts are
 * bounded; past that, the last slice is walked (and the result says so if it had to stop).
 */
import { z } from 'zod';
import type { AutotaskApi, AutotaskRecord, FilterExpression, QueryRequest, RequestOptions } from '../autotask/types.js';
import { catalogue } from '../catalogue/index.js';
import { decodeCursor, encodeCursor, queryHash, type CursorClaims } from './cursor.js';
import { instantMs } from './dates.js';

export type Order = 'newest' | 'oldest';

export const DEFAULT_LIMIT = 25;
export const PAGE_MAX = 500;

export const paginationShape = {
  limit: z.number().int().min(1).max(PAGE_MAX).default(DEFAULT_LIMIT),
  cursor: z.string().max(2000).optional().describe('nextCursor of the previous page; keep the other arguments.'),
};

/** Lists of things that pile up (tickets, notes, time, tasks, ...) take an order, newest first by default. */
export const orderedPaginationShape = {
  ...paginationShape,
  order: z.enum(['newest', 'oldest']).default('newest'),
};

export interface Page {
  items: AutotaskRecord[];
  hasMore: boolean;
  nextCursor: string | null;
  /** Autotask query requests this page cost (count and query). */
  requests: number;
  /** Set when the walk stopped at its bound before it could be sure of the order: say so. */
  incomplete?: string;
}

export interface PageOptions extends RequestOptions {
  limit: number;
  cursor?: string;
  includeFields?: string[];
  /** Default 'oldest' (the order of Autotask itself); list tools of piling-up records pass args.order. */
  order?: Order;
  /** Clock for the first creation-date window (tests). */
  now?: () => number;
}

// ---- entry point ------------------------------------------------------------------------------

const MATCH_ALL: FilterExpression = { op: 'gte', field: 'id', value: 0 };

/** One page of a search, in the order asked for (exact hasMore, no record skipped or repeated). */
export async function queryPage(api: AutotaskApi, entity: string, filter: FilterExpression[], opts: PageOptions): Promise<Page> {
  const order = opts.order ?? 'oldest';
  const base = filter.length ? filter : [MATCH_ALL];
  const claims = opts.cursor ? decodeCursor(entity, base, order, opts.cursor) : undefined;
  const walker = new Walker(api, entity, base, opts);
  return order === 'oldest' ? walker.oldest(claims?.a) : walker.newest(claims);
}

// ---- the walks --------------------------------------------------------------------------------

/** Window attempts before the last resort (each at least halves or doubles the window). */
const MAX_WINDOW_ATTEMPTS = 12;
/** Pages the last-resort walk may read (5,000 records). */
const MAX_WALK_PAGES = 10;
/** A window aims at this many pages' worth of matches (room for density changes)... */
const AIM_PAGES = 4;
/** ...but well under Autotask's 500, so that one request holds it. */
const AIM_MAX = 400;
/** The first creation-date window when nothing is known yet. */
const FIRST_WINDOW_MS = 3 * 24 * 3_600_000;
/**
 * [unverified] How far a record's creation date may run behind one with a lower id (clock skew
 * between Autotask's servers). The lowest record shown from a date window must be created at
 * least this long after the window's start, or the window is widened first.
 */
export const CREATION_SKEW_MS = 10 * 60_000;

const CREATION_FIELDS = ['createDate', 'createDateTime', 'createdDateTime', 'attachDate'];

/**
 * Creation-date field of an entity: a queryable, read-only datetime (so Autotask itself stamps
 * it at creation), or undefined.
 */
export function creationDateField(entity: string): string | undefined {
  const spec = Object.values(catalogue.entities).find((e) => e.name.toLowerCase() === entity.toLowerCase());
  return spec?.fields.find((f) => CREATION_FIELDS.includes(f.name) && f.type === 'datetime' && f.queryable && f.readOnly)?.name;
}

const byIdDesc = (a: AutotaskRecord, b: AutotaskRecord) => b.id - a.id;

/** A bound this module adds to a search's own filter (tests check that nothing else is added). */
export function isPagingTerm(entity: string, term: FilterExpression): boolean {
  const date = creationDateField(entity);
  const onAxis = (t: FilterExpression) => (t.field === 'id' || (date !== undefined && t.field === date)) && ['gt', 'gte', 'lt'].includes(t.op);
  if (term.op === 'or') return (term.items ?? []).length === 2 && (term.items ?? []).every((t) => (t.field === date && t.op === 'lt') || (t.field === date && t.op === 'notExist'));
  return onAxis(term);
}

interface Found {
  items: AutotaskRecord[];
  /** More matching records exist below the lowest id in items (beyond the page itself). */
  moreBelow: boolean;
  incomplete?: string;
}

/** The line a window moves along: ids (exact) or creation dates in ms (to find the top). */
interface Axis {
  /** Conditions for lo <= value < hi (null: unbounded on that side). */
  range(lo: number | null, hi: number | null): FilterExpression[];
  /** Conditions for everything below lo (and, for dates, without a date). */
  below(lo: number): FilterExpression[];
  valueOf(r: AutotaskRecord): number | null;
  /** A window that reaches this far down holds everything below it too. */
  floor: number | null;
}

const ID_AXIS: Axis = {
  // Ids are integers: a fractional bound from a density estimate is rounded outwards.
  range: (lo, hi) => [
    ...(lo !== null && lo > 0 ? [{ op: 'gte', field: 'id', value: Math.floor(lo) } as FilterExpression] : []),
    ...(hi !== null ? [{ op: 'lt', field: 'id', value: Math.ceil(hi) } as FilterExpression] : []),
  ],
  below: (lo) => [{ op: 'lt', field: 'id', value: Math.floor(lo) }],
  valueOf: (r) => r.id,
  floor: 0,
};

function dateAxis(field: string): Axis {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    range: (lo, hi) => [...(lo !== null ? [{ op: 'gte', field, value: iso(lo) } as FilterExpression] : []), ...(hi !== null ? [{ op: 'lt', field, value: iso(hi) } as FilterExpression] : [])],
    below: (lo) => [{ op: 'or', items: [{ op: 'lt', field, value: iso(lo) }, { op: 'notExist', field }] }],
    valueOf: (r) => dateOf(r, field),
    floor: null,
  };
}

class Walker {
  requests = 0;
  private readonly dateField: string | undefined;
  private readonly includeFields: string[] | undefined;
  private readonly strip: string[];
  private readonly want: number;

  constructor(
    private readonly api: AutotaskApi,
    private readonly entity: string,
    private readonly base: FilterExpression[],
    private readonly opts: PageOptions,
  ) {
    this.want = opts.limit + 1;
    this.dateField = creationDateField(entity);
    const wanted = opts.includeFields ? Array.from(new Set(['id', ...opts.includeFields])) : undefined;
    // The newest walk reads creation dates to size its windows; they are removed again if not asked for.
    const needsDate = opts.order === 'newest' && wanted && this.dateField && !wanted.includes(this.dateField);
    this.includeFields = needsDate ? [...(wanted), this.dateField] : wanted;
    this.strip = needsDate ? [this.dateField] : [];
  }

  private async query(extra: FilterExpression[], maxRecords = PAGE_MAX): Promise<{ items: AutotaskRecord[]; overflow: boolean }> {
    const q: QueryRequest = { filter: [...this.base, ...extra], maxRecords, ...(this.includeFields ? { includeFields: this.includeFields } : {}) };
    this.requests += 1;
    const page = await this.api.query(this.entity, q, { signal: this.opts.signal });
    return { items: page.items, overflow: page.nextPageUrl !== null && page.items.length >= maxRecords };
  }

  private async count(extra: FilterExpression[]): Promise<number> {
    this.requests += 1;
    return this.api.count(this.entity, [...this.base, ...extra], { signal: this.opts.signal });
  }

  private finish(items: AutotaskRecord[], hasMore: boolean, cursor: CursorClaims | null, incomplete?: string): Page {
    if (this.strip.length) for (const r of items) for (const f of this.strip) delete r[f];
    return { items, hasMore, nextCursor: hasMore && cursor ? encodeCursor(cursor) : null, requests: this.requests, ...(incomplete ? { incomplete } : {}) };
  }

  /**
   * Keyset paging in Autotask's own order, one request: limit + 1 records after the cursor, or
   * for a full page of 500 its nextPageUrl (null on the last page), so hasMore is exact.
   */
  async oldest(after: number | undefined): Promise<Page> {
    const { limit } = this.opts;
    const extra: FilterExpression[] = after === undefined ? [] : [{ op: 'gt', field: 'id', value: after }];
    const r = await this.query(extra, Math.min(this.want, PAGE_MAX));
    const sorted = [...r.items].sort((x, y) => x.id - y.id);
    const page = sorted.slice(0, limit);
    const last = page.at(-1);
    return this.finish(page, sorted.length > limit || r.overflow, last ? { q: queryHash(this.entity, this.base, 'oldest'), a: last.id } : null);
  }

  async newest(claims: CursorClaims | undefined): Promise<Page> {
    let found: Found;
    if (claims) {
      found = await this.windows(ID_AXIS, claims.a, claims.a, Math.ceil((claims.s ?? 1) * this.aim(this.want)));
    } else if (this.dateField) {
      found = await this.windows(dateAxis(this.dateField), null, (this.opts.now ?? Date.now)(), FIRST_WINDOW_MS);
    } else {
      found = await this.anchored();
    }
    const sorted = found.items.sort(byIdDesc);
    const page = sorted.slice(0, this.opts.limit);
    const low = page.at(-1);
    const high = page.at(0);
    const span = low && high && page.length > 1 ? Math.max(1, (high.id - low.id) / (page.length - 1)) : claims?.s;
    const cursor = low ? { q: queryHash(this.entity, this.base, 'newest'), a: low.id, ...(span ? { s: round(span) } : {}) } : null;
    return this.finish(page, sorted.length > this.opts.limit || found.moreBelow, cursor, found.incomplete);
  }

  /** Matches a window should hold: a few pages' worth, capped so one request takes them all. */
  private aim(need: number): number {
    return Math.min(need * AIM_PAGES, AIM_MAX);
  }

  /**
   * Collect the top `want` matches below `top` (exclusive; null: no upper bound) along an axis:
   * windows [hi - width, hi) hung from `anchor`, each new one only the slice below the last, so no
   * record is read twice. A window that overflows 500 is narrowed (at least halved); one that
   * holds too few is widened (at least doubled), and once a count of what lies below.
   */
  private async windows(axis: Axis, top: number | null, anchor: number, firstWidth: number, seed: AutotaskRecord[] = [], extra: FilterExpression[] = []): Promise<Found> {
    const kept = [...seed];
    let hi = top;
    let width = Math.max(1, firstWidth);
    let counted = false;
    let emptyAfterCount = 0;
    for (let attempt = 0; attempt < MAX_WINDOW_ATTEMPTS; attempt++) {
      const aim = this.aim(this.want - kept.length);
      let lo: number | null = (hi ?? anchor) - width;
      if (axis === ID_AXIS) lo = Math.floor(lo); // slices must meet exactly at integer ids
      if (axis.floor !== null && lo <= axis.floor) lo = null;
      const r = await this.query([...extra, ...this.rangeOrAll(axis, lo, hi)]);
      if (r.overflow) {
        // The 500 lowest of the window say how dense it is: aim the narrower one at `aim`.
        const reached = Math.max(...r.items.map((i) => axis.valueOf(i) ?? -Infinity));
        const from = lo ?? axis.floor ?? reached - width;
        const density = PAGE_MAX / Math.max(1, reached - from);
        width = Math.max(1, Math.min(width / 2, aim / density));
        continue;
      }
      kept.push(...r.items);
      if (lo === null) return { items: kept, moreBelow: false };
      if (kept.length >= this.want && (axis === ID_AXIS || this.clearOfSkew(kept, axis, lo))) return { items: kept, moreBelow: true };
      hi = lo;
      if (kept.length >= this.want) {
        width = 2 * CREATION_SKEW_MS; // enough, but the lowest shown sits too near the window's start
        continue;
      }
      if (counted && r.items.length === 0 && axis !== ID_AXIS && ++emptyAfterCount >= 2) {
        // Many records below, but none with a date in reach: undated ones, whose ids may lie
        // anywhere. Start again on the id axis alone, which orders them exactly.
        return this.anchored(extra);
      }
      if (!counted && r.items.length < aim / 8) {
        // Too few so far: how many lie below at all? Often none, or few enough to take at once.
        counted = true;
        const below = await this.count([...extra, ...axis.below(lo)]);
        if (below === 0) return { items: kept, moreBelow: false };
        if (below <= PAGE_MAX) {
          const rest = await this.query([...extra, ...axis.below(lo)]);
          if (!rest.overflow) return { items: [...kept, ...rest.items], moreBelow: false };
        }
      }
      // Size the next slice from this one's density; from only a handful of matches, at least double.
      const density = r.items.length / width;
      const sized = density > 0 ? this.aim(this.want - kept.length) / density : width * 8;
      width = r.items.length >= 20 ? sized : Math.max(width * 2, sized);
    }
    // Still not settled: walk what lies below in ascending pages, keeping the newest.
    return this.walk([...extra, ...(hi === null ? [] : axis.below(hi))], kept);
  }

  private rangeOrAll(axis: Axis, lo: number | null, hi: number | null): FilterExpression[] {
    const r = axis.range(lo, hi);
    return r.length ? r : [MATCH_ALL];
  }

  /** The lowest record the page would show must have been created well after the window opened. */
  private clearOfSkew(kept: AutotaskRecord[], axis: Axis, from: number): boolean {
    const shown = [...kept].sort(byIdDesc).slice(0, this.want);
    const lowest = shown.at(-1);
    const d = lowest ? axis.valueOf(lowest) : null;
    return d !== null && d - from >= CREATION_SKEW_MS;
  }

  /**
   * No creation date: an ascending first page and a count give the id density; counts of what
   * lies above a guessed id then home in (secant steps on a monotone count) on a bound above
   * which between `want` and 400 matches lie; one query takes them.
   */
  private async anchored(extra: FilterExpression[] = []): Promise<Found> {
    const first = await this.query(this.orAll(extra));
    if (!first.overflow) return { items: first.items, moreBelow: false };
    const total = await this.count(this.orAll(extra));
    const aim = this.aim(this.want);
    // Known points of f(L) = matches with id >= L: f(lo) = total, f(hi + 1) = total - 500.
    let a = maxId(first.items) + 1;
    let fa = total - first.items.length;
    let b: number | null = null;
    let fb = 0;
    const idsPerMatch = Math.max(1, (a - Math.min(...first.items.map((i) => i.id))) / first.items.length);
    let guess = fa <= AIM_MAX ? a : Math.round(a + (fa - aim) * idsPerMatch);
    let lastSide: 'a' | 'b' | null = null;
    for (let attempt = 0; attempt < MAX_WINDOW_ATTEMPTS; attempt++) {
      const f = guess === a ? fa : await this.count([...extra, { op: 'gte', field: 'id', value: guess }]);
      if (f >= this.want && f <= AIM_MAX) break;
      if (f < this.want && guess === a) break; // everything above the first page is too little: use it all
      const side = f > AIM_MAX ? 'a' : 'b';
      if (side === 'a') [a, fa] = [guess, f];
      else [b, fb] = [guess, f];
      let next: number;
      if (b === null) next = Math.round(a + (fa - aim) * idsPerMatch * 2 ** attempt);
      else if (side === lastSide) next = Math.round((a + b) / 2); // secant stalls on a lopsided density: bisect
      else next = Math.round(a + ((b - a) * (fa - aim)) / Math.max(1, fa - fb));
      lastSide = side;
      if (b !== null && b - a <= 1) {
        guess = a;
        break;
      }
      guess = Math.min(b === null ? Infinity : b - 1, Math.max(a + 1, next));
    }
    const top = await this.query([...extra, { op: 'gte', field: 'id', value: guess }]);
    if (top.overflow) return this.walk([...extra, { op: 'gte', field: 'id', value: guess }], []);
    if (top.items.length >= this.want) return { items: top.items, moreBelow: true };
    // Fewer than a page above the guess: the rest come from just below it (the first page if need be).
    return this.windows(ID_AXIS, guess, guess, Math.ceil(idsPerMatch * this.aim(this.want - top.items.length)), top.items, extra);
  }

  /** Last resort: walk a slice in ascending pages (at most MAX_WALK_PAGES) and keep the newest. */
  private async walk(extra: FilterExpression[], kept: AutotaskRecord[]): Promise<Found> {
    let after: number | undefined;
    let slice: AutotaskRecord[] = [];
    for (let pageNo = 0; pageNo < MAX_WALK_PAGES; pageNo++) {
      const r = await this.query(after === undefined ? this.orAll(extra) : [...extra, { op: 'gt', field: 'id', value: after }]);
      slice = [...slice, ...r.items].sort(byIdDesc).slice(0, this.want);
      if (!r.overflow) return { items: [...kept, ...slice], moreBelow: false };
      after = maxId(r.items);
    }
    return {
      items: kept,
      moreBelow: true,
      incomplete: `Autotask holds more than ${MAX_WALK_PAGES * PAGE_MAX} matching records in a stretch this search could not narrow; ${kept.length ? 'only the newest it could be sure of are shown' : 'none could be shown in newest-first order'}. Narrow the search (e.g. a date range) or use order="oldest".`,
    };
  }

  private orAll(extra: FilterExpression[]): FilterExpression[] {
    return extra.length ? extra : [MATCH_ALL];
  }
}

function maxId(items: AutotaskRecord[]): number {
  return items.reduce((m, i) => Math.max(m, i.id), 0);
}

function dateOf(r: AutotaskRecord, field: string): number | null {
  return instantMs(r[field]);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
