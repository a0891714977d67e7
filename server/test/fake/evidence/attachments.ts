import { expect } from 'vitest';
import { call } from '../fake-helpers.js';
import type { Probe } from './types.js';

const B64 = Buffer.from('hello log').toString('base64');

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
};
