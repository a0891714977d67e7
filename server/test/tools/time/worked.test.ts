/** resolveWorked: the hours/day rules of a time entry, as a pure function (no Autotask involved). */
import { describe, expect, it } from 'vitest';
import { resolveWorked } from '../../../src/tools/time/worked.js';

describe('resolveWorked', () => {
  it('hours with a day: the day at midnight UTC', () => {
    expect(resolveWorked({ hoursWorked: 1.5, dateWorked: '2026-10-30' }, 'UTC')).toEqual({ hoursWorked: 1.5, dateWorked: '2026-10-30T00:00:00.000Z' });
  });

  it('start and end: hours default to the span, the day is the start\'s day as written (local day kept)', () => {
    expect(resolveWorked({ startDateTime: '2026-10-30T23:00:00-02:00', endDateTime: '2026-10-31T01:15:00-02:00' }, 'UTC')).toEqual({
      startDateTime: '2026-10-31T01:00:00.000Z',
      endDateTime: '2026-10-31T03:15:00.000Z',
      hoursWorked: 2.25,
      dateWorked: '2026-10-30T00:00:00.000Z',
    });
  });

  it('hours below the span are kept (breaks)', () => {
    expect(resolveWorked({ startDateTime: '2026-10-30T09:00:00Z', endDateTime: '2026-10-30T12:00:00Z', hoursWorked: 2.5 }, 'UTC').hoursWorked).toBe(2.5);
  });

  it('an update keeps what Autotask holds: a stored UTC start on the next day is not re-judged', () => {
    const current = { dateWorked: '2026-10-30T00:00:00Z', startDateTime: '2026-10-31T01:00:00Z', endDateTime: '2026-10-31T02:30:00Z', hoursWorked: 1.5 };
    expect(resolveWorked({ hoursWorked: 1 }, 'UTC', current)).toEqual({ dateWorked: '2026-10-30T00:00:00.000Z', startDateTime: '2026-10-31T01:00:00.000Z', endDateTime: '2026-10-31T02:30:00.000Z', hoursWorked: 1 });
    // A new start is read in the tenant zone and gives the work day again, as on create.
    expect(resolveWorked({ startDateTime: '2026-10-30T22:00' }, 'America/Sao_Paulo', current)).toMatchObject({ dateWorked: '2026-10-30T00:00:00.000Z', startDateTime: '2026-10-31T01:00:00.000Z', hoursWorked: 1.5 });
    // A given day is checked against a start moved in the same call, even when it equals the stored day.
    expect(() => resolveWorked({ startDateTime: '2026-11-05T09:00:00Z', endDateTime: '2026-11-05T10:00:00Z', dateWorked: '2026-10-30' }, 'UTC', current)).toThrow(/must be the day the entry starts/);
  });

  it.each([
    [{ hoursWorked: 1 }, /Say which day/],
    [{ dateWorked: '2026-10-30' }, /Say how long/],
    [{ startDateTime: '2026-10-30T09:00:00Z', dateWorked: '2026-10-30' }, /both startDateTime and endDateTime/],
    [{ startDateTime: '2026-10-30T10:00:00Z', endDateTime: '2026-10-30T09:00:00Z' }, /must be after startDateTime/],
    [{ startDateTime: '2026-10-30T10:00:00Z', endDateTime: '2026-10-30T10:00:00Z' }, /must be after startDateTime/],
    [{ startDateTime: '2026-10-30T08:00:00Z', endDateTime: '2026-10-31T08:30:00Z' }, /at most 24 hours; .* is 24\.5 hours/],
    [{ startDateTime: '2026-10-30T09:00:00Z', endDateTime: '2026-10-30T10:00:00Z', hoursWorked: 1.5 }, /more than the 1 hours between/],
    [{ hoursWorked: 0, dateWorked: '2026-10-30' }, /more than 0 and at most 24/],
    [{ hoursWorked: 24.25, dateWorked: '2026-10-30' }, /more than 0 and at most 24/],
    [{ hoursWorked: 1, dateWorked: '2026-02-30' }, /"2026-02-30" is not a real date/],
    [{ startDateTime: '2026-10-30T09:00:00Z', endDateTime: '2026-10-30T10:00:00Z', dateWorked: '2026-10-29' }, /dateWorked \(2026-10-29\) must be the day the entry starts: startDateTime 2026-10-30T09:00:00Z is on 2026-10-30/],
  ])('%j is refused', (input, message) => {
    expect(() => resolveWorked(input, 'UTC')).toThrow(message);
  });
});
