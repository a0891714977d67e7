/**
 * Typing of values against a field's Autotask data type, shared by filters and write bodies.
 * Harmless spellings are normalised (numeric strings for numbers, any ISO date to UTC); anything
 * Autotask would reject or misread is refused with a message that says what to send instead.
 */
import type { FieldSpec, FieldType } from '../../catalogue/types.js';
import { isIsoShaped, parseInstant, UTC, whyNotReal } from '../dates.js';

export type Coerced = { ok: true; value: string | number | boolean | null; label?: string } | { ok: false; message: string };

const INTEGER: FieldType[] = ['long', 'integer', 'short'];
const DECIMAL: FieldType[] = ['double', 'decimal'];

export function isNumericType(t: FieldType): boolean {
  return INTEGER.includes(t) || DECIMAL.includes(t);
}

export function describeType(f: FieldSpec): string {
  if (f.picklist) return `${f.type} picklist value (number; describe_entity lists the values and labels)`;
  if (INTEGER.includes(f.type)) return f.reference ? `integer id of a ${f.reference}` : 'integer';
  if (DECIMAL.includes(f.type)) return 'number';
  if (f.type === 'datetime') return 'ISO date/time, e.g. 2026-11-01T00:00:00Z';
  if (f.type === 'boolean') return 'true or false';
  return f.type;
}

/**
 * Type one scalar for `field`. Picklist fields accept a label as text: the result then carries
 * `label` and the caller resolves it against the tenant's picklist.
 */
export function coerceScalar(field: FieldSpec, value: unknown): Coerced {
  const want = describeType(field);
  const bad = (why = ''): Coerced => ({ ok: false, message: `${field.name} expects ${want}; got ${JSON.stringify(value)}${why}.` });
  if (value === null || value === undefined) return { ok: true, value: null };
  if (typeof value === 'object') return bad(' (a single value, not an object or list)');
  const t = field.type;
  if (INTEGER.includes(t)) {
    if (typeof value === 'number') return Number.isInteger(value) ? { ok: true, value } : bad(' (not a whole number)');
    if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return { ok: true, value: Number(value.trim()) };
    // Some Autotask flags are integers (Contacts.isActive is 1/0): true/false would be a 500 there.
    if (typeof value === 'boolean' && /^is[A-Z]/.test(field.name)) return { ok: true, value: value ? 1 : 0 };
    if (typeof value === 'string' && field.picklist && value.trim()) return { ok: true, value: value.trim(), label: value.trim() };
    return bad();
  }
  if (DECIMAL.includes(t)) {
    if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value };
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return { ok: true, value: Number(value) };
    return bad();
  }
  if (t === 'boolean') {
    if (typeof value === 'boolean') return { ok: true, value };
    if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
    return bad();
  }
  if (t === 'datetime') {
    if (typeof value !== 'string' || !isIsoShaped(value)) return bad(' (use ISO 8601, e.g. 2026-11-01 or 2026-11-01T09:30:00Z; times without an offset are UTC)');
    // The generic layer speaks Autotask's own language: a date or a time without an offset is UTC.
    const d = parseInstant(value, UTC);
    if (!d) return bad(` (not a real date: ${whyNotReal(value)})`);
    return { ok: true, value: d.toISOString().replace('.000Z', 'Z') };
  }
  if (t === 'string') {
    if (typeof value === 'string') return { ok: true, value };
    if (typeof value === 'number') return { ok: true, value: String(value) };
    return bad();
  }
  // base64 / object / unknown: pass through what Autotask would parse.
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { ok: true, value };
  return bad();
}
