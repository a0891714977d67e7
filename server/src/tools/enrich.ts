/**
 * Name and label enrichment: fills companion fields next to ids and picklist values so a model
 * reads "companyName: Acme" instead of guessing what companyID 812 is.
 *
 * - Picklist fields (metadata `isPickList`) get `${base}Label` (status -> statusLabel,
 *   queueID -> queueLabel, publish -> publishLabel).
 * - Reference fields (metadata `isReference`/`referenceEntityType`, or the explicit map below)
 *   to Company, Contact, Resource, Project and Ticket get `${base}Name` (`${base}Number` for
 *   tickets): companyID -> companyName, assignedResourceID -> assignedResourceName.
 *
 * Request bound (why it exists: per-row lookups burn the hourly API budget, see anchors §c):
 * one enrich() call costs at most 1 metadata request for the entity's fields (cached by the
 * client) plus, per referenced lookup entity, ceil(missing ids / 500) batched `in` queries with
 * IncludeFields. For a page of up to 500 records that is at most one query per referenced
 * entity; ids already cached (TTL, shared across sessions) or already being fetched by another
 * caller (single-flight) cost nothing more. Enrichment is best-effort: a failed lookup leaves
 * the companion fields out, it never fails the tool. It is logged once and that lookup entity is
 * paused (PAUSE_MS by error kind: 401, 403 and 429 would only fail again and spend the budget
 * Autotask is throttling); lookup() still asks, since a tool needs its answer.
 *
 * The same caches answer tools directly: lookup() gives a lookup's fields by id (roles: name and
 * whether active, for time entries and assignments), and remember() takes the names from whole
 * records a tool has read anyway, so nothing asks Autotask for them again.
 */
import type { Logger } from 'pino';
import type { AutotaskApi, AutotaskRecord, FieldInfo } from '../autotask/types.js';
import { isAutotaskError, type AutotaskErrorKind } from '../autotask/errors.js';
import { raceAbort } from '../autotask/cache.js';
import type { NameResolver } from './types.js';

/** How names are read for each referenced entity type (singular, as Autotask metadata spells it). */
export interface LookupSpec {
  entity: string;
  includeFields: string[];
  suffix: 'Name' | 'Number';
  display(record: AutotaskRecord): string | null;
  /**
   * A small configuration table (roles): its first 500 rows are read in one query and cached,
   * so any id costs nothing more; ids beyond them, or new since, are looked up as usual.
   */
  wholeTable?: boolean;
}

/** "Ada Lovelace" from a contact or resource; null when it has neither name. */
export function personName(r: Record<string, unknown>): string | null {
  const name = [r.firstName, r.lastName].filter((p) => typeof p === 'string' && p.trim() !== '').join(' ');
  return name || null;
}
const text = (field: string) => (r: AutotaskRecord): string | null => (typeof r[field] === 'string' && r[field] !== '' ? (r[field]) : null);

export const LOOKUPS: Record<string, LookupSpec> = {
  company: { entity: 'Companies', includeFields: ['companyName'], suffix: 'Name', display: text('companyName') },
  contact: { entity: 'Contacts', includeFields: ['firstName', 'lastName'], suffix: 'Name', display: personName },
  resource: { entity: 'Resources', includeFields: ['firstName', 'lastName'], suffix: 'Name', display: personName },
  project: { entity: 'Projects', includeFields: ['projectName'], suffix: 'Name', display: text('projectName') },
  ticket: { entity: 'Tickets', includeFields: ['ticketNumber'], suffix: 'Number', display: text('ticketNumber') },
};

/**
 * Roles (tenant configuration, like a picklist): asked for by the tools that need a role's name
 * or whether it is active (time entries, assignments), never added to records by enrich().
 */
export const ROLE_LOOKUP: LookupSpec = { entity: 'Roles', includeFields: ['name', 'isActive'], suffix: 'Name', display: text('name'), wholeTable: true };

/** Common reference fields, used when the tenant's metadata does not mark them (older captures, fakes). */
const KNOWN_REFERENCES: Record<string, string> = {
  companyid: 'company',
  contactid: 'contact',
  createdbycontactid: 'contact',
  assignedresourceid: 'resource',
  resourceid: 'resource',
  creatorresourceid: 'resource',
  completedbyresourceid: 'resource',
  lastactivityresourceid: 'resource',
  attachedbyresourceid: 'resource',
  projectleadresourceid: 'resource',
  projectid: 'project',
  ticketid: 'ticket',
};

/** Hard cap of ids per `in` list (Autotask counts each element as one OR; max 500). */
export const MAX_IN_LIST = 500;
const DEFAULT_TTL_MS = 10 * 60_000;
const MAX_CACHE_ENTRIES = 50_000;

/** companyID -> company, queueID -> queue, status -> status. */
export function companionBase(field: string): string {
  return /[a-z0-9](ID|Id)$/.test(field) ? field.slice(0, -2) : field;
}

interface CacheEntry {
  /** The lookup's fields of the record (id included); null when Autotask has no such record. */
  record: AutotaskRecord | null;
  expires: number;
}

export interface NameResolverOptions {
  ttlMs?: number;
  now?: () => number;
  /** Where a failed lookup is reported (once per pause). */
  logger?: Logger;
}

/** How long enrich() leaves a failed lookup entity alone, by error kind. */
const PAUSE_MS: Partial<Record<AutotaskErrorKind, number>> = { auth: 5 * 60_000, forbidden: 5 * 60_000, rate_limited: 60_000 };
const DEFAULT_PAUSE_MS = 30_000;

interface FieldPlan {
  labels: Array<{ field: string; target: string; labels: Map<string, string> }>;
  refs: Array<{ field: string; target: string; lookup: LookupSpec }>;
}

const picked = (lookup: LookupSpec, r: AutotaskRecord): AutotaskRecord => {
  const out: AutotaskRecord = { id: r.id };
  for (const f of lookup.includeFields) if (r[f] !== undefined) out[f] = r[f];
  return out;
};

export function createNameResolver(api: AutotaskApi, opts: NameResolverOptions = {}): NameResolver {
  const ttlMs = opts.ttlMs ?? DEFAULT_TTL_MS;
  const now = opts.now ?? Date.now;
  const caches = new Map<string, Map<number, CacheEntry>>(); // lookup entity -> id -> name
  const inflight = new Map<string, Map<number, Promise<void>>>();
  const tables = new Map<string, { expires: number; loaded: Promise<void> }>(); // wholeTable entity -> its load
  const paused = new Map<string, number>(); // lookup entity -> until when enrich() skips it

  const isPaused = (entity: string): boolean => (paused.get(entity) ?? 0) > now();
  function pause(entity: string, err: unknown): void {
    if (isPaused(entity)) return; // logged when the pause began
    const kind = isAutotaskError(err) ? err.kind : undefined;
    const ms = (kind && PAUSE_MS[kind]) ?? DEFAULT_PAUSE_MS;
    paused.set(entity, now() + ms);
    const status = isAutotaskError(err) ? err.status : undefined;
    opts.logger?.warn({ entity, kind, status, pauseS: ms / 1000, err: err instanceof Error ? err.message : String(err) }, 'name lookup failed; pausing it');
  }

  const cacheFor = (entity: string) => {
    let c = caches.get(entity);
    if (!c) caches.set(entity, (c = new Map<number, CacheEntry>()));
    return c;
  };
  const inflightFor = (entity: string) => {
    let c = inflight.get(entity);
    if (!c) inflight.set(entity, (c = new Map<number, Promise<void>>()));
    return c;
  };

  function cached(entity: string, id: number): CacheEntry | undefined {
    const e = caches.get(entity)?.get(id);
    if (e && e.expires > now()) return e;
    return undefined;
  }

  function store(entity: string, id: number, record: AutotaskRecord | null): void {
    const c = cacheFor(entity);
    c.delete(id); // re-insert so Map order approximates recency for eviction
    c.set(id, { record, expires: now() + ttlMs });
    if (c.size > MAX_CACHE_ENTRIES) {
      const oldest = c.keys().next().value;
      if (oldest !== undefined) c.delete(oldest);
    }
  }

  /**
   * One batched lookup; shared (not aborted) because other callers may be waiting on it. A failure
   * leaves the ids uncached, so a later call retries.
   */
  async function fetchBatch(lookup: LookupSpec, ids: number[]): Promise<void> {
    const { items } = await api.query(lookup.entity, {
      filter: [{ op: 'in', field: 'id', value: ids }],
      includeFields: ['id', ...lookup.includeFields],
      maxRecords: MAX_IN_LIST,
    });
    const found = new Map(items.map((r) => [r.id, r]));
    // Ids Autotask does not return are cached as unknown too, so they are not asked again.
    for (const id of ids) {
      const r = found.get(id);
      store(lookup.entity, id, r ? picked(lookup, r) : null);
    }
  }

  /** The first page of a whole-table lookup, once per TTL (single-flight); a failure is retried next time. */
  function loadTable(lookup: LookupSpec): Promise<void> {
    const held = tables.get(lookup.entity);
    if (held && held.expires > now()) return held.loaded;
    const loaded = api
      .query(lookup.entity, { filter: [{ op: 'gte', field: 'id', value: 0 }], includeFields: ['id', ...lookup.includeFields], maxRecords: MAX_IN_LIST })
      .then(({ items }) => {
        for (const r of items) store(lookup.entity, r.id, picked(lookup, r));
      });
    const entry = { expires: now() + ttlMs, loaded };
    tables.set(lookup.entity, entry);
    loaded.catch(() => {
      if (tables.get(lookup.entity) === entry) tables.delete(lookup.entity);
    });
    return loaded;
  }

  /** Cached, or fetched in batches; rejects when a batch failed (enrich() ignores that). */
  async function ensure(lookup: LookupSpec, ids: Iterable<number>, signal?: AbortSignal): Promise<void> {
    const list = [...ids];
    if (lookup.wholeTable && list.some((id) => !cached(lookup.entity, id))) {
      // Ids the table did not answer are asked for below.
      await raceAbort(loadTable(lookup), signal).catch((err) => {
        if (signal?.aborted) throw err;
      });
    }
    const flights = inflightFor(lookup.entity);
    const waits = new Set<Promise<void>>();
    const missing: number[] = [];
    for (const id of list) {
      if (cached(lookup.entity, id)) continue;
      const pending = flights.get(id);
      if (pending) waits.add(pending);
      else missing.push(id);
    }
    for (let i = 0; i < missing.length; i += MAX_IN_LIST) {
      const chunk = missing.slice(i, i + MAX_IN_LIST);
      const p = fetchBatch(lookup, chunk).finally(() => {
        for (const id of chunk) if (flights.get(id) === p) flights.delete(id);
      });
      p.catch(() => undefined); // a caller that stopped waiting (aborted) must not leave it unhandled
      for (const id of chunk) flights.set(id, p);
      waits.add(p);
    }
    await raceAbort(Promise.all(waits), signal);
    paused.delete(lookup.entity);
  }

  /**
   * One plan per metadata answer: the client caches the fields list, and the picklists' label
   * maps (hundreds of values for a ticket) were otherwise rebuilt on every call (~60 KB each).
   */
  const plans = new WeakMap<FieldInfo[], FieldPlan>();

  async function planFor(entity: string, signal?: AbortSignal): Promise<FieldPlan> {
    let fields: FieldInfo[];
    try {
      fields = await api.fields(entity, { signal });
    } catch (err) {
      if (signal?.aborted) throw err;
      return { labels: [], refs: [] };
    }
    let plan = plans.get(fields);
    if (!plan) plans.set(fields, (plan = buildPlan(fields)));
    return plan;
  }

  function buildPlan(fields: readonly FieldInfo[]): FieldPlan {
    const plan: FieldPlan = { labels: [], refs: [] };
    for (const f of fields) {
      if (f.name === 'id') continue;
      if (f.isPickList && f.picklistValues?.length) {
        plan.labels.push({ field: f.name, target: `${companionBase(f.name)}Label`, labels: new Map(f.picklistValues.map((v) => [v.value, v.label])) });
        continue;
      }
      // Names from the tenant's metadata: own keys only, so a field called "constructor" finds nothing.
      const lower = f.name.toLowerCase();
      const key = (f.isReference && f.referenceEntityType ? f.referenceEntityType : Object.hasOwn(KNOWN_REFERENCES, lower) ? KNOWN_REFERENCES[lower] : '').toLowerCase();
      const lookup = Object.hasOwn(LOOKUPS, key) ? LOOKUPS[key] : undefined;
      if (lookup) plan.refs.push({ field: f.name, target: `${companionBase(f.name)}${lookup.suffix}`, lookup });
    }
    return plan;
  }

  return {
    async lookup(lookup, ids, signal) {
      await ensure(lookup, ids, signal);
      const out = new Map<number, AutotaskRecord | null>();
      for (const id of ids) {
        const hit = cached(lookup.entity, id);
        if (hit) out.set(id, hit.record);
      }
      return out;
    },

    remember(entity, records) {
      const specs = [...Object.values(LOOKUPS), ROLE_LOOKUP].filter((l) => l.entity.toLowerCase() === entity.toLowerCase());
      for (const lookup of specs) {
        for (const r of records) if (Number.isInteger(r.id) && lookup.includeFields.every((f) => f in r)) store(lookup.entity, r.id, picked(lookup, r));
      }
    },

    async enrich(entity, records, signal, only) {
      if (!records.length) return;
      const full = await planFor(entity, signal);
      // `only`: the fields a result shows; a name nobody reads costs no lookup batch.
      const plan = only ? { ...full, labels: full.labels.filter((l) => only.includes(l.field)), refs: full.refs.filter((r) => only.includes(r.field)) } : full;

      for (const r of records) {
        for (const l of plan.labels) {
          const v = r[l.field];
          if (v === null || v === undefined || r[l.target] !== undefined) continue;
          r[l.target] = l.labels.get(String(v)) ?? null;
        }
      }

      // Group every referenced id by lookup entity: one batch per entity, whatever the field.
      const wanted = new Map<LookupSpec, Set<number>>();
      for (const ref of plan.refs) {
        for (const r of records) {
          const v = r[ref.field];
          if (typeof v !== 'number' || !Number.isInteger(v) || r[ref.target] !== undefined) continue;
          let set = wanted.get(ref.lookup);
          if (!set) wanted.set(ref.lookup, (set = new Set()));
          set.add(v);
        }
      }
      // Best-effort: a failed lookup leaves those names out, and pauses that lookup for later calls.
      await Promise.all(
        [...wanted]
          .filter(([lookup]) => !isPaused(lookup.entity))
          .map(([lookup, ids]) =>
            ensure(lookup, ids, signal).catch((err: unknown) => {
              if (signal?.aborted) throw err;
              pause(lookup.entity, err);
            }),
          ),
      );

      for (const ref of plan.refs) {
        for (const r of records) {
          const v = r[ref.field];
          if (typeof v !== 'number' || r[ref.target] !== undefined) continue;
          const hit = cached(ref.lookup.entity, v);
          if (hit) r[ref.target] = hit.record ? ref.lookup.display(hit.record) : null;
        }
      }
    },
  };
}
