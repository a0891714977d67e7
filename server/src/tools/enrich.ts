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
 * the companion fields out and is retried on a later call, it never fails the tool.
 */
import type { AutotaskApi, AutotaskRecord, FieldInfo } from '../autotask/types.js';
import type { NameResolver } from './types.js';

/** How names are read for each referenced entity type (singular, as Autotask metadata spells it). */
export interface LookupSpec {
  entity: string;
  includeFields: string[];
  suffix: 'Name' | 'Number';
  display(record: AutotaskRecord): string | null;
}

const personName = (r: AutotaskRecord): string | null => {
  const name = [r.firstName, r.lastName].filter((p) => typeof p === 'string' && p.trim() !== '').join(' ');
  return name || null;
};
const text = (field: string) => (r: AutotaskRecord): string | null => (typeof r[field] === 'string' && r[field] !== '' ? (r[field] as string) : null);

export const LOOKUPS: Record<string, LookupSpec> = {
  company: { entity: 'Companies', includeFields: ['companyName'], suffix: 'Name', display: text('companyName') },
  contact: { entity: 'Contacts', includeFields: ['firstName', 'lastName'], suffix: 'Name', display: personName },
  resource: { entity: 'Resources', includeFields: ['firstName', 'lastName'], suffix: 'Name', display: personName },
  project: { entity: 'Projects', includeFields: ['projectName'], suffix: 'Name', display: text('projectName') },
  ticket: { entity: 'Tickets', includeFields: ['ticketNumber'], suffix: 'Number', display: text('ticketNumber') },
};

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
  value: string | null;
  expires: number;
}

export interface NameResolverOptions {
  ttlMs?: number;
  now?: () => number;
}

interface FieldPlan {
  labels: Array<{ field: string; target: string; labels: Map<string, string> }>;
  refs: Array<{ field: string; target: string; lookup: LookupSpec }>;
}

export function createNameResolver(api: AutotaskApi, opts: NameResolverOptions = {}): NameResolver & {
  /** Drop every cached name (e.g. after a write that renamed something). */
  clear(): void;
} {
  const ttlMs = opts.ttlMs ?? DEFAULT_TTL_MS;
  const now = opts.now ?? Date.now;
  const caches = new Map<string, Map<number, CacheEntry>>(); // lookup entity -> id -> name
  const inflight = new Map<string, Map<number, Promise<void>>>();

  const cacheFor = (entity: string) => {
    let c = caches.get(entity);
    if (!c) caches.set(entity, (c = new Map()));
    return c;
  };
  const inflightFor = (entity: string) => {
    let c = inflight.get(entity);
    if (!c) inflight.set(entity, (c = new Map()));
    return c;
  };

  function cached(entity: string, id: number): CacheEntry | undefined {
    const e = caches.get(entity)?.get(id);
    if (e && e.expires > now()) return e;
    return undefined;
  }

  function store(entity: string, id: number, value: string | null): void {
    const c = cacheFor(entity);
    c.delete(id); // re-insert so Map order approximates recency for eviction
    c.set(id, { value, expires: now() + ttlMs });
    if (c.size > MAX_CACHE_ENTRIES) {
      const oldest = c.keys().next().value;
      if (oldest !== undefined) c.delete(oldest);
    }
  }

  /** One batched lookup; shared (not aborted) because other callers may be waiting on it. */
  async function fetchBatch(lookup: LookupSpec, ids: number[]): Promise<void> {
    try {
      const { items } = await api.query(lookup.entity, {
        filter: [{ op: 'in', field: 'id', value: ids }],
        includeFields: ['id', ...lookup.includeFields],
        maxRecords: MAX_IN_LIST,
      });
      const found = new Map(items.map((r) => [r.id, lookup.display(r)]));
      // Ids Autotask does not return are cached as unknown too, so they are not asked again.
      for (const id of ids) store(lookup.entity, id, found.get(id) ?? null);
    } catch {
      // Best-effort: leave uncached so a later call retries.
    }
  }

  async function ensure(lookup: LookupSpec, ids: Set<number>, signal?: AbortSignal): Promise<void> {
    const flights = inflightFor(lookup.entity);
    const waits = new Set<Promise<void>>();
    const missing: number[] = [];
    for (const id of ids) {
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
      for (const id of chunk) flights.set(id, p);
      waits.add(p);
    }
    await untilDoneOrAborted(Promise.all(waits), signal);
  }

  async function planFor(entity: string, signal?: AbortSignal): Promise<FieldPlan> {
    let fields: FieldInfo[] = [];
    try {
      fields = await api.fields(entity, { signal });
    } catch (err) {
      if (signal?.aborted) throw err;
    }
    const plan: FieldPlan = { labels: [], refs: [] };
    const seen = new Set<string>();
    for (const f of fields) {
      seen.add(f.name.toLowerCase());
      if (f.name === 'id') continue;
      if (f.isPickList && f.picklistValues?.length) {
        plan.labels.push({ field: f.name, target: `${companionBase(f.name)}Label`, labels: new Map(f.picklistValues.map((v) => [v.value, v.label])) });
        continue;
      }
      const key = (f.isReference && f.referenceEntityType ? f.referenceEntityType : KNOWN_REFERENCES[f.name.toLowerCase()] ?? '').toLowerCase();
      const lookup = LOOKUPS[key];
      if (lookup) plan.refs.push({ field: f.name, target: `${companionBase(f.name)}${lookup.suffix}`, lookup });
    }
    return plan;
  }

  return {
    clear() {
      caches.clear();
    },

    async enrich(entity, records, signal) {
      if (!records.length) return;
      const plan = await planFor(entity, signal);

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
      await Promise.all([...wanted].map(([lookup, ids]) => ensure(lookup, ids, signal)));

      for (const ref of plan.refs) {
        for (const r of records) {
          const v = r[ref.field];
          if (typeof v !== 'number' || r[ref.target] !== undefined) continue;
          const hit = cached(ref.lookup.entity, v);
          if (hit) r[ref.target] = hit.value;
        }
      }
    },
  };
}

function untilDoneOrAborted<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
