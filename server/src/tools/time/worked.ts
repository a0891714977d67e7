/**
 * The when-and-how-long of a time entry, validated as Autotask needs it: hours > 0 and <= 24,
 * end after start, hours no more than the span, and dateWorked a calendar day stored as midnight
 * UTC (a date-only field: never shifted).
 *
 * Which day is the work day: the day the entry starts, as the technician sees it. The official
 * Timesheets system settings page: for an entry over midnight "the start date on the time entry
 * will be used for billing, resource utilization, and revenue recognition". So the default
 * dateWorked is the start's calendar day as written ("2026-10-30T23:00-02:00" was worked on
 * 30 October; a time without an offset is in the tenant zone). Whether Autotask insists that
 * dateWorked equals the UTC day of startDateTime is not documented anywhere we could find
 * [unverified]: we send the local work day, and accept either day when the caller gives both.
 */
import { ToolInputError } from '../results.js';
import { dayIn, dayAsStored, formatDay, formatInstant, toCalendarDay, toInstant, UTC, writtenDay } from '../dates.js';

export const MAX_HOURS = 24;

export interface WorkedInput {
  dateWorked?: string;
  startDateTime?: string;
  endDateTime?: string;
  hoursWorked?: number;
}

/** The entry as Autotask holds it (UTC values), for updates: dateWorked, start/end, hoursWorked. */
export type StoredWorked = Record<string, unknown>;

export interface Worked {
  dateWorked: string;
  startDateTime?: string;
  endDateTime?: string;
  hoursWorked: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/**
 * The entry after this call: `input` holds what the caller gives now (read in the tenant `zone`),
 * `current` what Autotask already holds. Values the caller does not touch are kept as they are:
 * an entry Autotask accepted is not re-judged (its stored UTC start may well fall on another day
 * than its work day).
 */
export function resolveWorked(input: WorkedInput, zone: string, current: StoredWorked = {}): Worked {
  const startIn = input.startDateTime;
  const startRaw = startIn ?? text(current.startDateTime);
  const endRaw = input.endDateTime ?? text(current.endDateTime);
  if ((startRaw === undefined) !== (endRaw === undefined)) {
    throw new ToolInputError('Give both startDateTime and endDateTime, or neither (then give hoursWorked). Nothing was sent.');
  }
  const movesSpan = startIn !== undefined || input.endDateTime !== undefined;
  const hoursWorked = input.hoursWorked ?? (movesSpan ? undefined : typeof current.hoursWorked === 'number' ? current.hoursWorked : undefined);
  const out: Partial<Worked> = {};
  let start: string | undefined;
  if (startRaw !== undefined && endRaw !== undefined) {
    // Stored values are Autotask's (UTC); given ones are read in the tenant zone.
    start = toInstant(startRaw, startIn !== undefined ? zone : UTC, 'startDateTime');
    const end = toInstant(endRaw, input.endDateTime !== undefined ? zone : UTC, 'endDateTime');
    const span = (Date.parse(end) - Date.parse(start)) / 3_600_000;
    if (span <= 0) throw new ToolInputError(`endDateTime (${formatInstant(end, zone)}) must be after startDateTime (${formatInstant(start, zone)}). Nothing was sent.`);
    if (span > MAX_HOURS) throw new ToolInputError(`A time entry covers at most ${MAX_HOURS} hours; ${startRaw} to ${endRaw} is ${round2(span)} hours. Split it into one entry per day. Nothing was sent.`);
    if (hoursWorked !== undefined && hoursWorked > span + 0.005) {
      throw new ToolInputError(`hoursWorked (${hoursWorked}) is more than the ${round2(span)} hours between startDateTime and endDateTime. Nothing was sent.`);
    }
    out.startDateTime = start;
    out.endDateTime = end;
    out.hoursWorked = hoursWorked ?? round2(span);
  } else if (hoursWorked !== undefined) {
    out.hoursWorked = hoursWorked;
  } else {
    throw new ToolInputError('Say how long: give hoursWorked (e.g. 1.5), or startDateTime and endDateTime. Nothing was sent.');
  }
  if (!(out.hoursWorked > 0) || out.hoursWorked > MAX_HOURS) throw new ToolInputError(`hoursWorked must be more than 0 and at most ${MAX_HOURS}; got ${out.hoursWorked}. Nothing was sent.`);

  const stored = text(current.dateWorked) !== undefined ? formatDay(current.dateWorked) : undefined;
  const given = input.dateWorked !== undefined ? toCalendarDay(input.dateWorked, 'dateWorked').slice(0, 10) : undefined;
  const day = given ?? (startIn !== undefined ? writtenDay(startIn) : stored !== undefined && stored !== '-' ? stored : start ? dayIn(start, zone) : undefined);
  if (!day) throw new ToolInputError('Say which day: give dateWorked (e.g. 2026-11-01), or startDateTime and endDateTime. Nothing was sent.');
  if (given !== undefined && start && (startIn !== undefined || given !== stored)) {
    // The start's day as the caller wrote it, or in the tenant zone; for a stored start its UTC day.
    const allowed = new Set([startIn !== undefined ? writtenDay(startIn) : dayIn(start, UTC), dayIn(start, zone)]);
    if (!allowed.has(given)) {
      throw new ToolInputError(
        `dateWorked (${given}) must be the day the entry starts: startDateTime ${formatInstant(start, zone)} is on ${[...allowed].join(' or ')}; omit dateWorked to use the start's day. Nothing was sent.`,
      );
    }
  }
  out.dateWorked = dayAsStored(day);
  return out as Worked;
}

const SETTING = '"Allow time entries to span over midnight" (Admin > Features & Settings > Application-wide (Shared) Features > System Settings > Timesheets)';

/** Whether an entry runs over midnight UTC (an end exactly at 00:00 UTC does not [unverified]). */
export function crossesUtcMidnight(start: string, end: string): boolean {
  return dayIn(start, UTC) !== dayIn(new Date(Date.parse(end) - 1), UTC);
}

/**
 * Autotask measures time entries in UTC, and without the tenant setting above refuses one that runs
 * over midnight UTC (official TimeEntries page: entries in some zones "frequently overlap UTC
 * midnight"). For such an entry: a warning for the preview, and what to do if Autotask refuses it.
 */
export function midnightAdvice(w: Worked, zone: string): { warning: string; ifRefused: string } | null {
  if (!w.startDateTime || !w.endDateTime || !crossesUtcMidnight(w.startDateTime, w.endDateTime)) return null;
  const at = formatInstant(`${dayIn(new Date(Date.parse(w.endDateTime) - 1), UTC)}T00:00:00Z`, zone);
  return {
    warning: `This entry runs over midnight UTC (${at}, tenant time zone ${zone}). Autotask measures time entries in UTC and refuses such an entry unless the system setting ${SETTING} is on.`,
    ifRefused: `This entry runs over midnight UTC (${at}). If that is why Autotask refused it: ask an Autotask administrator to turn on the system setting ${SETTING}, or log the work as two entries split at ${at}. Nothing was written.`,
  };
}
