/**
 * Rendering of generic records for a model: null/empty fields dropped, long text cut with a marker
 * that says how to get it whole, free text listed as untrusted, and the columns of the shared
 * compact row (../rows.ts) derived from whatever fields the records carry.
 */
import type { AutotaskRecord } from '../../autotask/types.js';
import type { EntitySpec } from '../../catalogue/types.js';
import { truncate } from '../shared.js';
import { companionBase } from '../enrich.js';
import { looksLikeDateTime } from '../dates.js';
import { compactIso, field, label, ref, text, udfColumns, type Column, type Rec } from '../rows.js';

/** Text fields that are identifiers or codes rather than prose written by people. */
const CODE_LIKE = /(Number|Code|GUID|Guid|Url|URL|Type|Extension|Zip|PostalCode|Phone|Fax)$/;

/** Text fields of an entity whose content comes from people (clients, staff): untrusted data. */
export function untrustedFieldNames(spec: EntitySpec): string[] {
  return spec.fields.filter((f) => f.type === 'string' && !CODE_LIKE.test(f.name)).map((f) => f.name);
}

interface CompactOptions {
  /** Cut strings longer than this (null = never). */
  maxText: number | null;
  howToGetAll: string;
}

/** Drop null / "" / [] values (they cost tokens and say nothing) and cut long text. */
export function compactRecord(record: AutotaskRecord, opts: CompactOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (v === null || v === undefined || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (k === 'userDefinedFields' && Array.isArray(v)) {
      const set = (v as Array<{ name?: unknown; value?: unknown } | null>).filter((u) => u && u.value !== null && u.value !== undefined && u.value !== '');
      if (set.length) out[k] = set;
      continue;
    }
    out[k] = typeof v === 'string' && opts.maxText !== null ? truncate(v, opts.maxText, opts.howToGetAll) : v;
  }
  return out;
}

/**
 * Columns for records of any entity, in the order their fields first appear. Companions filled in
 * by enrichment fold into their field: a picklist shows its label (status, not statusLabel), an id
 * its name in `names` (companyID with companyName). Fields in `untrustedFields` are client text;
 * date-times stay UTC (zero seconds dropped); set user-defined fields come last.
 */
export function autoColumns(records: readonly Rec[], untrustedFields: ReadonlySet<string>): Column[] {
  const keys = [...new Set(records.flatMap((r) => Object.keys(r)))].sort((a, b) => rank(a) - rank(b));
  const has = new Set(keys);
  const cols: Column[] = [];
  for (const k of keys) {
    if (k === 'userDefinedFields' || isCompanion(k, has)) continue;
    const base = companionBase(k);
    if (has.has(`${base}Label`)) cols.push(label(k));
    else if (/[a-z](ID|Id)$/.test(k) && (has.has(`${base}Name`) || has.has(`${base}Number`))) cols.push(ref(k, k, has.has(`${base}Name`) ? `${base}Name` : `${base}Number`));
    else if (untrustedFields.has(k)) cols.push(text(k));
    else if (records.some((r) => looksLikeDateTime(r[k]))) cols.push({ key: k, value: (r) => compactIso(r[k]) });
    else cols.push(field(k));
  }
  return [...cols, ...udfColumns(records)];
}

/** What identifies a record comes first; the rest keeps Autotask's order (the sort is stable). */
const LEADING = /^(id|title|name|companyName|contractName|projectName|ticketNumber|projectNumber|taskNumber|referenceTitle|firstName|lastName|status)$/;
function rank(key: string): number {
  return LEADING.test(key) ? 0 : 1;
}

/** companyName next to companyID, statusLabel next to status: folded into their field instead. */
function isCompanion(key: string, has: ReadonlySet<string>): boolean {
  const m = /^(.+)(Name|Label|Number)$/.exec(key);
  if (!m) return false;
  const base = m[1];
  return has.has(`${base}ID`) || has.has(`${base}Id`) || (m[2] === 'Label' && has.has(base));
}
