import { expect } from 'vitest';
import { call } from '../fake-helpers.js';
import type { Probe } from './types.js';

const B64 = Buffer.from('hello log').toString('base64');

const noteFile = { id: 5002, ticketID: 1001, ticketNoteID: 3001, timeEntryID: null, parentID: 3001, title: 'Shot', fullPath: 'shot.png', attachmentType: 'FILE_ATTACHMENT', publish: 1, data: B64 };
const entryFile = { ...noteFile, id: 5003, ticketNoteID: null, timeEntryID: 6001, parentID: 6001 };
const idsOf = (r: { json: { items: Array<{ id: number }> } }) => r.json.items.map((i) => i.id);

export const ATTACHMENTS_PROBES: Record<string, Probe> = {
  'attachments.root-get-data': async ({ fake }) => {
    const r = await call(fake, 'GET', 'TicketAttachments/5001');
    expect(r.status).toBe(200);
    expect(r.json.items[0]).toMatchObject({ id: 5001, ticketID: 1001, data: B64 });
  },
  'attachments.root-get-items-wrapper': async ({ fake }) => {
    const r = await call(fake, 'GET', 'TicketAttachments/5001');
    expect(Object.keys(r.json)).toEqual(['items']);
    expect(r.json.items).toHaveLength(1);
    expect((await call(fake, 'GET', 'Tickets/1001')).json.item.id).toBe(1001);
  },
  'attachments.root-get-missing-500': async ({ fake }) => {
    const r = await call(fake, 'GET', 'TicketAttachments/5999');
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ errors: ['Attachment could not be found.'] });
    expect((await call(fake, 'GET', 'Tickets/9999')).json).toEqual({ item: null });
  },
  'attachments.child-get-no-data': async ({ fake }) => {
    const r = await call(fake, 'GET', 'Tickets/1001/Attachments/5001');
    expect(r.status).toBe(200);
    expect(r.json.item).toMatchObject({ id: 5001, fullPath: 'log.txt', data: null });
  },
  'attachments.query-no-data': async ({ fake }) => {
    const body = { attachmentType: 'FILE_ATTACHMENT', fullPath: 'a.txt', title: 'A', publish: 1, data: B64 };
    const id = (await call(fake, 'POST', 'Tickets/1002/Attachments', { body })).json.itemId;
    const r = await call(fake, 'POST', 'TicketAttachments/query', { body: { filter: [{ op: 'eq', field: 'ticketID', value: 1002 }] } });
    expect(r.json.items).toEqual([expect.objectContaining({ id, data: null, fileSize: 9 })]);
  },
  'attachments.query-needs-entity-id': async ({ fake }) => {
    for (const [entity, idField] of [['TicketAttachments', 'ticketID'], ['ProjectAttachments', 'projectID'], ['CompanyAttachments', 'companyID']]) {
      const r = await call(fake, 'POST', `${entity}/query`, { body: { filter: [{ op: 'eq', field: 'parentID', value: 1001 }] } });
      expect(r.status, entity).toBe(500);
      expect(r.json.errors[0]).toContain(idField);
      expect((await call(fake, 'POST', `${entity}/query/count`, { body: { filter: [{ op: 'gte', field: 'id', value: 0 }] } })).status).toBe(500);
      expect((await call(fake, 'POST', `${entity}/query`, { body: { filter: [{ op: 'eq', field: idField, value: 1001 }] } })).status).toBe(200);
    }
  },
  'attachments.ticket-query-includes-children': async ({ fake }) => {
    fake.records('TicketAttachments').push(noteFile, entryFile);
    const r = await call(fake, 'POST', 'TicketAttachments/query', { body: { filter: [{ op: 'eq', field: 'ticketID', value: 1001 }] } });
    expect(idsOf(r)).toEqual([5001, 5002, 5003]);
    const other = await call(fake, 'POST', 'TicketAttachments/query', { body: { filter: [{ op: 'eq', field: 'ticketID', value: 1002 }] } });
    expect(idsOf(other)).toEqual([]);
  },
  'attachments.project-query-includes-notes': async ({ fake }) => {
    fake.records('Projects').push({ id: 7001, projectName: 'P', companyID: 101, status: 1 });
    fake.records('ProjectNotes').push({ id: 7101, projectID: 7001, title: 'N', description: 'd', noteType: 1, publish: 1 });
    fake.records('ProjectAttachments').push(
      { id: 7201, projectID: 7001, projectNoteID: null, parentID: 7001, title: 'Plan', fullPath: 'plan.txt', attachmentType: 'FILE_ATTACHMENT', publish: 1 },
      { id: 7202, projectID: null, projectNoteID: 7101, parentID: 7101, title: 'Minutes', fullPath: 'minutes.txt', attachmentType: 'FILE_ATTACHMENT', publish: 1 },
    );
    const r = await call(fake, 'POST', 'ProjectAttachments/query', { body: { filter: [{ op: 'eq', field: 'projectID', value: 7001 }] } });
    expect(idsOf(r)).toEqual([7201, 7202]);
  },
  'attachments.entity-id-over-parent-id': async ({ fake }) => {
    fake.records('TicketAttachments').push(noteFile);
    const both = { filter: [{ op: 'eq', field: 'ticketID', value: 1001 }, { op: 'eq', field: 'parentID', value: 1001 }] };
    expect(idsOf(await call(fake, 'POST', 'TicketAttachments/query', { body: both }))).toEqual([5001, 5002]);
    // Other conditions still apply.
    const withId = { filter: [{ op: 'eq', field: 'ticketID', value: 1001 }, { op: 'eq', field: 'id', value: 5002 }] };
    expect(idsOf(await call(fake, 'POST', 'TicketAttachments/query', { body: withId }))).toEqual([5002]);
  },
  'attachments.child-files-in-root': async ({ fake }) => {
    fake.records('TicketAttachments').push({ ...noteFile, ticketID: null }, { ...entryFile, ticketID: null });
    const r = await call(fake, 'POST', 'TicketAttachments/query', { body: { filter: [{ op: 'eq', field: 'ticketID', value: 1001 }] } });
    expect(idsOf(r)).toEqual([5001, 5002, 5003]);
    // The wire keeps what is stored: ticketID null, the note / entry and parentID = that record.
    expect(r.json.items[1]).toMatchObject({ ticketID: null, ticketNoteID: 3001, parentID: 3001 });
    expect((await call(fake, 'GET', 'TicketAttachments/5002')).json.items[0]).toMatchObject({ ticketNoteID: 3001, data: B64 });
    const mirrored = await call(fake, 'POST', 'TicketNoteAttachments/query', { body: { filter: [{ op: 'eq', field: 'ticketNoteID', value: 3001 }] } });
    expect(idsOf(mirrored)).toEqual([]);
  },
};
