/**
 * A write whose body depends on the time (a company note's default activity time) is planned
 * for the moment of the preview, so confirming it a few seconds later, after the hour turned,
 * executes exactly what was previewed instead of refusing the token as "a different request".
 */
import { describe, expect, it } from 'vitest';
import { ConfirmationService } from '../../../src/tools/confirm.js';
import { confirm, preview, useHarness } from '../companies/flow.js';

const s = useHarness();

describe('time-dependent write bodies', () => {
  it('create_note for a company previewed at 10:59:50 and confirmed at 11:00:10 writes the previewed 10:00 note', async () => {
    let clock = Date.parse('2026-10-30T10:59:50Z');
    s.h.deps.confirmations = new ConfirmationService(5 * 60_000, () => clock);
    const args = { parentType: 'company', parentId: 103, text: 'QBR booked for next month.', assignedResourceID: 29682914 };
    const p = await preview(s, 'create_note', args);
    expect(p.request.body).toMatchObject({ startDateTime: '2026-10-30T10:00:00.000Z', endDateTime: '2026-10-30T10:00:00.000Z' });
    clock = Date.parse('2026-10-30T11:00:10Z');
    await confirm(s, 'create_note', args, p);
  });
});

describe('note summaries read as plain English', () => {
  it('says "an internal note "title" (type ...)"', async () => {
    const p = await preview(s, 'create_note', { parentType: 'ticket', parentId: 41289, text: 'Called the client back.' });
    expect(p.summary).toMatch(/^Add an internal \(Internal Project Team\) note "Called the client back\." \(type General\) to ticket T\d{8}\.\d{4}\.$/);
  });
});
