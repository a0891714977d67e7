import { expect } from 'vitest';
import { call } from '../fake-helpers.js';
import type { Probe } from './types.js';

const history = (id: number, ticketID: number) => ({ id, ticketID, action: 'Edited', detail: 'Status: New -> In Progress', date: '2024-03-02T09:00:00Z', resourceID: 4002 });
const ofTicket = { op: 'eq', field: 'ticketID', value: 1001 };

export const TICKET_EXTRAS_PROBES: Record<string, Probe> = {
  'extras.history-one-ticket-filter': async ({ fake }) => {
    fake.records('TicketHistory').push(history(1, 1001), history(2, 1002));
    const ok = await call(fake, 'POST', 'TicketHistory/query', { body: { filter: [ofTicket] } });
    expect(ok.status).toBe(200);
    expect(ok.json.items.map((i: { id: number }) => i.id)).toEqual([1]);
    for (const filter of [
      [ofTicket, { op: 'gt', field: 'id', value: 0 }],
      [{ op: 'in', field: 'ticketID', value: [1001, 1002] }],
      [{ op: 'gte', field: 'id', value: 0 }],
      [{ op: 'and', items: [ofTicket] }],
    ]) {
      const r = await call(fake, 'POST', 'TicketHistory/query', { body: { filter } });
      expect(r.status, JSON.stringify(filter)).toBe(400);
      expect(r.json.errors[0]).toMatch(/single ticketID eq/);
    }
  },
  'extras.history-fields-not-queryable': async ({ fake }) => {
    const r = await call(fake, 'POST', 'TicketHistory/query', { body: { filter: [ofTicket], IncludeFields: ['date'] } });
    expect(r.status).toBe(400);
    expect(r.json.errors[0]).toMatch(/IncludeFields: 'date'/);
    expect((await call(fake, 'POST', 'TicketHistory/query', { body: { filter: [{ op: 'eq', field: 'action', value: 'Edited' }] } })).status).toBe(400);
  },
  'extras.checklist-max-40': async ({ fake }) => {
    const add = (n: number) => call(fake, 'POST', 'Tickets/1001/ChecklistItems', { body: { ticketID: 1001, itemName: `Step ${n}` } });
    for (let n = 1; n <= 40; n++) expect((await add(n)).status, `item ${n}`).toBe(200);
    const over = await add(41);
    expect(over.status).toBe(500);
    expect(over.json.errors[0]).toMatch(/40/);
    expect((await call(fake, 'POST', 'Tickets/1002/ChecklistItems', { body: { ticketID: 1002, itemName: 'Other ticket' } })).status).toBe(200);
  },
  'extras.additional-contact-rules': async ({ fake }) => {
    fake.records('Tickets').find((t) => t.id === 1002)!.contactID = 201;
    const add = (ticket: number, contactID: number) => call(fake, 'POST', `Tickets/${ticket}/AdditionalContacts`, { body: { ticketID: ticket, contactID } });
    expect((await add(1001, 201)).status).toBe(200);
    expect((await add(1001, 202)).status).toBe(500); // contact 202 is Bravo Bakery's; ticket 1001 is Acme's
    expect((await add(1002, 201)).status).toBe(500); // already the ticket's contact
    fake.records('Contacts').push(...Array.from({ length: 30 }, (_, i) => ({ id: 300 + i, companyID: 101, firstName: 'C', lastName: String(i), isActive: 1 })));
    for (let i = 0; i < 29; i++) expect((await add(1001, 300 + i)).status).toBe(200);
    const over = await add(1001, 329);
    expect(over.status).toBe(500);
    expect(over.json.errors[0]).toMatch(/30/);
  },
  'extras.secondary-resource-rules': async ({ fake }) => {
    const add = (ticket: number, resourceID: number) => call(fake, 'POST', `Tickets/${ticket}/SecondaryResources`, { body: { ticketID: ticket, resourceID, roleID: 7001 } });
    expect((await add(1004, 4002)).status).toBe(200);
    expect((await add(1004, 4002)).status).toBe(500); // already secondary
    expect((await add(1001, 4002)).status).toBe(500); // 4002 is ticket 1001's primary resource
    expect((await add(1001, 4001)).status).toBe(200);
  },
};
