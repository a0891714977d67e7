/**
 * "Internal" must mean staff only. Tenants with co-managed help desks have a publish value such as
 * "Internal & Co-Managed", which the client's own IT staff can read: it must never be chosen as
 * the internal default, whatever its sort order.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { PicklistValue } from '../../../src/autotask/types.js';
import { pickPublishValue } from '../../../src/tools/notes/visibility.js';
import { preview, useHarness } from '../companies/flow.js';

const value = (v: number, label: string, sortOrder: number): PicklistValue => ({ value: String(v), label, isDefaultValue: false, sortOrder, parentValue: '', isActive: true, isSystem: true });
// A live tenant's TicketNotes values (sandbox log), with the co-managed value sorted first.
const CO_MANAGED = [value(1, 'All Autotask Users', 1), value(4, 'Internal & Co-Managed', 2), value(2, 'Internal Project Team', 3)];

describe('pickPublishValue', () => {
  it('internal never picks a co-managed value, even when it sorts first', () => {
    expect(pickPublishValue(CO_MANAGED, 'internal', 'TicketNotes')).toMatchObject({ value: 2, clientVisible: false });
  });

  it('refuses to guess when the only "internal" value is shared with co-managed users', () => {
    expect(() => pickPublishValue([value(1, 'All Autotask Users', 1), value(4, 'Internal & Co-Managed', 2)], 'internal', 'TicketNotes')).toThrow(/Cannot tell which TicketNotes publish value is internal/);
  });
});

const seed = buildDemoSeed();
seed.picklists.TicketNotes.publish = CO_MANAGED;
const s = useHarness({ seed });

describe('create_note on a co-managed tenant', () => {
  it('a default note is sent with the Internal Project Team value', async () => {
    const p = await preview(s, 'create_note', { parentType: 'ticket', parentId: 41289, text: 'Checked the RAID controller logs.' });
    expect(p.request.body).toMatchObject({ publish: 2 });
    expect(p.warnings).toEqual([]);
  });
});
