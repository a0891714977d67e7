/**
 * Every rule for dates going into and coming out of the typed tools, in one module that knows the
 * tenant's time zone (./tenant-zone.ts says which zone that is). Autotask itself works in UTC: it
 * stores and returns date-times in UTC and compares query values as UTC instants.
 *
 * Inputs (from the model):
 *   - "2026-11-30": that calendar day in the tenant zone, i.e. the instant of local midnight there;
 *   - "2026-11-30T09:15:00+05:30" / "...Z": the instant as written;
 *   - "2026-11-30T09:15:00" (no offset): a wall-clock time in the tenant zone.
 * Date-only Autotask fields (TimeEntries.dateWorked, stored as midnight UTC) are calendar days as
 * written and are never shifted (toCalendarDay).
 * Outputs: text renderings show instants in the tenant zone with their offset (formatInstant);
 * structuredContent keeps Autotask's UTC values untouched.
 * Zone offsets come from Intl (the ICU time zone data shipped with Node), no dependency.
 */
import { z } from 'zod';
import { ToolInputError } from './results.js';

export const UTC = 'UTC';

/** The one ISO shape every date input is read with (parse() below checks it is a real moment). */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
export const ISO_DATE_PATTERN = ISO;
/** Whether `value` has the ISO shape (a real date is still to be checked: parseInstant, toInstant). */
export const isIsoShaped = (value: string): boolean => ISO.test(value.trim());
/** Said once per list tool description instead of on each date parameter. */
export const DATE_RANGES = 'Dates: ISO, in the tenant time zone unless an offset is given; *After is inclusive, *Before exclusive.';
export const isoDateSchema = z.string().regex(ISO_DATE_PATTERN, 'Use an ISO date such as 2026-11-01 or 2026-11-01T09:30:00Z');

const MINUTE = 60_000;
const DAY = 86_400_000;

interface Parsed {
  y: number;
  m: number;
  d: number;
  time: { h: number; mi: number; s: number; ms: number } | null;
  /** Minutes east of UTC as written; null when the value has no offset. */
  offset: number | null;
}

/** Milliseconds of a wall-clock reading as if it were UTC (years below 100 stay as written). */
function wallMs(y: number, m: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  t.setUTCHours(h, mi, s, ms);
  return t.getTime();
}

/**
 * Strict ISO reading: null for anything that is not a real calendar moment. JavaScript would roll
 * 2026-02-30 over into 2 March, which would silently move a filter bound.
 */
function parse(value: string): Parsed | null {
  const r: Array<string | undefined> | null = ISO.exec(value.trim()); // optional groups may be undefined
  if (!r) return null;
  const [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  const day = new Date(wallMs(y, m, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return null;
  if (r[4] === undefined) return { y, m, d, time: null, offset: null };
  const time = { h: Number(r[4]), mi: Number(r[5]), s: Number(r[6] ?? 0), ms: Number(`${r[7] ?? ''}000`.slice(0, 3)) };
  if (time.h > 23 || time.mi > 59 || time.s > 59) return null;
  let offset: number | null = null;
  if (r[8] === 'Z') offset = 0;
  else if (r[8] !== undefined) {
    offset = offsetMinutes(r[8]);
    if (offset === null) return null;
  }
  return { y, m, d, time, offset };
}

/** Minutes east of UTC of "+05:30" / "-0300"; null outside the offsets clocks use (-12:00 to +14:00). */
function offsetMinutes(text: string): number | null {
  const o = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!o) return null;
  const [oh, om] = [Number(o[2]), Number(o[3])];
  const minutes = oh * 60 + om;
  if (om > 59 || minutes > (o[1] === '-' ? 12 * 60 : 14 * 60)) return null;
  return (o[1] === '-' ? -1 : 1) * minutes;
}

/** Which part of a value parse() refused: the offset, the time of day, the day, or the format itself. */
export function whyNotReal(value: string): string {
  const r: Array<string | undefined> | null = ISO.exec(value.trim()); // optional groups may be undefined
  if (!r) return 'use an ISO date such as 2026-11-01 or 2026-11-01T09:30:00Z';
  if (r[8] !== undefined && r[8] !== 'Z' && offsetMinutes(r[8]) === null) return `the offset ${r[8]} is not valid (UTC offsets run from -12:00 to +14:00, e.g. +05:30; Z is UTC)`;
  if (r[4] !== undefined && (Number(r[4]) > 23 || Number(r[5]) > 59 || Number(r[6] ?? 0) > 59)) {
    return `the time ${r[4]}:${r[5]}${r[6] !== undefined ? `:${r[6]}` : ''} is not valid (hours 00-23, minutes and seconds 00-59)`;
  }
  return 'check the day and month (e.g. 2026-02-28, not 2026-02-30)';
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short' });
    formatters.set(zone, f);
  }
  return f;
}

/** True for the zone names that mean UTC itself (rendered with "Z"). */
export function isUtcZone(zone: string): boolean {
  return /^(etc\/)?(utc|uct|zulu|universal|gmt|gmt[+-]?0|greenwich)$/i.test(zone);
}

/** True when Intl knows the zone (an IANA name such as Europe/Berlin). */
export function isKnownZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at instant `t`, in milliseconds (east positive). */
export function offsetAt(zone: string, t: number): number {
  if (isUtcZone(zone)) return 0;
  const parts = Object.fromEntries(formatter(zone).formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  const year = parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year);
  const local = wallMs(year, Number(parts.month), Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return local - (t - (((t % 1000) + 1000) % 1000));
}

/**
 * The instant a wall-clock reading in `zone` stands for. In the hour a clock skips (DST start) the
 * reading moves forward by the gap; in the hour it repeats (DST end) the earlier instant wins.
 * Local midnight on a day whose midnight is skipped becomes the first instant of that day.
 */
function zonedToUtc(wall: number, zone: string): number {
  if (isUtcZone(zone)) return wall;
  const before = offsetAt(zone, wall - DAY);
  const after = offsetAt(zone, wall + DAY);
  const fits = [...new Set([before, after])].map((o) => wall - o).filter((t) => t + offsetAt(zone, t) === wall);
  if (fits.length) return Math.min(...fits);
  return wall - before;
}

/**
 * An ISO date or date-time as an instant: a plain date is local midnight in `zone`, a time without
 * an offset is a wall-clock time in `zone`, a time with an offset (or Z) is taken as written.
 * Null when the value is not a real calendar moment.
 */
export function parseInstant(value: string, zone: string): Date | null {
  const p = parse(value);
  if (!p) return null;
  const wall = wallMs(p.y, p.m, p.d, p.time?.h, p.time?.mi, p.time?.s, p.time?.ms);
  return new Date(p.offset !== null ? wall - p.offset * MINUTE : zonedToUtc(wall, zone));
}

function notReal(value: string, name?: string): ToolInputError {
  return new ToolInputError(`${name ? `${name} ` : ''}"${value}" is not a real date: ${whyNotReal(value)}.`);
}

/** parseInstant as the ISO UTC string Autotask filters and bodies take; refuses impossible dates. */
export function toInstant(value: string, zone: string, name?: string): string {
  const d = parseInstant(value, zone);
  if (!d) throw notReal(value, name);
  return d.toISOString();
}

/** Refuses an impossible date without converting it (bounds are checked before any zone lookup). */
export function assertRealDate(value: string, name?: string): void {
  if (!parse(value)) throw notReal(value, name);
}

/**
 * A calendar day for a date-only Autotask field (TimeEntries.dateWorked, stored as midnight UTC):
 * a plain date, or a date-time at midnight with any offset ("2026-10-12T00:00:00+02:00" is
 * 12 October, as written). A time of day is refused: it cannot be compared with a date.
 */
export function toCalendarDay(value: string, name: string): string {
  const p = parse(value);
  if (!p) throw notReal(value, name);
  const t = p.time;
  if (t && (t.h || t.mi || t.s || t.ms)) {
    throw new ToolInputError(`${name} is compared with a calendar day that has no time of day: give the day only, e.g. ${name}="${value.trim().slice(0, 10)}".`);
  }
  return `${value.trim().slice(0, 10)}T00:00:00.000Z`;
}

/** "2026-10-30" of a date-time as written (its own offset, or the tenant zone when it has none). */
export function writtenDay(value: string): string {
  if (!parse(value)) throw notReal(value);
  return value.trim().slice(0, 10);
}

/** The calendar day ("2026-10-30") an instant falls on in `zone`. */
export function dayIn(instant: Date | string, zone: string): string {
  const t = typeof instant === 'string' ? parseInstant(instant, UTC) : instant;
  if (!t) throw notReal(String(instant));
  return new Date(t.getTime() + offsetAt(zone, t.getTime())).toISOString().slice(0, 10);
}

/** The same calendar day as midnight UTC, the way date-only Autotask fields store it. */
export function dayAsStored(day: string): string {
  return `${day}T00:00:00.000Z`;
}

function offsetText(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / MINUTE);
  return `${ms < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * An Autotask date-time (UTC) for a text rendering: "2026-11-30T09:15:00+05:30" in the tenant
 * zone, "...Z" when that zone is UTC. Anything that is not a date-time is shown as it came.
 */
export function formatInstant(value: unknown, zone: string): string {
  if (value === null || value === undefined || value === '') return '-';
  const d = value instanceof Date ? value : typeof value === 'string' ? parseInstant(value, UTC) : null;
  if (!d || Number.isNaN(d.getTime())) return String(value);
  const off = offsetAt(zone, d.getTime());
  const local = new Date(d.getTime() + off).toISOString();
  const ms = local.slice(20, 23);
  return `${local.slice(0, 19)}${ms === '000' ? '' : `.${ms}`}${isUtcZone(zone) ? 'Z' : offsetText(off)}`;
}

/** A date-only Autotask field (midnight UTC) for a text rendering: the calendar day, never shifted. */
export function formatDay(value: unknown): string {
  return typeof value === 'string' && parse(value) ? value.trim().slice(0, 10) : '-';
}

/** Two Autotask date-time values denote the same instant ("2026-11-01T00:00:00Z" = "...00.000Z"). */
export function sameInstant(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const [x, y] = [parseInstant(a, UTC), parseInstant(b, UTC)];
  return x !== null && y !== null && x.getTime() === y.getTime();
}

/** Milliseconds of an Autotask date-time value (UTC when it has no offset); null when it is none. */
export function instantMs(value: unknown): number | null {
  return typeof value === 'string' ? (parseInstant(value, UTC)?.getTime() ?? null) : null;
}

/** Whether a string looks like an ISO date or date-time (for generic diffing). */
export function looksLikeDateTime(v: unknown): v is string {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v);
}

/**
 * The bounds of a date range: "after" inclusive, "before" exclusive, as ISO UTC. `unit` 'day' is
 * for date-only fields: bounds are calendar days as written. Impossible dates are refused before
 * anything is converted.
 */
export function rangeBounds(
  after: string | undefined,
  before: string | undefined,
  names: [string, string],
  opts: { zone: string; unit?: 'instant' | 'day' },
): { from?: string; to?: string } {
  if (after !== undefined) assertRealDate(after, names[0]);
  if (before !== undefined) assertRealDate(before, names[1]);
  const convert = (value: string, name: string) => (opts.unit === 'day' ? toCalendarDay(value, name) : toInstant(value, opts.zone, name));
  const from = after !== undefined ? convert(after, names[0]) : undefined;
  const to = before !== undefined ? convert(before, names[1]) : undefined;
  if (from && to && from >= to) throw new ToolInputError(`${names[0]} (${from}) must be earlier than ${names[1]} (${to}).`);
  return { from, to };
}
