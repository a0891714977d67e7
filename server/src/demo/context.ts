/** Shared state and date helpers for the demo tenant's generators. */
import type { SeedRecord } from '../fake/types.js';
import type { Rng } from './random.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface DemoContext {
  rng: Rng;
  /** Fixed "now" in epoch ms: every generated date is at or before it. */
  now: number;
  /** By entity; an entity no module has seeded yet is absent (hence `?? []` on every read). */
  records: Partial<Record<string, SeedRecord[]>>;
}

export function add(ctx: DemoContext, entity: string, record: SeedRecord): SeedRecord {
  (ctx.records[entity] ??= []).push(record);
  return record;
}

/** UTC ISO timestamp with Z, as Autotask returns them. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Date-only fields (dateWorked, startDate...): midnight UTC of the day. */
export function isoDate(ms: number): string {
  return iso(Math.floor(ms / DAY) * DAY);
}

/** yyyyMMdd of a timestamp, for ticket/project numbers. */
export function ymd(ms: number): string {
  return iso(ms).slice(0, 10).replace(/-/g, '');
}

function isWeekend(dayStart: number): boolean {
  const wd = new Date(dayStart).getUTCDay();
  return wd === 0 || wd === 6;
}

/** Working hours are 08:00–17:30 UTC, Monday–Friday. */
const OPEN_MINUTE = 8 * 60;
const CLOSE_MINUTE = 17 * 60 + 30;

/** A random moment in working hours at or after `ms` (same day when possible, else the next working day). */
export function workingTime(ms: number, rng: Rng): number {
  let day = Math.floor(ms / DAY) * DAY;
  while (isWeekend(day)) day += DAY;
  return Math.max(day + rng.int(OPEN_MINUTE, CLOSE_MINUTE) * 60_000, ms);
}

/** A random moment in working hours at or before `ms` (walks back to an earlier working day if needed). */
export function workingTimeBefore(ms: number, rng: Rng): number {
  let day = Math.floor(ms / DAY) * DAY;
  for (;;) {
    if (!isWeekend(day)) {
      const candidate = day + rng.int(OPEN_MINUTE, CLOSE_MINUTE) * 60_000;
      if (candidate <= ms) return candidate;
    }
    day -= DAY;
  }
}

export function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Round to a quarter hour, the smallest increment most MSPs bill. */
export function quarterHours(h: number): number {
  return Math.max(0.25, Math.round(h * 4) / 4);
}

export function byId(ctx: DemoContext, entity: string, id: unknown): SeedRecord | undefined {
  return (ctx.records[entity] ?? []).find((r) => r.id === id);
}
