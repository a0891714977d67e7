/**
 * Assigning tickets: the primary resource's role follows the same rule as time entries and task
 * assignments (time/roles.ts chooseRole): a given role must be one the resource has, a derived
 * role is named in the preview, and the preview shows people by name, not bare ids.
 */
import { describe, expect, it } from 'vitest';
import { preview, refused, useHarness } from '../companies/flow.js';

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
