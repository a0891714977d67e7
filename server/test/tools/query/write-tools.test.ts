/**
 * Generic writes over MCP: routes (root and parent), bodies checked before any preview, update
 * previews with current -> new values, deletes only where Autotask allows them. Each write is
 * confirmed with its token and must reach the fake exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { leakedSentinels, startHarness, type Harness } from '../../helpers/harness.js';
import { call, writeRequests, type CallResult } from '../framework/call.js';

let h: Harness;
let client: Client;
beforeAll(async () => {
  h = await startHarness();
  client = await h.connect();
});
afterAll(async () => {
  await h?.close();
  expect(leakedSentinels(h.logs)).toEqual([]);
});

/** Preview, check nothing was written, confirm, and return both results plus the one write request. */
async function previewAndConfirm(name: string, args: Record<string, unknown>) {
  h.fake.clearRequests();
  const preview = await call(client, name, args);
  expect(preview.isError, preview.text).toBe(false);
  expect(preview.structured.status).toBe('confirmation_required');
  expect(writeRequests(h.fake.requests)).toEqual([]);
  const done = await call(client, name, { ...args, confirmationToken: preview.structured.confirmationToken });
  expect(done.isError, done.text).toBe(false);
  const writes = writeRequests(h.fake.requests);
  expect(writes).toHaveLength(1);
  return { preview, done, write: writes[0] };
}

async function refused(name: string, args: Record<string, unknown>, message: RegExp): Promise<CallResult> {
  h.fake.clearRequests();
  const r = await call(client, name, args);
  expect(r.isError, r.text).toBe(true);
  expect(r.text).toMatch(message);
  expect(r.text).not.toMatch(/confirmationToken=/);
  expect(writeRequests(h.fake.requests)).toEqual([]);
  return r;
}

describe('create_entity', () => {
  it('creates a ticket at the root route with picklist labels resolved', async () => {
    const company = h.fake.records('Companies')[3];
    const { preview, done, write } = await previewAndConfirm('create_entity', {
      entity: 'Tickets',
      fields: { title: 'VPN drops every hour', companyID: company.id, status: 'New', priority: 'high', queueID: 'Service Desk', dueDateTime: '2026-11-05T17:00:00+01:00' },
    });
    const body = { title: 'VPN drops every hour', companyID: company.id, status: 1, priority: 1, queueID: 29683354, dueDateTime: '2026-11-05T16:00:00Z' };
    expect(preview.structured.request).toEqual({ method: 'POST', path: 'Tickets', body });
    expect(write).toMatchObject({ method: 'POST', route: 'Tickets', body });
    const id = done.structured.id as number;
    expect(done.structured).toMatchObject({ status: 'done', operation: 'create', entity: 'Tickets' });
    expect(h.fake.records('Tickets').find((t) => t.id === id)).toMatchObject({ title: 'VPN drops every hour', status: 1 });
  });

  it("a ticket with neither queue nor assignee is refused by Autotask, and the model reads the reason and the fix", async () => {
    const company = h.fake.records('Companies')[3];
    const args = { entity: 'Tickets', fields: { title: 'Nobody owns me', companyID: company.id, status: 1, priority: 2 } };
    h.fake.clearRequests();
    const preview = await call(client, 'create_entity', args);
    const done = await call(client, 'create_entity', { ...args, confirmationToken: preview.structured.confirmationToken });
    expect(done.isError).toBe(true);
    expect(done.text).toMatch(/Autotask rejected POST Tickets \(HTTP 500\)/);
    expect(done.text).toContain('Autotask said: assignedResourceID, assignedResourceRoleID, and queueID cannot all be empty. Supply a queueID or both an assignedResourceID and assignedResourceRoleID.');
    expect(done.text).toMatch(/Fix the arguments as the message says/);
  });

  it('creates a note through its parent route, never a root route', async () => {
    const ticket = h.fake.records('Tickets')[0];
    await refused('create_entity', { entity: 'TicketNotes', fields: { description: 'x', noteType: 1, publish: 2 } }, /TicketNotes can only be created through its parent: POST Tickets\/\{parentId\}\/Notes. Give parentId/);
    const { preview, write } = await previewAndConfirm('create_entity', {
      entity: 'TicketNotes',
      parentId: ticket.id,
      fields: { title: 'Called user', description: 'Walked through the VPN reset.', noteType: 'Internal Technical Note', publish: 'Internal Project Team' },
    });
    expect(preview.structured.request.path).toBe(`Tickets/${ticket.id}/Notes`);
    // publish 2 is "Internal Project Team" in the demo tenant: no publish warning (client-visible values get one).
    expect(preview.structured.warnings).toEqual([]);
    expect(write).toMatchObject({ method: 'POST', route: `Tickets/${ticket.id}/Notes`, body: { title: 'Called user', description: 'Walked through the VPN reset.', noteType: 3, publish: 2, ticketID: ticket.id } });
  });

  it("an untitled ticket note is refused by a title-requiring tenant, and the model reads Autotask's reason and what to do", async () => {
    const ticket = h.fake.records('Tickets')[0];
    const args = { entity: 'TicketNotes', parentId: ticket.id, fields: { description: 'No title given.', noteType: 1, publish: 2 } };
    h.fake.clearRequests();
    const preview = await call(client, 'create_entity', args);
    const done = await call(client, 'create_entity', { ...args, confirmationToken: preview.structured.confirmationToken });
    expect(done.isError).toBe(true);
    expect(done.text).toMatch(/Autotask rejected POST Tickets\/\d+\/Notes \(HTTP 500\)/);
    expect(done.text).toMatch(/Autotask said: .*[Tt]itle is required/);
    expect(done.text).toMatch(/Fix the arguments as the message says/);
    expect(writeRequests(h.fake.requests)).toHaveLength(1);
  });

  it('creates a time entry at the root TimeEntries route', async () => {
    const te = h.fake.records('TimeEntries').find((t) => t.ticketID)!;
    const fields = { ticketID: te.ticketID, resourceID: te.resourceID, roleID: te.roleID, dateWorked: '2026-10-30', startDateTime: '2026-10-30T09:00:00Z', endDateTime: '2026-10-30T10:00:00Z', hoursWorked: 1, summaryNotes: 'Checked backups' };
    const { write } = await previewAndConfirm('create_entity', { entity: 'TimeEntries', fields });
    expect(write.route).toBe('TimeEntries');
  });

  it('refuses unknown, read-only, mistyped and missing fields before any preview', async () => {
    const base = { entity: 'Tickets', fields: { title: 't', companyID: 0, status: 1, priority: 1 } };
    await refused('create_entity', { ...base, fields: { ...base.fields, companyId2: 1 } }, /companyId2: Tickets has no such field. Did you mean "companyID"/);
    await refused('create_entity', { ...base, fields: { ...base.fields, createDate: '2026-01-01' } }, /createDate: read-only \(Autotask sets it itself\); remove it/);
    await refused('create_entity', { ...base, fields: { ...base.fields, estimatedHours: 'two' } }, /estimatedHours expects number/);
    await refused('create_entity', { ...base, fields: { title: 't' } }, /missing required field\(s\): companyID \(integer id of a Company\), priority .*status/);
    await refused('create_entity', { ...base, fields: { ...base.fields, id: 5 } }, /id: Autotask assigns the id/);
    await refused('create_entity', { ...base, fields: { ...base.fields, status: 'Finished' } }, /status: "Finished" is not a valid Tickets.status. Valid values: 1=New/);
    await refused('create_entity', { entity: 'Invoices', fields: {} }, /Autotask does not allow create on Invoices/);
    await refused('create_entity', { ...base, parentId: 3 }, /Tickets has no parent route for create; omit parentId/);
  });

  it('accepts create-only fields on create (Contracts.companyID) and requires them', async () => {
    const fields = { contractName: 'Backup service', contractType: 7, status: 1, startDate: '2026-11-01', endDate: '2027-10-31', timeReportingRequiresStartAndStopTimes: 0 };
    await refused('create_entity', { entity: 'Contracts', fields }, /missing required field\(s\): companyID/);
    const { write } = await previewAndConfirm('create_entity', { entity: 'Contracts', fields: { ...fields, companyID: 103 } });
    expect(write.body).toMatchObject({ companyID: 103, contractType: 7, startDate: '2026-11-01T00:00:00Z' });
  });
});

describe('update_entity', () => {
  it('previews current -> new values and sends only changed fields', async () => {
    const ticket = h.fake.records('Tickets').find((t) => t.status !== 5 && t.priority !== 4)!;
    const before = ticket.priority; // the fake's record object changes once the write executes
    const { preview, write } = await previewAndConfirm('update_entity', {
      entity: 'Tickets',
      id: ticket.id,
      fields: { priority: 'Critical', title: ticket.title, status: String(ticket.status) },
    });
    expect(preview.structured.changes).toEqual([{ field: 'priority', from: before, to: 4 }]);
    expect(preview.text).toContain(`Change priority: ${before} -> 4`);
    expect(write).toMatchObject({ method: 'PATCH', route: 'Tickets', body: { id: ticket.id, priority: 4 } });
    expect(h.fake.records('Tickets').find((t) => t.id === ticket.id)!.priority).toBe(4);
  });

  it('says so when nothing would change', async () => {
    const ticket = h.fake.records('Tickets')[5];
    await refused('update_entity', { entity: 'Tickets', id: ticket.id, fields: { status: ticket.status } }, /already has these values; nothing would change/);
  });

  it('updates a note through its parent, taking the parent id from the note', async () => {
    const note = h.fake.records('TicketNotes')[2];
    const { write } = await previewAndConfirm('update_entity', { entity: 'TicketNotes', id: note.id, fields: { title: 'Edited title' } });
    expect(write).toMatchObject({ method: 'PATCH', route: `Tickets/${note.ticketID}/Notes`, body: { id: note.id, title: 'Edited title' } });
    await refused('update_entity', { entity: 'TicketNotes', id: note.id, parentId: Number(note.ticketID) + 1, fields: { title: 'x' } }, new RegExp(`belongs to Tickets ${note.ticketID}`));
  });

  it('changes a UDF, showing its old value', async () => {
    const company = h.fake.records('Companies').find((c) => (c.userDefinedFields as Array<{ name: string; value: string | null }>)?.some((u) => u.name === 'Customer Tier' && u.value === 'Gold'))!;
    const { preview, write } = await previewAndConfirm('update_entity', { entity: 'Companies', id: company.id, fields: {}, userDefinedFields: [{ name: 'customer tier', value: 'Silver' }] });
    expect(preview.structured.changes).toEqual([{ field: 'udf:Customer Tier', from: 'Gold', to: 'Silver' }]);
    expect(write.body).toEqual({ id: company.id, userDefinedFields: [{ name: 'Customer Tier', value: 'Silver' }] });
  });

  it('refuses read-only and create-only fields, missing records and unsupported entities', async () => {
    const contract = h.fake.records('Contracts')[0];
    await refused('update_entity', { entity: 'Contracts', id: contract.id, fields: { companyID: 103 } }, /companyID: can only be set when the record is created/);
    await refused('update_entity', { entity: 'Tickets', id: 41000, fields: { ticketNumber: 'T1', lastActivityDate: '2026-01-01' } }, /lastActivityDate: read-only/);
    await refused('update_entity', { entity: 'Tickets', id: 999999, fields: { title: 'x' } }, /There is no Tickets record with id 999999/);
    await refused('update_entity', { entity: 'AttachmentInfo', id: 1, fields: { title: 'x' } }, /Autotask does not allow update on AttachmentInfo. It is read-only through the API/);
    await refused('update_entity', { entity: 'Tickets', id: 41000, fields: { title: null } }, /title: required on Tickets, it cannot be cleared/);
  });
});

describe('delete_entity', () => {
  it('deletes a time entry at the root route, once', async () => {
    const te = h.fake.records('TimeEntries')[10];
    const { preview, write } = await previewAndConfirm('delete_entity', { entity: 'TimeEntries', id: te.id });
    expect(preview.structured.warnings).toEqual(['Deletion is permanent: Autotask has no undo.']);
    expect(write).toMatchObject({ method: 'DELETE', route: `TimeEntries/${te.id}` });
    expect(h.fake.records('TimeEntries').some((t) => t.id === te.id)).toBe(false);
  });

  it('deletes a contact through its company', async () => {
    const contact = h.fake.records('Contacts')[20];
    const { write } = await previewAndConfirm('delete_entity', { entity: 'Contacts', id: contact.id });
    expect(write).toMatchObject({ method: 'DELETE', route: `Companies/${contact.companyID}/Contacts/${contact.id}` });
  });

  it('refuses entities Autotask cannot delete, and missing records', async () => {
    await refused('delete_entity', { entity: 'Tickets', id: 41000 }, /Autotask does not allow delete on Tickets. It allows: create, update/);
    await refused('delete_entity', { entity: 'TimeEntries', id: 1 }, /There is no TimeEntries record with id 1/);
  });
});
