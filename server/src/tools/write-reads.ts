/**
 * What a write reads. A plan reads each record at most once (one plan often needs the same
 * resource, role or ticket in several checks); a confirm reads only the record an update changes,
 * once, to see whether a value its preview relied on still holds.
 */
import type { AutotaskApi, AutotaskRecord } from '../autotask/types.js';
import type { WritePlan } from './types.js';
import { canonicalJson } from './confirm.js';
import { looksLikeDateTime, sameInstant } from './dates.js';

/** `api` with GET {Entity}/{id} answered once per record for the lifetime of the wrapper (one plan). */
export function sharedReads(api: AutotaskApi): AutotaskApi {
  const seen = new Map<string, Promise<AutotaskRecord | null>>();
  const get: AutotaskApi['get'] = (entity, id, opts) => {
    const key = `${entity.toLowerCase()}/${id}`;
    let p = seen.get(key);
    if (!p) {
      p = api.get(entity, id, opts);
      seen.set(key, p);
      p.catch(() => seen.delete(key)); // a failed read is not shared
    }
    return p;
  };
  return new Proxy(api, {
    get(target, prop) {
      if (prop === 'get') return get;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value.bind(target) as unknown) : value;
    },
  });
}

/** Autotask values equal for a freshness check: instants by time, null and absent alike. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (looksLikeDateTime(a) && looksLikeDateTime(b)) return sameInstant(a, b);
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/** A record's value for a key of WritePlan.expected ("udf:Name" is a user-defined field). */
function valueOf(record: AutotaskRecord, key: string): unknown {
  if (!key.startsWith('udf:')) return record[key];
  const name = key.slice(4).toLowerCase();
  const udfs = Array.isArray(record.userDefinedFields) ? (record.userDefinedFields as Array<{ name?: unknown; value?: unknown }>) : [];
  return udfs.find((u) => typeof u.name === 'string' && u.name.toLowerCase() === name)?.value;
}

/** The expected values that `record` no longer holds (field names). */
export function staleFields(record: AutotaskRecord, expected: NonNullable<WritePlan['expected']>): string[] {
  return Object.entries(expected)
    .filter(([key, value]) => !sameValue(valueOf(record, key), value))
    .map(([key]) => key);
}
