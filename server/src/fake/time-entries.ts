/**
 * The TimeEntries rule about midnight. The official TimeEntries page: "The Autotask API measures
 * date-time values in UTC. As a result, entries for some zones will frequently overlap UTC
 * midnight. You may need to enable the Allow time entries to span over midnight system setting to
 * prevent errors for these zones." The Timesheets system settings page: with it off, an entry
 * from 11 PM to 1 AM "would require the creation of two time entries". So without the setting
 * (seed option timeEntriesOverMidnight, off by default) a create or update whose startDateTime
 * and endDateTime fall on different UTC days is refused.
 * [unverified] the refusal's text (no source shows it; the fake answers like its other business
 * rules: 500 with errors[]) and an end exactly at 00:00 UTC (taken as not spanning).
 */
import type { EntitySpec } from '../catalogue/types.js';
import type { SeedRecord, TenantSeed } from './types.js';
import { writeError } from './errors.js';
import { toInstant } from './values.js';

export const MIDNIGHT_REFUSAL = 'The time entry spans midnight. Time entries that span midnight are not allowed by the system setting "Allow time entries to span over midnight".';

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Throws Autotask's business-rule error when the entry as it will be stored runs over UTC midnight. */
export function checkTimeEntryMidnight(seed: TenantSeed, entity: EntitySpec, record: Partial<SeedRecord>): void {
  if (entity.name !== 'TimeEntries' || seed.timeEntriesOverMidnight === true) return;
  const start = toInstant(record.startDateTime);
  const end = toInstant(record.endDateTime);
  if (start === null || end === null || end <= start) return;
  if (utcDay(start) !== utcDay(end - 1)) throw writeError(MIDNIGHT_REFUSAL);
}
