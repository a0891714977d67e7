import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeAutotask } from '../../src/fake/types.js';
import { buildTestSeed, call, startTestFake } from './fake-helpers.js';

let fake: FakeAutotask;
beforeEach(async () => {
  fake = await startTestFake();
});
afterEach(async () => {
  await fake.close();
});

// A queue too: Autotask refuses a ticket with neither a queue nor an assigned resource and role.
const newTicket = { title: 'Monitor flickers', companyID: 101, status: 1, priority: 2, queueID: 29682833 };

describe('get by id', () => {
  it('answers {item} and {item:null}', async () => {
    const hit = await call(fake, 'GET', 'Tickets/1002');
    expect(hit.status).toBe(200);
    expect(hit.json.item.title).toBe('VPN drops');
    const miss = await call(fake, 'GET', 'Tickets/999999');
    expect(miss.status).toBe(200);
    expect(miss.json).toEqual({ item: null });
  });

  it('has no list endpoint and no PATCH/PUT on /{id}', async () => {
    expect((await call(fake, 'GET', 'Tickets')).status).toBe(405);
    const patch = await call(fake, 'PATCH', 'Tickets/1001', { body: { id: 1001, title: 'x' } });
    expect(patch.status).toBe(405);
    // ASP.NET's routing answer, not Autotask's errors[] (WYRE-AI/autotask-mcp PR #170).
    expect(patch.json).toEqual({ Message: "The requested resource does not support http method 'PATCH'." });
    expect((await call(fake, 'PUT', 'Tickets/1001', { body: { id: 1001 } })).status).toBe(405);
  });

  it('every 405 is the bare {Message} body naming the method, with no errors[]', async () => {
    const cases: Array<[string, string]> = [['GET', 'Tickets'], ['DELETE', 'Tickets/1001'], ['PUT', 'Tickets/1001'], ['POST', 'ThresholdInformation'], ['PATCH', 'Version']];
    for (const [method, path] of cases) {
      const r = await call(fake, method, path, method === 'GET' || method === 'DELETE' ? {} : { body: { id: 1001 } });
      expect({ method, path, status: r.status, json: r.json }).toEqual({ method, path, status: 405, json: { Message: `The requested resource does not support http method '${method}'.` } });
    }
  });

  it('404s unknown entities and paths', async () => {
    expect((await call(fake, 'GET', 'Widgets/1')).status).toBe(404);
    expect((await call(fake, 'GET', 'Tickets/abc')).status).toBe(404);
    const r = await call(fake, 'GET', 'Tickets/1001/Notes/3001/extra/more');
    expect(r.status).toBe(404);
    expect(r.json.errors).toHaveLength(1);
  });
});

describe('create, update, delete on root routes', () => {
  it('creates a ticket with generated fields', async () => {
    const r = await call(fake, 'POST', 'Tickets', { body: newTicket });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ itemId: 1013 });
    const item = (await call(fake, 'GET', 'Tickets/1013')).json.item;
    expect(item).toMatchObject({
      ...newTicket,
      id: 1013,
      ticketNumber: 'T20240305.0001',
      createDate: '2024-03-05T10:00:00.000Z',
      lastActivityDate: '2024-03-05T10:00:00.000Z',
      creatorResourceID: 4001,
      description: null,
    });
    expect(item.userDefinedFields).toEqual([
      { name: 'Customer Ranking', value: null },
      { name: 'Escalations', value: null },
    ]);
    expect((await call(fake, 'POST', 'Tickets', { body: newTicket })).json.itemId).toBe(1014);
    expect((await call(fake, 'GET', 'Tickets/1014')).json.item.ticketNumber).toBe('T20240305.0002');
  });

  it('ignores read-only fields and id 0 on create', async () => {
    const r = await call(fake, 'POST', 'Tickets', { body: { ...newTicket, id: 0, createDate: '2000-01-01T00:00:00Z', creatorResourceID: 4002 } });
    const item = (await call(fake, 'GET', `Tickets/${r.json.itemId}`)).json.item;
    expect(item.createDate).toBe('2024-03-05T10:00:00.000Z');
    expect(item.creatorResourceID).toBe(4001);
  });

  it.each([
    ['an unknown field', { ...newTicket, colour: 'red' }, /Unable to find field 'colour'/],
    ['a missing required field', { title: 'x', companyID: 101, status: 1 }, /Missing required field\(s\) on Tickets: priority/],
    ['a picklist value the tenant lacks', { ...newTicket, status: 42 }, /Invalid picklist value 42 for Tickets.status.*1=New/],
    ['a reference to a missing company', { ...newTicket, companyID: 999 }, /companyID: no Company with id 999/],
    ['a string for an integer', { ...newTicket, priority: '2' }, /expected an integer/],
    ['a string for a boolean', { ...newTicket, isAssignedToComanaged: 'true' }, /expected true or false/],
    ['a bad date', { ...newTicket, dueDateTime: 'tomorrow' }, /ISO 8601/],
    ['an unknown UDF', { ...newTicket, userDefinedFields: [{ name: 'Shoe Size', value: '9' }] }, /not a user-defined field/],
    ['a title over its length', { ...newTicket, title: 'x'.repeat(256) }, /limited to 255/],
  ])('rejects %s with 500 errors[]', async (_name, body, message) => {
    const r = await call(fake, 'POST', 'Tickets', { body });
    expect(r.status).toBe(500);
    expect(r.json.errors[0]).toMatch(message);
    expect(fake.records('Tickets')).toHaveLength(12);
  });

  it('refuses a ticket with neither a queue nor a resource and role, in Autotask\'s words', async () => {
    const { queueID: _q, ...noQueue } = newTicket;
    const none = await call(fake, 'POST', 'Tickets', { body: noQueue });
    expect(none.status).toBe(500);
    expect(none.json).toEqual({ errors: ['assignedResourceID, assignedResourceRoleID, and queueID cannot all be empty. Supply a queueID or both an assignedResourceID and assignedResourceRoleID.'] });
    const pairError = 'When assigning a Resource, you must assign both a assignedResourceID and assignedResourceRoleID.';
    const resourceOnly = await call(fake, 'POST', 'Tickets', { body: { ...noQueue, assignedResourceID: 4002 } });
    expect(resourceOnly.status).toBe(500);
    expect(resourceOnly.json.errors).toEqual([pairError]);
    expect((await call(fake, 'POST', 'Tickets', { body: { ...newTicket, assignedResourceID: 4002 } })).json.errors).toEqual([pairError]);
    expect((await call(fake, 'POST', 'Tickets', { body: { ...noQueue, assignedResourceRoleID: 7001 } })).json.errors).toEqual([pairError]);
    expect(fake.records('Tickets')).toHaveLength(12);
    expect((await call(fake, 'POST', 'Tickets', { body: { ...noQueue, assignedResourceID: 4002, assignedResourceRoleID: 7001 } })).status).toBe(200);
    expect((await call(fake, 'POST', 'Tickets', { body: newTicket })).status).toBe(200);
  });

  it('rejects a bodyless create and malformed JSON', async () => {
    expect((await call(fake, 'POST', 'Tickets')).status).toBe(500);
    expect((await call(fake, 'POST', 'Tickets', { rawBody: '{title:' })).status).toBe(400);
  });

  it('PATCH changes only the given fields and merges UDFs', async () => {
    const r = await call(fake, 'PATCH', 'Tickets', { body: { id: 1001, status: 5, userDefinedFields: [{ name: 'Escalations', value: 2 }] } });
    expect(r.json).toEqual({ itemId: 1001 });
    const item = (await call(fake, 'GET', 'Tickets/1001')).json.item;
    expect(item).toMatchObject({ status: 5, title: 'Printer offline', priority: 1, lastActivityDate: '2024-03-05T10:00:00.000Z' });
    expect(item.userDefinedFields).toEqual([
      { name: 'Customer Ranking', value: 'Golden' },
      { name: 'Escalations', value: '2' },
    ]);
  });

  it('PATCH cannot null a required field and needs an existing id', async () => {
    expect((await call(fake, 'PATCH', 'Tickets', { body: { id: 1001, title: null } })).json.errors[0]).toMatch(/title/);
    expect((await call(fake, 'PATCH', 'Tickets', { body: { id: 777, title: 'x' } })).status).toBe(500);
    expect((await call(fake, 'PATCH', 'Tickets', { body: { title: 'x' } })).json.errors[0]).toMatch(/"id"/);
  });

  it('PUT replaces: omitted writable fields become null', async () => {
    const r = await call(fake, 'PUT', 'Tickets', { body: { id: 1006, title: 'Backup fixed', companyID: 101, status: 5, priority: 3 } });
    expect(r.status).toBe(200);
    const item = (await call(fake, 'GET', 'Tickets/1006')).json.item;
    expect(item).toMatchObject({ title: 'Backup fixed', status: 5, estimatedHours: null, ticketNumber: null });
    expect(item.createDate).toBe('2024-03-02T08:00:00Z'); // read-only fields survive
  });

  it('DELETE only where the entity allows it', async () => {
    expect((await call(fake, 'DELETE', 'Tickets/1001')).status).toBe(405);
    const del = await call(fake, 'DELETE', 'TimeEntries/6001');
    expect(del.json).toEqual({ itemId: 6001 });
    expect((await call(fake, 'GET', 'TimeEntries/6001')).json.item).toBeNull();
    const again = await call(fake, 'DELETE', 'TimeEntries/6001');
    expect(again.status).toBe(500);
    expect(again.json.errors[0]).toMatch(/No matching records found/);
  });

  it('checks TimeEntries references against the tenant', async () => {
    const ok = await call(fake, 'POST', 'TimeEntries', { body: { resourceID: 4002, roleID: 7001, ticketID: 1002, hoursWorked: 1 } });
    expect(ok.status).toBe(200);
    const badRole = await call(fake, 'POST', 'TimeEntries', { body: { resourceID: 4002, roleID: 9, ticketID: 1002 } });
    expect(badRole.json.errors[0]).toMatch(/roleID/);
    const badResource = await call(fake, 'POST', 'TimeEntries', { body: { resourceID: 4999, ticketID: 1002 } });
    expect(badResource.json.errors[0]).toMatch(/resourceID/);
  });

  it('Contacts.isActive is an integer: true is refused', async () => {
    const r = await call(fake, 'POST', 'Companies/101/Contacts', { body: { firstName: 'Cy', lastName: 'Borg', isActive: true } });
    expect(r.status).toBe(500);
    expect(r.json.errors[0]).toMatch(/Contacts.isActive: expected an integer/);
  });
});

describe('parent/child routes', () => {
  it('POST /Tickets/{id}/Notes creates a note bound to the ticket; POST /TicketNotes is 405', async () => {
    const r = await call(fake, 'POST', 'Tickets/1002/Notes', { body: { title: 'Update', description: 'Rebooted router', noteType: 1, publish: 1 } });
    expect(r.status).toBe(200);
    const note = (await call(fake, 'GET', `TicketNotes/${r.json.itemId}`)).json.item;
    expect(note).toMatchObject({ ticketID: 1002, creatorResourceID: 4001, createDateTime: '2024-03-05T10:00:00.000Z' });
    const root = await call(fake, 'POST', 'TicketNotes', { body: { ticketID: 1002, description: 'x', noteType: 1, publish: 1 } });
    expect(root.status).toBe(405);
    expect(root.json).toEqual({ Message: "The requested resource does not support http method 'POST'." });
  });

  it('rejects a body FK that contradicts the URL and validates child picklists', async () => {
    const clash = await call(fake, 'POST', 'Tickets/1002/Notes', { body: { ticketID: 1003, description: 'x', noteType: 1, publish: 1 } });
    expect(clash.status).toBe(500);
    expect(clash.json.errors[0]).toMatch(/contradicts/);
    const badType = await call(fake, 'POST', 'Tickets/1002/Notes', { body: { description: 'x', noteType: 9, publish: 1 } });
    expect(badType.json.errors[0]).toMatch(/noteType/);
  });

  it('refuses an untitled ticket note with a 500 when the tenant requires titles (the test seed does)', async () => {
    const body = { description: 'No title', noteType: 1, publish: 1 };
    for (const title of [undefined, null, '', '   ']) {
      const r = await call(fake, 'POST', 'Tickets/1002/Notes', { body: { ...body, title } });
      expect({ title, status: r.status }).toEqual({ title, status: 500 });
      expect(r.json.errors[0]).toMatch(/title/i);
    }
    expect((await call(fake, 'PATCH', 'Tickets/1001/Notes', { body: { id: 3001, title: null } })).status).toBe(500);
    expect((await call(fake, 'PUT', 'Tickets/1001/Notes', { body: { id: 3001, description: 'x', noteType: 1, publish: 1 } })).status).toBe(500);
    expect((await call(fake, 'PATCH', 'Tickets/1001/Notes', { body: { id: 3001, description: 'Title kept' } })).status).toBe(200);
    expect(fake.records('TicketNotes')).toHaveLength(1);
  });

  it('accepts an untitled ticket note on a tenant that does not require titles', async () => {
    const seed = buildTestSeed();
    seed.requireTicketNoteTitles = false;
    const other = await startTestFake({ seed });
    try {
      expect((await call(other, 'POST', 'Tickets/1002/Notes', { body: { description: 'No title', noteType: 1, publish: 1 } })).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('lists and gets children of one parent only', async () => {
    const list = await call(fake, 'GET', 'Tickets/1001/Notes');
    expect(list.json.items.map((n: { id: number }) => n.id)).toEqual([3001]);
    expect((await call(fake, 'GET', 'Tickets/1002/Notes')).json.items).toEqual([]);
    expect((await call(fake, 'GET', 'Tickets/1001/Notes/3001')).json.item.id).toBe(3001);
    expect((await call(fake, 'GET', 'Tickets/1002/Notes/3001')).json.item).toBeNull();
  });

  it('updates through the parent URL with the id in the body, never /{id}', async () => {
    const r = await call(fake, 'PATCH', 'Tickets/1001/Notes', { body: { id: 3001, description: 'Edited' } });
    expect(r.json).toEqual({ itemId: 3001 });
    expect(fake.records('TicketNotes')[0]).toMatchObject({ description: 'Edited', ticketID: 1001 });
    expect((await call(fake, 'PATCH', 'Tickets/1001/Notes/3001', { body: { id: 3001 } })).status).toBe(405);
    expect((await call(fake, 'PATCH', 'Tickets/1002/Notes', { body: { id: 3001, description: 'x' } })).status).toBe(500);
    expect((await call(fake, 'PATCH', 'TicketNotes', { body: { id: 3001, description: 'x' } })).status).toBe(405);
  });

  it('404s routes the catalogue lacks and missing parents; 405s operations the route lacks', async () => {
    expect((await call(fake, 'GET', 'Tickets/1001/TimeEntries')).status).toBe(404);
    expect((await call(fake, 'POST', 'Tickets/1001/TimeEntries', { body: {} })).status).toBe(404);
    const orphan = await call(fake, 'POST', 'Tickets/424242/Notes', { body: { description: 'x', noteType: 1, publish: 1 } });
    expect(orphan.status).toBe(404);
    expect(orphan.json.errors[0]).toMatch(/Tickets 424242 does not exist/);
    expect((await call(fake, 'DELETE', 'Tickets/1001/Notes/3001')).status).toBe(405);
  });

  it('creates Contacts under a company (root POST is 405) and deletes them there', async () => {
    expect((await call(fake, 'POST', 'Contacts', { body: { firstName: 'Cy', lastName: 'Borg', isActive: 1 } })).status).toBe(405);
    const r = await call(fake, 'POST', 'Companies/101/Contacts', { body: { firstName: 'Cy', lastName: 'Borg', isActive: 1 } });
    expect(r.status).toBe(200);
    expect((await call(fake, 'GET', `Contacts/${r.json.itemId}`)).json.item.companyID).toBe(101);
    expect((await call(fake, 'DELETE', `Companies/102/Contacts/${r.json.itemId}`)).status).toBe(500);
    expect((await call(fake, 'DELETE', `Companies/101/Contacts/${r.json.itemId}`)).json).toEqual({ itemId: r.json.itemId });
  });
});

describe('attachments', () => {
  it('returns data only through the root GET by id, wrapped as {items:[…]}', async () => {
    const b64 = Buffer.from('hello log').toString('base64');
    expect((await call(fake, 'GET', 'TicketAttachments/5001')).json).toEqual({ items: [expect.objectContaining({ id: 5001, ticketID: 1001, data: b64 })] });
    const q = await call(fake, 'POST', 'TicketAttachments/query', { body: { filter: [{ op: 'eq', field: 'ticketID', value: 1001 }] } });
    expect(q.json.items[0].data).toBeNull();
    expect((await call(fake, 'GET', 'Tickets/1001/Attachments')).json.items[0].data).toBeNull();
    expect((await call(fake, 'GET', 'Tickets/1001/Attachments/5001')).json.item.data).toBeNull();
  });

  it('creates an attachment through the ticket with derived size and parent', async () => {
    const data = Buffer.from('0123456789').toString('base64');
    const r = await call(fake, 'POST', 'Tickets/1002/Attachments', {
      body: { attachmentType: 'FILE_ATTACHMENT', fullPath: 'a.txt', title: 'A', publish: 1, data },
    });
    expect(r.status).toBe(200);
    const item = (await call(fake, 'GET', `TicketAttachments/${r.json.itemId}`)).json.items[0];
    expect(item).toMatchObject({ ticketID: 1002, parentID: 1002, fileSize: 10, data, attachedByResourceID: 4001 });
    const bad = await call(fake, 'POST', 'Tickets/1002/Attachments', { body: { attachmentType: 'FILE_ATTACHMENT', fullPath: 'b', title: 'B', publish: 1, data: 'not base64!' } });
    expect(bad.json.errors[0]).toMatch(/base64/);
  });
});
