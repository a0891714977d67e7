/** Value typing shared by query validation, filter evaluation and write validation. */
import type { FieldType } from '../catalogue/types.js';

export type ValueKind = 'int' | 'number' | 'string' | 'boolean' | 'datetime' | 'any';

export function kindOf(type: FieldType | 'udf-string' | 'udf-integer' | 'udf-double' | 'udf-datetime'): ValueKind {
  switch (type) {
    case 'long':
    case 'integer':
    case 'short':
    case 'udf-integer':
      return 'int';
    case 'double':
    case 'decimal':
    case 'udf-double':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'datetime':
    case 'udf-datetime':
      return 'datetime';
    case 'string':
    case 'base64':
    case 'udf-string':
      return 'string';
    default:
      return 'any';
  }
}

/** ISO 8601 date or date-time, with or without zone (Autotask accepts both; stores UTC). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function isIsoDate(v: unknown): v is string {
  return typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(withZone(v)));
}

/** Autotask date-times without a zone are UTC. */
function withZone(v: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return `${v}T00:00:00Z`;
  return /(Z|[+-]\d{2}:?\d{2})$/.test(v) ? v.replace(' ', 'T') : `${v.replace(' ', 'T')}Z`;
}

/** Parsed instants by text: every query compares the same stored dates again. */
const instants = new Map<string, number | null>();
const MAX_INSTANTS = 500_000;

export function toInstant(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  let t = instants.get(v);
  if (t === undefined) {
    t = isIsoDate(v) ? Date.parse(withZone(v)) : null;
    if (instants.size >= MAX_INSTANTS) instants.clear();
    instants.set(v, t);
  }
  return t;
}

/** Does `v` fit a field of this kind? (null handling is the caller's business). */
export function fitsKind(kind: ValueKind, v: unknown, opts: { numbersAsStrings?: boolean } = {}): boolean {
  switch (kind) {
    case 'int':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'datetime':
      return isIsoDate(v);
    case 'string':
      return typeof v === 'string' || (opts.numbersAsStrings === true && typeof v === 'number');
    default:
      return true;
  }
}

export function describeKind(kind: ValueKind): string {
  return {
    int: 'an integer',
    number: 'a number',
    string: 'a string',
    boolean: 'true or false',
    datetime: 'an ISO 8601 date-time string (e.g. 2024-01-15T00:00:00Z)',
    any: 'a value',
  }[kind];
}

/** Read a key of a JSON object case-insensitively (Autotask's JSON binding ignores casing). */
export function getCi(obj: Record<string, unknown>, key: string): unknown {
  const k = key.toLowerCase();
  for (const [name, value] of Object.entries(obj)) if (name.toLowerCase() === k) return value;
  return undefined;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Autotask's timestamp format: UTC with Z. */
export function isoNow(now: () => Date): string {
  return now().toISOString();
}
