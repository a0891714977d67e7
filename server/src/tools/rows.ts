/**
 * The one compact row format every tool result uses. A tool names its columns once (which field,
 * shown how); this module turns records into
 *  - structuredContent: a columnar table `{columns, rows}` (a single record: an object), ids in
 *    the cells and their names once per result in `names[kind][id]`, picklist labels instead of
 *    codes, columns that are empty on every row left out, and `untrusted` naming once which
 *    columns hold text written by clients or staff;
 *  - text: the same table, `|`-separated with one header line, each id shown as "Name (id)",
 *    all of it inside one untrusted boundary (./untrusted.ts).
 * Instants stay Autotask's UTC values in structuredContent (zero seconds and milliseconds
 * dropped: the same instant in fewer bytes) and are shown in the tenant zone in text.
 */
import { z } from 'zod';
import type { ToolResult } from './types.js';
import { structuredResult } from './results.js';
import { companionBase } from './enrich.js';
import { formatDay, formatInstant } from './dates.js';
import { fencedText } from './untrusted.js';

export type Cell = string | number | boolean | null;
export type Rec = Record<string, unknown>;

export interface Column {
  key: string;
  /** The structured cell. */
  value(r: Rec): Cell;
  /** The text cell when it differs (instants in the tenant zone). */
  text?(r: Rec, zone: string): string | null;
  /** The cell is an id of this kind; `name` (when known) goes into names[kind]. */
  ref?: { kind: string; name(r: Rec): string | null };
  /** Text written by clients or staff. */
  untrusted?: boolean;
  /** Long text: last in a record view, on its own lines. */
  long?: boolean;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? (v === '' ? null : v) : v === null || v === undefined ? null : String(v));
const scalar = (v: unknown): Cell => (v === null || v === undefined || v === '' ? null : typeof v === 'number' || typeof v === 'boolean' ? v : typeof v === 'string' ? v : JSON.stringify(v));

/** "2026-10-30T16:40:00.000Z" -> "2026-10-30T16:40Z": the same instant. */
export function compactIso(v: unknown): Cell {
  if (typeof v !== 'string' || v === '') return scalar(v);
  return v.replace(/^(\d{4}-\d\d-\d\dT\d\d:\d\d)(?::00(?:\.0+)?|(:\d\d)\.0+)?(?=Z$|[+-]\d\d:\d\d$)/, '$1$2');
}

/** formatInstant without zero seconds: "2026-10-30T17:40+01:00". */
function shownInstant(v: unknown, zone: string): string | null {
  if (v === null || v === undefined || v === '') return null;
  return formatInstant(v, zone).replace(/^(\d{4}-\d\d-\d\dT\d\d:\d\d):00(?=Z$|[+-]\d\d:\d\d$)/, '$1');
}

// ---- column builders ---------------------------------------------------------------------------

/** A value as Autotask has it: ids, numbers, codes, flags. */
export const field = (key: string, from = key): Column => ({ key, value: (r) => scalar(r[from]) });

/** Text written by clients or staff. */
export const text = (key: string, from = key, opts: { long?: boolean } = {}): Column => ({ key, value: (r) => str(r[from]), untrusted: true, long: opts.long });

/** A picklist value as its label (the code when the tenant has no label for it). */
export const label = (key: string, from = key): Column => ({ key, value: (r) => str(r[`${companionBase(from)}Label`]) ?? scalar(r[from]) });

const KINDS: Array<[RegExp, string]> = [
  [/company$/i, 'companies'],
  [/contact$/i, 'contacts'],
  [/resource$/i, 'resources'],
  [/project$/i, 'projects'],
  [/ticket$/i, 'tickets'],
  [/task$/i, 'tasks'],
  [/role$/i, 'roles'],
];

/** companyID -> companies, assignedResourceID -> resources, createdByContactID -> contacts. */
export function refKind(field: string): string {
  const base = companionBase(field);
  return KINDS.find(([re]) => re.test(base))?.[1] ?? base;
}

/**
 * An id whose name enrichment filled in next to it (companyID -> companyName, ticketID ->
 * ticketNumber) or `nameField` says where it is (roleID -> roleName); `kindOf` names its kind
 * when the field name does not (submitterID -> resources).
 */
export function ref(key: string, from = key, nameField?: string, kindOf?: string): Column {
  const kind = kindOf ?? refKind(from);
  const base = companionBase(from);
  const nf = nameField ?? (kind === 'tickets' ? `${base}Number` : `${base}Name`);
  return { key, value: (r) => scalar(r[from]), ref: { kind, name: (r) => str(r[nf]) } };
}

/** An Autotask date-time: UTC in structuredContent, the tenant zone in text. */
export const instant = (key: string, from = key): Column => ({ key, value: (r) => compactIso(r[from]), text: (r, zone) => shownInstant(r[from], zone) });

/** A date-only field (dateWorked, stored as midnight UTC): the calendar day, never shifted. */
export const day = (key: string, from = key): Column => ({ key, value: (r) => (r[from] ? formatDay(r[from]) : null) });

/** A yes/no field; `truthy` for integer flags (Contacts.isActive is 1/0). */
export const flag = (key: string, from = key, truthy: (v: unknown) => boolean = (v) => v === true || v === 1): Column => ({
  key,
  value: (r) => (r[from] === null || r[from] === undefined ? null : truthy(r[from])),
});

/** A value computed from the record. */
export const derived = (key: string, value: (r: Rec) => Cell, opts: { untrusted?: boolean; long?: boolean } = {}): Column => ({ key, value, ...opts });

/** Set user-defined fields as `udf:<name>` columns (client text). */
export function udfColumns(records: readonly Rec[]): Column[] {
  const names = new Set<string>();
  for (const r of records) {
    for (const u of (Array.isArray(r.userDefinedFields) ? r.userDefinedFields : []) as Array<{ name?: unknown; value?: unknown } | null>) {
      if (typeof u?.name === 'string' && u.value !== null && u.value !== undefined && u.value !== '') names.add(u.name);
    }
  }
  return [...names].map((n) => ({
    key: `udf:${n}`,
    untrusted: true,
    value: (r: Rec) => scalar(((r.userDefinedFields ?? []) as Array<{ name?: unknown; value?: unknown } | null>).find((u) => u?.name === n)?.value),
  }));
}

// ---- names -------------------------------------------------------------------------------------

/** Names of the ids in one result, by kind: { companies: { "115": "Pennine ..." } }. */
export class Names {
  private readonly kinds = new Map<string, Map<string, string>>();

  add(kind: string, id: Cell, name: string | null): void {
    if (id === null || name === null) return;
    let m = this.kinds.get(kind);
    if (!m) this.kinds.set(kind, (m = new Map<string, string>()));
    m.set(String(id), name);
  }

  get size(): number {
    return this.kinds.size;
  }

  toJSON(): Record<string, Record<string, string>> {
    return Object.fromEntries([...this.kinds].map(([k, m]) => [k, Object.fromEntries(m)]));
  }
}

// ---- tables and records ------------------------------------------------------------------------

export interface Table {
  columns: string[];
  rows: Cell[][];
}

export interface Rendered<T> {
  structured: T;
  /** Text lines (all inside the untrusted boundary). */
  lines: string[];
  /** Columns shown that hold client text. */
  untrusted: string[];
}

/** "|" separates cells: a cell keeps it out, and line breaks and runs of spaces become one space. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').replace(/\|/g, '\u00a6').trim();

function textCell(col: Column, r: Rec, value: Cell, zone: string, names: Names): string | null {
  if (value === null) return null;
  if (col.ref) {
    const name = col.ref.name(r);
    names.add(col.ref.kind, value, name);
    return name ? `${name} (${value})` : String(value);
  }
  const shown = col.text ? col.text(r, zone) : value;
  if (typeof shown === 'boolean') return shown ? 'yes' : 'no';
  return shown === null ? null : String(shown);
}

/** Records as a columnar table; columns without a value on any row are left out. */
export function table(cols: readonly Column[], records: readonly Rec[], zone: string, names: Names): Rendered<Table> {
  const cells = records.map((r) => cols.map((c) => c.value(r)));
  const keep = cols.map((_, i) => cells.some((row) => row[i] !== null));
  const used = cols.filter((_, i) => keep[i]);
  const rows = cells.map((row) => row.filter((_, i) => keep[i]));
  const lines = [used.map((c) => c.key).join('|')];
  records.forEach((r, n) => lines.push(used.map((c, i) => oneLine(textCell(c, r, rows[n][i], zone, names) ?? '')).join('|')));
  return { structured: { columns: used.map((c) => c.key), rows }, lines, untrusted: used.filter((c) => c.untrusted).map((c) => c.key) };
}

/** One record as an object and "key: value" lines; long text last, continued on indented lines. */
export function record(cols: readonly Column[], r: Rec, zone: string, names: Names): Rendered<Record<string, Cell>> {
  const out: Record<string, Cell> = {};
  const lines: string[] = [];
  const last: string[] = [];
  const untrusted: string[] = [];
  for (const c of cols) {
    const v = c.value(r);
    if (v === null) continue;
    out[c.key] = v;
    if (c.untrusted) untrusted.push(c.key);
    const shown = textCell(c, r, v, zone, names) ?? '';
    if (c.long) last.push(`${c.key}: ${shown.replace(/\r?\n/g, '\n  ')}`);
    else lines.push(`${c.key}: ${shown.replace(/\s+/g, ' ')}`);
  }
  return { structured: out, lines: [...lines, ...last], untrusted };
}

// ---- results -----------------------------------------------------------------------------------

/** `untrusted` of a result: the given fields plus "names" when any name is shown. */
export function untrustedList(fields: readonly string[], names: Names): string[] | undefined {
  const all = [...new Set(fields), ...(names.size ? ['names'] : [])];
  return all.length ? all : undefined;
}

export interface PageView {
  /** Plural noun: "tickets". */
  what: string;
  columns: readonly Column[];
  records: readonly Rec[];
  zone: string;
  page: { hasMore: boolean; nextCursor: string | null; incomplete?: string };
  order?: string;
  /** The whole text when there are no records (noneFound...). */
  empty: string;
  /** The server's own lines after the table (never client text). */
  notes?: readonly string[];
  /** More structured members (totals, excluded statuses...). */
  extra?: Record<string, unknown>;
}

/** A page of a list tool: the table in structuredContent and, fenced, in text. */
export function pageResult(v: PageView): ToolResult {
  const names = new Names();
  const t = table(v.columns, v.records, v.zone, names);
  const structured = {
    ...t.structured,
    ...(names.size ? { names: names.toJSON() } : {}),
    ...(v.records.length ? { untrusted: untrustedList(t.untrusted, names) } : {}),
    hasMore: v.page.hasMore,
    nextCursor: v.page.nextCursor,
    ...v.extra,
  };
  const notes = [...(v.notes ?? []), ...(v.page.incomplete ? [v.page.incomplete] : [])];
  if (!v.records.length) return structuredResult(structured, [v.empty, ...notes].join('\n'));
  const more = v.page.hasMore ? 'more: call again with the same arguments and cursor=nextCursor' : 'no more';
  const head = `${v.records.length} ${v.what}${v.order ? `, ${v.order} first` : ''}; ${more}.`;
  const tail = [...notes, ...(v.page.nextCursor ? [`nextCursor: ${v.page.nextCursor}`] : [])];
  return structuredResult(structured, fencedText([head], t.lines, tail));
}

export interface Section {
  /** structuredContent member: notes, timeEntries... */
  key: string;
  /** Heading line in text: "Notes (3 newest of 3):". */
  title: string;
  columns: readonly Column[];
  records: readonly Rec[];
  /** Shown instead of a table when there are no records. */
  empty: string;
  /** Extra members of the section (total, more). */
  extra?: Record<string, unknown>;
}

export interface RecordView {
  /** The server's own first line: "Ticket 41001:". */
  head: string;
  /** structuredContent member of the record: ticket, company... */
  key: string;
  columns: readonly Column[];
  record: Rec;
  zone: string;
  sections?: readonly Section[];
  /** The server's own lines after the data. */
  tail?: readonly string[];
  extra?: Record<string, unknown>;
}

/** A get tool's answer: the record and its related tables, fenced once. */
export function recordResult(v: RecordView): ToolResult {
  const names = new Names();
  const main = record(v.columns, v.record, v.zone, names);
  const structured: Record<string, unknown> = { found: true, [v.key]: main.structured };
  const lines = [...main.lines];
  const untrusted = [...main.untrusted];
  for (const s of v.sections ?? []) {
    const t = table(s.columns, s.records, v.zone, names);
    structured[s.key] = { ...t.structured, ...s.extra };
    untrusted.push(...t.untrusted.map((f) => `${s.key}.${f}`));
    lines.push(s.title, ...(s.records.length ? t.lines : [s.empty]));
  }
  if (names.size) structured.names = names.toJSON();
  structured.untrusted = untrustedList(untrusted, names) ?? [];
  Object.assign(structured, v.extra);
  return structuredResult(structured, fencedText([v.head], lines, v.tail ?? []));
}

// ---- output schemas ----------------------------------------------------------------------------

const columnsSchema = z.array(z.string());
const rowsSchema = z.array(z.array(z.unknown()));
/** names[kind][id]: the names of the ids in the rows (names.companies["115"]). Undescribed: tools/list is paid per tool. */
export const namesSchema = z.record(z.string(), z.unknown());
/** Fields holding text written by clients or staff; "names": every name. */
export const untrustedSchema = z.array(z.string());

/** A related table inside a get (notes, tasks...): `total` may say how far a walk went. */
export const tableSchema = z.object({
  columns: columnsSchema,
  rows: rowsSchema,
  total: z.union([z.number(), z.string()]).optional(),
  more: z.boolean().optional(),
});

