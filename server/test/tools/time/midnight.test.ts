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

const base = { ticketID: TICKET, resourceID: TECH, summaryNotes: 'Out-of-hours maintenance.' };

describe('tenant zone Asia/Kolkata (+05:30)', () => {
  const k = useHarness({ env: { AUTOTASK_TIME_ZONE: 'Asia/Kolkata' } });

  it('just after local midnight: the work day is the local day, not the UTC one; no midnight warning', async () => {
    const args = { ...base, startDateTime: '2026-11-30T00:30', endDateTime: '2026-11-30T02:00' };
    const p = await preview(k, 'create_time_entry', args);
    expect(p.request.body).toMatchObject({ dateWorked: '2026-11-30T00:00:00.000Z', startDateTime: '2026-11-29T19:00:00.000Z', endDateTime: '2026-11-29T20:30:00.000Z', hoursWorked: 1.5 });
    expect(p.warnings.join(' ')).not.toMatch(/midnight/);
    await confirm(k, 'create_time_entry', args, p);
  });

  it('05:00-06:30 local runs over midnight UTC: warned in the preview, and Autotask\'s refusal is explained', async () => {
    const args = { ...base, startDateTime: '2026-11-30T05:00', endDateTime: '2026-11-30T06:30' };
    const p = await preview(k, 'create_time_entry', args);
    expect(p.request.body).toMatchObject({ dateWorked: '2026-11-30T00:00:00.000Z', startDateTime: '2026-11-29T23:30:00.000Z', endDateTime: '2026-11-30T01:00:00.000Z' });
    expect(p.warnings.join(' ')).toMatch(/runs over midnight UTC \(2026-11-30T05:30:00\+05:30, tenant time zone Asia\/Kolkata\).*"Allow time entries to span over midnight"/);
    const r = await call(k.client, 'create_time_entry', { ...args, confirmationToken: p.confirmationToken });
    expect(r.isError).toBe(true);
    const text = textOf(r);
    expect(text).toMatch(/Autotask said: .*span/);
    expect(text).toMatch(/ask an Autotask administrator to turn on the system setting "Allow time entries to span over midnight" \(Admin > Features & Settings > Application-wide \(Shared\) Features > System Settings > Timesheets\), or log the work as two entries split at 2026-11-30T05:30:00\+05:30/);
    // It reached Autotask once and was refused there.
    const posted = k.h.fake.requests.filter((q) => q.method === 'POST' && q.route === 'TimeEntries');
    expect(posted.map((q) => q.status)).toEqual([500]);
  });

  it('split at the point the refusal named, both halves are accepted', async () => {
    for (const [startDateTime, endDateTime] of [['2026-11-30T05:00', '2026-11-30T05:30'], ['2026-11-30T05:30', '2026-11-30T06:30']]) {
      const args = { ...base, startDateTime, endDateTime };
      k.h.fake.clearRequests();
      const p = await preview(k, 'create_time_entry', args);
      expect(p.warnings.join(' ')).not.toMatch(/midnight/);
      expect(p.request.body.dateWorked).toBe('2026-11-30T00:00:00.000Z');
      await confirm(k, 'create_time_entry', args, p);
    }
  });
});

describe('tenant zone Australia/Darwin (+09:30)', () => {
  const d = useHarness({ env: { AUTOTASK_TIME_ZONE: 'Australia/Darwin' } });

  it('a morning entry starts on the previous UTC day; it keeps its local work day and can be updated', async () => {
    const args = { ...base, startDateTime: '2026-11-30T08:00', endDateTime: '2026-11-30T09:00' };
    const p = await preview(d, 'create_time_entry', args);
    expect(p.request.body).toMatchObject({ dateWorked: '2026-11-30T00:00:00.000Z', startDateTime: '2026-11-29T22:30:00.000Z', endDateTime: '2026-11-29T23:30:00.000Z', hoursWorked: 1 });
    const { id } = await confirm(d, 'create_time_entry', args, p);
    d.h.fake.clearRequests();
    const moved = await preview(d, 'update_time_entry', { id, endDateTime: '2026-11-30T09:15' });
    expect(moved.request.body).toEqual({ id, endDateTime: '2026-11-29T23:45:00.000Z', hoursWorked: 1.25 });
  });
});

describe('tenant zone America/Bogota (-05:00)', () => {
  const b = useHarness({ env: { AUTOTASK_TIME_ZONE: 'America/Bogota' } });

  it('an evening entry (UTC day already the next one) is logged on the local day and its hours can change', async () => {
    const args = { ...base, startDateTime: '2026-11-30T19:30', endDateTime: '2026-11-30T20:30' };
    const p = await preview(b, 'create_time_entry', args);
    expect(p.request.body).toMatchObject({ dateWorked: '2026-11-30T00:00:00.000Z', startDateTime: '2026-12-01T00:30:00.000Z', endDateTime: '2026-12-01T01:30:00.000Z' });
    const { id } = await confirm(b, 'create_time_entry', args, p);
    b.h.fake.clearRequests();
    const up = await preview(b, 'update_time_entry', { id, hoursWorked: 0.75 });
    expect(up.request.body).toEqual({ id, hoursWorked: 0.75 });
    await confirm(b, 'update_time_entry', { id, hoursWorked: 0.75 }, up);
    // dateWorked may name the UTC day of the start too, but not an unrelated day.
    b.h.fake.clearRequests();
    const utcDay = await preview(b, 'update_time_entry', { id, dateWorked: '2026-12-01' });
    expect(utcDay.request.body).toEqual({ id, dateWorked: '2026-12-01T00:00:00.000Z' });
    const r = await call(b.client, 'update_time_entry', { id, dateWorked: '2026-11-28' });
    expect(textOf(r)).toMatch(/dateWorked \(2026-11-28\) must be the day the entry starts: startDateTime 2026-11-30T19:30:00-05:00 is on 2026-12-01 or 2026-11-30/);
  });

  it('18:30-19:30 local runs over midnight UTC and is warned about', async () => {
    const p = await preview(b, 'create_time_entry', { ...base, startDateTime: '2026-11-30T18:30', endDateTime: '2026-11-30T19:30' });
    expect(p.warnings.join(' ')).toMatch(/runs over midnight UTC \(2026-11-30T19:00:00-05:00/);
  });
});

describe('DST changes', () => {
  describe('America/New_York, 1 November 2026 (25 hours)', () => {
    const n = useHarness({ env: { AUTOTASK_TIME_ZONE: 'America/New_York' } });
    it('00:30 EDT to 03:00 EST is 3.5 hours on 1 November', async () => {
      const p = await preview(n, 'create_time_entry', { ...base, startDateTime: '2026-11-01T00:30', endDateTime: '2026-11-01T03:00' });
      expect(p.request.body).toMatchObject({ dateWorked: '2026-11-01T00:00:00.000Z', startDateTime: '2026-11-01T04:30:00.000Z', endDateTime: '2026-11-01T08:00:00.000Z', hoursWorked: 3.5 });
    });
  });

  describe('Europe/Berlin, 25 October 2026', () => {
    const e = useHarness({ env: { AUTOTASK_TIME_ZONE: 'Europe/Berlin' } });
    it('01:00 CEST to 04:00 CET is 4 hours, runs over midnight UTC, and is logged on 25 October', async () => {
      const p = await preview(e, 'create_time_entry', { ...base, startDateTime: '2026-10-25T01:00', endDateTime: '2026-10-25T04:00' });
      expect(p.request.body).toMatchObject({ dateWorked: '2026-10-25T00:00:00.000Z', startDateTime: '2026-10-24T23:00:00.000Z', endDateTime: '2026-10-25T03:00:00.000Z', hoursWorked: 4 });
      expect(p.warnings.join(' ')).toMatch(/runs over midnight UTC \(2026-10-25T02:00:00\+02:00, tenant time zone Europe\/Berlin\)/);
    });
  });
});
