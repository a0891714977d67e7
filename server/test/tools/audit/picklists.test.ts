/**
 * Picklist inputs as a technician's agent gives them: labels in any casing work; values the tenant
 * has deactivated are refused on writes (Autotask rejects them) while searches still find old
 * records that carry them; and open-only combined with a closed status is a contradiction that
 * is refused instead of silently answering "no results".
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { PicklistValue } from '../../../src/autotask/types.js';
import { expectSent } from '../tickets/support.js';
import { list, preview, refused, useHarness } from '../companies/flow.js';

const seed = buildDemoSeed();
const inactive = (value: number, label: string): PicklistValue => ({ value: String(value), label, isDefaultValue: false, sortOrder: 99, parentValue: '', isActive: false, isSystem: false });
seed.picklists.Tasks.status.push(inactive(11, 'Blocked (old)'));
seed.picklists.Companies.companyType.push(inactive(12, 'Reseller (old)'));
seed.picklists.TicketNotes.noteType.push(inactive(40, 'Legacy Note'));
const s = useHarness({ seed });

const TICKET = 41289;
const TASK = seed.records.Tasks[0];

describe('inactive picklist values', () => {
  it('update_ticket refuses an inactive status by label, listing the active ones', async () => {
    const text = await refused(s, 'update_ticket', { id: TICKET, status: 'waiting materials' }, /Waiting Materials.*inactive/i, 'reads');
    expect(text).toMatch(/In Progress/);
    expect(text).not.toMatch(/9=Waiting Materials/);
  });

  it('create_ticket refuses an inactive status given by id', async () => {
    await refused(s, 'create_ticket', { companyID: 103, title: 'Printer jam', status: 9 }, /inactive/i, 'reads');
  });

  it('create_task, create_company and create_note refuse inactive values too', async () => {
    await refused(s, 'create_task', { projectID: TASK.projectID, title: 'Cable the rack', status: 'Blocked (old)' }, /inactive/i, 'reads');
    await refused(s, 'create_company', { companyName: 'Zed Ltd', phone: '0117 000 0000', ownerResourceID: 29682914, companyType: 'reseller (old)' }, /inactive/i, 'reads');
    await refused(s, 'create_note', { parentType: 'ticket', parentId: TICKET, text: 'x', noteType: 'Legacy Note' }, /inactive/i, 'reads');
  });

  it('update_entity refuses an inactive picklist label', async () => {
    await refused(s, 'update_entity', { entity: 'Tickets', id: TICKET, fields: { status: 'Waiting Materials' } }, /inactive/i, 'reads');
  });

  it('an active label in any casing still works on writes', async () => {
    const p = await preview(s, 'update_ticket', { id: TICKET, status: 'waiting customer' });
    expect(p.request.body).toEqual({ id: TICKET, status: 7 });
  });

  it('searches still accept an inactive status (old tickets carry it)', async () => {
    await list(s, 'search_tickets', { status: 'Waiting Materials' });
    expectSent(s.h.fake, 'Tickets/query', [{ op: 'eq', field: 'status', value: 9 }]);
  });
});

describe('openOnly with a closed status is refused, not answered with an empty list', () => {
  it('search_tickets status Complete + openOnly', async () => {
    await refused(s, 'search_tickets', { status: 'complete', openOnly: true }, /Complete.*closed.*openOnly/i, 'metadata');
  });

  it('search_tickets with one open and one closed status + openOnly', async () => {
    await refused(s, 'search_tickets', { status: ['In Progress', 'Cancelled'], openOnly: true }, /Cancelled/, 'metadata');
  });

  it('search_tasks and search_projects too', async () => {
    await refused(s, 'search_tasks', { status: 'Complete', openOnly: true }, /Complete.*closed.*openOnly/i, 'metadata');
    await refused(s, 'search_projects', { status: 5, openOnly: true }, /Complete.*closed.*openOnly/i, 'metadata');
  });

  it('an open status with openOnly is fine', async () => {
    const r = await list(s, 'search_tickets', { status: 'In Progress', openOnly: true, limit: 5 });
    expect(r.items.length).toBeGreaterThan(0);
    expect(r.items.every((t) => t.status === 'In Progress')).toBe(true);
  });
});
