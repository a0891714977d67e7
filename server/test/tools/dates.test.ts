/** The date module as pure functions: strict parsing, zone conversion at DST edges, formatting. */
import { describe, expect, it } from 'vitest';
import { dayIn, formatDay, formatInstant, isKnownZone, parseInstant, rangeBounds, sameInstant, toCalendarDay, toInstant } from '../../src/tools/dates.js';
import { ianaForWindowsZone, WINDOWS_ZONES } from '../../src/tools/windows-zones.js';

describe('parseInstant / toInstant', () => {
  it.each([
    ['2026-11-01', 'Asia/Kolkata', '2026-10-31T18:30:00.000Z'],
    ['2026-11-01', 'Australia/Darwin', '2026-10-31T14:30:00.000Z'],
    ['2026-11-01', 'America/Bogota', '2026-11-01T05:00:00.000Z'],
    ['2026-11-01', 'UTC', '2026-11-01T00:00:00.000Z'],
    ['2026-11-01T09:15', 'Asia/Kolkata', '2026-11-01T03:45:00.000Z'],
    ['2026-11-01T09:15:00+05:30', 'America/Bogota', '2026-11-01T03:45:00.000Z'],
    ['2026-11-01T09:15:00.5Z', 'Asia/Kolkata', '2026-11-01T09:15:00.500Z'],
    ['2026-11-01T01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'], // repeated hour: EDT
    ['2026-03-08T02:30', 'America/New_York', '2026-03-08T07:30:00.000Z'], // skipped hour: 03:30 EDT
    ['2026-10-25T02:30', 'Europe/Berlin', '2026-10-25T00:30:00.000Z'], // repeated hour: CEST
    ['2026-03-29T02:30', 'Europe/Berlin', '2026-03-29T01:30:00.000Z'], // skipped hour: 03:30 CEST
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'], // midnight skipped: 01:00 -03
  ])('%s in %s is %s', (value, zone, iso) => {
    expect(toInstant(value, zone)).toBe(iso);
  });

  it.each(['2026-02-30', '2026-04-31T10:00:00Z', '2026-11-01T24:00', '2026-11-01T10:60', '2026-11-01T10:00:00+15:00', '2026-1-01', 'tomorrow', ''])('refuses %j', (value) => {
    expect(parseInstant(value, 'UTC')).toBeNull();
    expect(() => toInstant(value, 'UTC', 'createdAfter')).toThrow(/createdAfter ".*" is not a real date/);
  });
});

describe('what is wrong with a refused date', () => {
  it.each([
    ['2026-11-01T10:00:00+99:99', /the offset \+99:99 is not valid/],
    ['2026-11-01T10:00:00-15:00', /the offset -15:00 is not valid/],
    ['2026-11-01T10:00:00+05:75', /the offset \+05:75 is not valid/],
    ['2026-11-01T24:00', /the time 24:00 is not valid/],
    ['2026-11-01T10:60:00Z', /the time 10:60:00 is not valid/],
    ['2026-02-30', /check the day and month/],
    ['tomorrow', /use an ISO date such as 2026-11-01/i],
  ])('%s: %s', (value, reason) => {
    expect(() => toInstant(value, 'UTC', 'createdAfter')).toThrow(reason);
    expect(() => toCalendarDay(value, 'workedAfter')).toThrow(reason);
  });

  it('an offset problem never blames the day and month', () => {
    expect(() => toInstant('2026-11-01T10:00:00+99:99', 'UTC')).not.toThrow(/day and month/);
  });
});

describe('calendar days', () => {
  it('a date-only field keeps the day as written, midnight with any offset included, never a time of day', () => {
    expect(toCalendarDay('2026-10-12', 'workedAfter')).toBe('2026-10-12T00:00:00.000Z');
    expect(toCalendarDay('2026-10-12T00:00:00+02:00', 'workedAfter')).toBe('2026-10-12T00:00:00.000Z');
    expect(() => toCalendarDay('2026-10-12T09:00:00+02:00', 'workedAfter')).toThrow(/give the day only, e\.g\. workedAfter="2026-10-12"/);
  });

  it('the day an instant falls on in a zone', () => {
    expect(dayIn('2026-10-31T01:00:00Z', 'America/Sao_Paulo')).toBe('2026-10-30');
    expect(dayIn('2026-11-29T19:00:00Z', 'Asia/Kolkata')).toBe('2026-11-30');
    expect(formatDay('2026-11-30T00:00:00Z')).toBe('2026-11-30');
    expect(formatDay(null)).toBe('-');
  });
});

describe('formatInstant', () => {
  it.each([
    ['2026-11-30T03:45:00Z', 'Asia/Kolkata', '2026-11-30T09:15:00+05:30'],
    ['2026-11-30T03:45:00Z', 'Australia/Darwin', '2026-11-30T13:15:00+09:30'],
    ['2026-11-30T03:45:00Z', 'America/Bogota', '2026-11-29T22:45:00-05:00'],
    ['2026-11-01T05:30:00Z', 'America/New_York', '2026-11-01T01:30:00-04:00'],
    ['2026-11-01T06:30:00Z', 'America/New_York', '2026-11-01T01:30:00-05:00'],
    ['2026-11-30T03:45:00.25Z', 'UTC', '2026-11-30T03:45:00.250Z'],
    ['2026-11-30T03:45:00', 'Europe/Berlin', '2026-11-30T04:45:00+01:00'], // Autotask values without offset are UTC
  ])('%s in %s is shown as %s', (value, zone, text) => {
    expect(formatInstant(value, zone)).toBe(text);
  });

  it('shows anything else as it came', () => {
    expect(formatInstant(undefined, 'UTC')).toBe('-');
    expect(formatInstant('soon', 'UTC')).toBe('soon');
  });
});

describe('ranges and comparisons', () => {
  it('refuses an impossible bound before converting, and an empty range', () => {
    expect(() => rangeBounds('2026-02-30', undefined, ['createdAfter', 'createdBefore'], { zone: 'Asia/Kolkata' })).toThrow(/createdAfter "2026-02-30" is not a real date/);
    expect(() => rangeBounds('2026-11-02', '2026-11-01', ['createdAfter', 'createdBefore'], { zone: 'Asia/Kolkata' })).toThrow(/createdAfter \(2026-11-01T18:30:00.000Z\) must be earlier than createdBefore/);
  });

  it('compares Autotask date-times as instants', () => {
    expect(sameInstant('2026-11-01T00:00:00Z', '2026-11-01T00:00:00.000Z')).toBe(true);
    expect(sameInstant('2026-11-01T05:30:00+05:30', '2026-11-01T00:00:00Z')).toBe(true);
    expect(sameInstant('2026-11-01T00:00:00Z', 'x')).toBe(false);
  });
});

describe('Microsoft Time Zone Index values', () => {
  it('every zone in the table is known to this Node', () => {
    for (const [, , iana] of WINDOWS_ZONES) expect(isKnownZone(iana), iana).toBe(true);
    expect(new Set(WINDOWS_ZONES.map(([i]) => i)).size).toBe(WINDOWS_ZONES.length);
  });

  it.each([
    ['35', 'America/New_York'],
    ['45', 'America/Bogota'],
    ['85', 'Europe/London'],
    ['110', 'Europe/Berlin'],
    ['190', 'Asia/Kolkata'],
    ['245', 'Australia/Darwin'],
    ['2147483728', 'UTC'],
    ['India Standard Time', 'Asia/Kolkata'],
    ['w. europe standard time', 'Europe/Berlin'],
  ])('%s is %s', (value, iana) => {
    expect(ianaForWindowsZone(value)?.iana).toBe(iana);
  });

  it('unknown values map to nothing', () => {
    expect(ianaForWindowsZone('9999')).toBeNull();
    expect(ianaForWindowsZone('Atlantis Standard Time')).toBeNull();
  });
});
