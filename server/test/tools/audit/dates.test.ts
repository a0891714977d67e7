/**
 * Date inputs as a technician's agent sends them: impossible calendar days are refused (never
 * rolled over into the next month), offsets are honoured, and a date-worked range is compared
 * by calendar day (dateWorked has no time of day).
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { expectSent } from '../tickets/support.js';
import { list, refused, sortedIds, useHarness } from '../companies/flow.js';

const seed = buildDemoSeed();
const s = useHarness();

describe('impossible dates are refused, not rolled over', () => {
  it('search_tickets createdAfter 2026-02-30 sends nothing and says the date does not exist', async () => {
    await refused(s, 'search_tickets', { createdAfter: '2026-02-30' }, /2026-02-30.*not a (real|valid) date/i, 'metadata');
  });

  it('a date-time on an impossible day is refused too', async () => {
    await refused(s, 'search_projects', { startAfter: '2026-04-31T10:00:00Z' }, /2026-04-31.*not a (real|valid) date/i, 'metadata');
  });

  it('query_entities refuses an impossible day in a datetime filter before sending', async () => {
    await refused(s, 'query_entities', { entity: 'Tickets', filter: [{ op: 'gte', field: 'createDate', value: '2026-02-29' }] }, /not a real date/i, 'metadata');
  });

  it('an impossible offset is named as the problem, not the day and month', async () => {
    await refused(s, 'search_tickets', { createdAfter: '2026-11-01T09:00:00+99:99' }, /the offset \+99:99 is not valid/, 'metadata');
    await refused(s, 'query_entities', { entity: 'Tickets', filter: [{ op: 'gte', field: 'createDate', value: '2026-11-01T09:00:00+99:99' }] }, /the offset \+99:99 is not valid/, 'metadata');
  });

  it('a real leap day is accepted', async () => {
    await list(s, 'search_tickets', { createdAfter: '2028-02-29' });
    expectSent(s.h.fake, 'Tickets/query', [{ op: 'gte', field: 'createDate', value: '2028-02-29T00:00:00.000Z' }]);
  });
});

describe('date-worked ranges compare calendar days', () => {
  const priya = 29682904;
  const day = (d: unknown) => String(d).slice(0, 10);
  const expected = (from: string, to: string) =>
    seed.records.TimeEntries.filter((t) => t.resourceID === priya && day(t.dateWorked) >= from && day(t.dateWorked) < to).map((t) => t.id).sort((a, b) => a - b);

  it('workedAfter given as local midnight with an offset selects that calendar day', async () => {
    const r = await list(s, 'search_time_entries', { resourceID: priya, workedAfter: '2026-10-12T00:00:00+02:00', workedBefore: '2026-10-16T00:00:00+02:00', limit: 500 });
    expectSent(s.h.fake, 'TimeEntries/query', [
      { op: 'eq', field: 'resourceID', value: priya },
      { op: 'gte', field: 'dateWorked', value: '2026-10-12T00:00:00.000Z' },
      { op: 'lt', field: 'dateWorked', value: '2026-10-16T00:00:00.000Z' },
    ]);
    const want = expected('2026-10-12', '2026-10-16');
    expect(want.length).toBeGreaterThan(0);
    expect(sortedIds(r.items)).toEqual(want);
  });

  it('a time of day inside a date-worked bound is refused with what to send instead', async () => {
    await refused(s, 'search_time_entries', { workedAfter: '2026-10-12T09:00:00+02:00' }, /workedAfter.*calendar day.*2026-10-12/i, 'metadata');
  });
});
