/**
 * The when-and-how-long of a time entry, validated as Autotask needs it: hours > 0 and <= 24,
 * end after start, hours no more than the span, and dateWorked a date at midnight UTC (the day
 * the work was done, as the caller wrote it: "2026-11-01T08:00+10:00" was worked on 1 November).
 */
import { ToolInputError } from '../results.js';
import { toIsoUtc } from '../shared.js';

export const MAX_HOURS = 24;

export interface WorkedInput {
  dateWorked?: string;
  startDateTime?: string;
  endDateTime?: string;
  hoursWorked?: number;
}

export interface Worked {
  dateWorked: string;
  startDateTime?: string;
  endDateTime?: string;
  hoursWorked: number;
}

/** The calendar day of an ISO input, as written (offsets kept: the local day is the worked day). */
function dayOf(value: string): string {
  return `${value.slice(0, 10)}T00:00:00.000Z`;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function resolveWorked(input: WorkedInput): Worked {
  const { startDateTime, endDateTime, hoursWorked } = input;
  if ((startDateTime === undefined) !== (endDateTime === undefined)) {
    throw new ToolInputError('Give both startDateTime and endDateTime, or neither (then give hoursWorked). Nothing was sent.');
  }
  const out: Partial<Worked> = {};
  if (startDateTime !== undefined && endDateTime !== undefined) {
    const start = toIsoUtc(startDateTime);
    const end = toIsoUtc(endDateTime);
    const span = (Date.parse(end) - Date.parse(start)) / 3_600_000;
    if (span <= 0) throw new ToolInputError(`endDateTime (${end}) must be after startDateTime (${start}). Nothing was sent.`);
    if (span > MAX_HOURS) throw new ToolInputError(`A time entry covers at most ${MAX_HOURS} hours; ${startDateTime} to ${endDateTime} is ${round2(span)} hours. Split it into one entry per day. Nothing was sent.`);
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
  if (!(out.hoursWorked! > 0) || out.hoursWorked! > MAX_HOURS) throw new ToolInputError(`hoursWorked must be more than 0 and at most ${MAX_HOURS}; got ${out.hoursWorked}. Nothing was sent.`);

  const day = input.dateWorked !== undefined ? dayOf(input.dateWorked) : startDateTime !== undefined ? dayOf(startDateTime) : undefined;
  if (!day) throw new ToolInputError('Say which day: give dateWorked (e.g. 2026-11-01), or startDateTime and endDateTime. Nothing was sent.');
  const parsed = new Date(day);
  // Round-trip so impossible days (2026-02-30) are refused instead of rolled over.
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString() !== day) throw new ToolInputError(`"${(input.dateWorked ?? startDateTime ?? '').slice(0, 10)}" is not a valid date. Nothing was sent.`);
  if (input.dateWorked !== undefined && startDateTime !== undefined && dayOf(startDateTime) !== day) {
    throw new ToolInputError(`dateWorked (${input.dateWorked.slice(0, 10)}) must be the day of startDateTime (${startDateTime.slice(0, 10)}); omit dateWorked to use the start's day. Nothing was sent.`);
  }
  out.dateWorked = day;
  return out as Worked;
}
