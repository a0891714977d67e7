/**
 * Time entries near midnight over MCP: an entry worked in the user's evening (start
 * 2026-10-30T23:00-02:00 is 01:00 UTC on the 31st) keeps the work day it was logged on, and can be
 * changed afterwards without being refused for its UTC start falling on another day.
 */
import { describe, expect, it } from 'vitest';
import { call, structured, textOf } from '../tickets/support.js';
import { confirm, preview, useHarness } from '../companies/flow.js';

const TECH = 29682906;
const TICKET = 41007;

const s = useHarness();

describe('a time entry worked in the evening at -02:00', () => {
  const evening = {
    ticketID: TICKET,
    resourceID: TECH,
    startDateTime: '2026-10-30T23:00:00-02:00',
    endDateTime: '2026-10-31T00:30:00-02:00',
    summaryNotes: 'Late patching window.',
  };

  it('is created on the day it was worked, then its hours can be changed', async () => {
    const p = await preview(s, 'create_time_entry', evening);
    expect(p.request.body).toMatchObject({ dateWorked: '2026-10-30T00:00:00.000Z', startDateTime: '2026-10-31T01:00:00.000Z', endDateTime: '2026-10-31T02:30:00.000Z', hoursWorked: 1.5 });
    const { id } = await confirm(s, 'create_time_entry', evening, p);
    s.h.fake.clearRequests();

    const r = await call(s.client, 'update_time_entry', { id, hoursWorked: 1 });
    expect(r.isError, textOf(r)).toBeFalsy();
    const up = structured<{ request: { body: Record<string, unknown> } }>(r);
    expect(up.request.body).toEqual({ id, hoursWorked: 1 });
  });
});
