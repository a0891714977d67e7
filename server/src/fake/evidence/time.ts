/** Time zones and time entries: where the tenant's zone is read, UTC values, the midnight rule. */
import type { Evidence } from './types.js';

export const TIME_EVIDENCE: Evidence[] = [
  {
    id: 'time.utc-values',
    behaviour: 'Date-time values are UTC: a filter value without an offset is read as UTC, one with an offset is compared as the instant it names.',
    status: 'verified',
    sources: [
      'official: "REST API calls" ("The REST API stores and returns all time data in Coordinated Universal Time (UTC)")',
      'official: SOAP "query()" ("All API queries will be in Coordinated Universal Time (UTC)")',
    ],
  },
  {
    id: 'time.internal-location-zone',
    behaviour: 'InternalLocations can be queried, not created; isDefault marks the default location and timeZone holds its Microsoft Time Zone Index value as a string.',
    status: 'verified',
    sources: [
      'official: "InternalLocations" REST entity ("timeZone returns the Microsoft Time Zone Index value"; the location\'s time zone "is applied to the resource\'s time entries and schedules")',
      'official: Admin "Internal locations" ("Your Autotask instance comes populated with a default internal location called Headquarters")',
    ],
    realDiffers: '[unverified] the spelling of the value: the fake holds the decimal index ("35" = Eastern Standard Time). The server also accepts a Windows zone name or an IANA name there, and otherwise falls back to UTC and says so in test_connection.',
    doctorCheck: 'time.zone',
  },
  {
    id: 'time.midnight-span-refused',
    behaviour: 'Unless the tenant allows time entries to span over midnight (seed timeEntriesOverMidnight), a TimeEntries create or update whose start and end fall on different UTC days is refused; one crossing only local midnight is accepted.',
    status: 'verified',
    sources: [
      'official: "TimeEntries" REST entity ("The Autotask API measures date-time values in UTC. As a result, entries for some zones will frequently overlap UTC midnight. You may need to enable the Allow time entries to span over midnight system setting to prevent errors")',
      'official: Admin "Timesheets system settings" (with the setting off, 11 PM to 1 AM "would require the creation of two time entries"; the start date is used for billing)',
    ],
  },
  {
    id: 'time.midnight-refusal-shape',
    behaviour: 'The midnight refusal is HTTP 500 with an errors[] text naming the "Allow time entries to span over midnight" setting.',
    status: 'unverified',
    sources: ['No source shows the refusal; the fake answers it like its other business-rule errors (500, errors[]). The tool explains it whatever the text says.'],
  },
  {
    id: 'time.midnight-exact-end',
    behaviour: 'A time entry that ends exactly at 00:00 UTC does not span midnight.',
    status: 'unverified',
    sources: ['Our reading: the entry holds no time of the next UTC day. Splitting an entry at 00:00 UTC relies on it.'],
  },
];
