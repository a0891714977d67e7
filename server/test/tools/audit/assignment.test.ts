/**
 * Assigning tickets: the primary resource's role follows the same rule as time entries and task
 * assignments (time/roles.ts chooseRole): a given role must be one the resource has, a derived
 * role is named in the preview, and the preview shows people by name, not bare ids.
 */
import { describe, expect, it } from 'vitest';
import { confirm, preview, refused, useHarness } from '../companies/flow.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';

const s = useHarness();
const TICKET = 41289; // assigned to Priya Raman (29682904) as Service Desk Technician (29683355)
const PRIYA = 29682904;
const LEVEL1_ONLY = 29682902; // only role 29683355
const SENIOR_ROLE = 29683356;
const LEVEL1_ROLE = 29683355;
const NO_ROLES = 29682914; // account manager: no service desk role

describe('update_ticket assignee and role', () => {
  it('refuses a role the resource does not have, listing the roles it has', async () => {
    await refused(s, 'update_ticket', { id: TICKET, assignedResourceID: LEVEL1_ONLY, assignedResourceRoleID: SENIOR_ROLE }, new RegExp(`Role ${SENIOR_ROLE} is not one of resource ${LEVEL1_ONLY}'s roles.*${LEVEL1_ROLE}`), 'reads');
  });

  it('refuses a role id that does not exist', async () => {
    await refused(s, 'update_ticket', { id: TICKET, assignedResourceID: LEVEL1_ONLY, assignedResourceRoleID: 1 }, /Role 1 is not one of/, 'reads');
  });

  it('refuses a resource without any default role, listing what to give', async () => {
    await refused(s, 'create_ticket', { companyID: 103, title: 'New starter laptop', assignedResourceID: NO_ROLES }, /no default role: give roleID|assignedResourceRoleID/i, 'reads');
  });

  it('derives the role, says which, and shows names in the changes', async () => {
    const p = await preview(s, 'update_ticket', { id: TICKET, assignedResourceID: LEVEL1_ONLY });
    expect(p.request.body).toEqual({ id: TICKET, assignedResourceID: LEVEL1_ONLY });
    const change = p.changes.find((c) => c.field === 'assignedResourceID');
    expect(change?.from).toMatch(new RegExp(`Priya Raman \\(${PRIYA}\\)`));
    expect(change?.to).toMatch(new RegExp(`\\(${LEVEL1_ONLY}\\)`));
    expect(String(change?.to)).not.toBe(String(LEVEL1_ONLY));
    expect(p.summary).toMatch(/Service Desk Technician/);
  });

  it('keeps the current role when the same resource is re-sent without a role', async () => {
    await refused(s, 'update_ticket', { id: TICKET, assignedResourceID: PRIYA }, /already has these values/, 'reads');
  });

  it('create_ticket names the assignee and the role in the summary', async () => {
    const p = await preview(s, 'create_ticket', { companyID: 103, title: 'New starter laptop', assignedResourceID: LEVEL1_ONLY });
    expect(p.request.body).toMatchObject({ assignedResourceID: LEVEL1_ONLY, assignedResourceRoleID: LEVEL1_ROLE });
    expect(p.summary).toMatch(/Service Desk Technician/);
  });
});

describe('update_ticket unassign', () => {
  // A ticket of its own: the confirmed unassignment changes the fake's data.
  const ticket = buildDemoSeed().records.Tickets.find((t) => t.id !== TICKET && typeof t.assignedResourceID === 'number' && typeof t.assignedResourceRoleID === 'number')!;

  it('previews who is unassigned, then PATCHes both assignment fields to null', async () => {
    const args = { id: ticket.id, unassign: true };
    const p = await preview(s, 'update_ticket', args);
    expect(p.request).toEqual({ method: 'PATCH', path: 'Tickets', body: { id: ticket.id, assignedResourceID: null, assignedResourceRoleID: null } });
    const change = p.changes.find((c) => c.field === 'assignedResourceID');
    expect(change?.from).toMatch(new RegExp(`^\\S.* \\(${ticket.assignedResourceID}\\)$`));
    expect(change?.to).toBe('none');
    expect(p.changes.find((c) => c.field === 'assignedResourceRoleID')?.from).toMatch(new RegExp(`${ticket.assignedResourceRoleID}`));
    expect(p.summary).toMatch(/Unassign .+ \(resource \d+, role \d+/);
    await confirm(s, 'update_ticket', args, p);
    const stored = s.h.fake.records('Tickets').find((t) => t.id === ticket.id)!;
    expect(stored.assignedResourceID).toBeNull();
    expect(stored.assignedResourceRoleID).toBeNull();
  });

  it('an unassigned ticket is refused as a no-op', async () => {
    await refused(s, 'update_ticket', { id: ticket.id, unassign: true }, /already has no assigned resource/, 'reads');
  });

  it.each([
    [{ id: TICKET, unassign: true, assignedResourceID: LEVEL1_ONLY }, /unassign=true and assignedResourceID contradict each other/],
    [{ id: TICKET, unassign: true, assignedResourceRoleID: LEVEL1_ROLE }, /unassign=true and assignedResourceRoleID contradict each other/],
  ])('%j contradicts itself and sends nothing', async (args, message) => {
    await refused(s, 'update_ticket', args, message);
  });
});
