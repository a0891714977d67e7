/**
 * Rendering of generic records for a model: null/empty fields dropped, long text cut with a marker
 * that says how to get it whole, free text listed as untrusted, and a compact text line per record.
 */
import type { AutotaskRecord } from '../../autotask/types.js';
import type { EntitySpec } from '../../catalogue/types.js';
import { truncate, untrusted } from '../shared.js';

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
      const set = (v as Array<{ name?: unknown; value?: unknown }>).filter((u) => u && u.value !== null && u.value !== undefined && u.value !== '');
      if (set.length) out[k] = set;
      continue;
    }
    out[k] = typeof v === 'string' && opts.maxText !== null ? truncate(v, opts.maxText, opts.howToGetAll) : v;
  }
  return out;
}

const TEXT_FIELDS_PER_LINE = 16;
const TEXT_VALUE_CHARS = 200;

/** One line per record: "#123 title=<untrusted-data>...</untrusted-data> status=1 (New) ...". */
export function recordLine(record: Record<string, unknown>, untrustedSet: Set<string>): string {
  const parts: string[] = [];
  const entries = Object.entries(record)
    .filter(([k]) => k !== 'id' && !isCompanion(k, record))
    .sort(([a], [b]) => rank(a) - rank(b));
  for (const [k, v] of entries.slice(0, TEXT_FIELDS_PER_LINE)) {
    parts.push(`${k}=${renderValue(k, v, record, untrustedSet)}`);
  }
  const more = entries.length - TEXT_FIELDS_PER_LINE;
  return `- #${String(record.id)} ${parts.join(' ')}${more > 0 ? ` (+${more} more fields in structuredContent)` : ''}`;
}

/** What identifies a record comes first in a line; the rest keeps Autotask's order (sort is stable). */
const LEADING = /^(title|name|companyName|contractName|projectName|ticketNumber|projectNumber|referenceTitle|firstName|lastName|summaryNotes|status)$/;
function rank(key: string): number {
  return LEADING.test(key) ? 0 : /(Date|DateTime)$/.test(key) ? 2 : 1;
}

/** companyName next to companyID, statusLabel next to status: shown inline with their id instead. */
function isCompanion(key: string, record: Record<string, unknown>): boolean {
  const m = /^(.+)(Name|Label|Number)$/.exec(key);
  if (!m) return false;
  const base = m[1];
  return `${base}ID` in record || `${base}Id` in record || (m[2] === 'Label' && base in record);
}

function renderValue(key: string, v: unknown, record: Record<string, unknown>, untrustedSet: Set<string>): string {
  if (typeof v === 'string') {
    const short = v.length > TEXT_VALUE_CHARS ? `${v.slice(0, TEXT_VALUE_CHARS)}...` : v;
    return untrustedSet.has(key) ? untrusted(short) : JSON.stringify(short);
  }
  // Companions filled by enrichment (companyID -> companyName, status -> statusLabel) read best inline.
  const base = key.replace(/(ID|Id)$/, '');
  const companion = record[`${base}Name`] ?? record[`${base}Label`] ?? record[`${base}Number`] ?? record[`${key}Label`];
  const shown = typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (companion === undefined || companion === null) return shown;
  // Picklist labels and ticket numbers are tenant metadata; names can be typed by anyone.
  const isName = record[`${base}Name`] !== undefined;
  return `${shown} (${isName && typeof companion === 'string' ? untrusted(companion) : String(companion)})`;
}
