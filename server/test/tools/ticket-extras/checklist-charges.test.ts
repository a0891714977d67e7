/**
 * Ticket checklists and charges over MCP against the demo tenant: the one filter each list
 * sends, labels and names, the documented cap refused before anything is sent, and writes
 * through the ticket (Tickets/{id}/ChecklistItems, Tickets/{id}/Charges) confirmed exactly once.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { SeedRecord } from '../../../src/fake/types.js';
import { call, filterOf, sent, structured, textOf } from '../tickets/support.js';
import { nameOf } from '../results/support.js';
import { confirm, list, preview, refused, useHarness } from '../companies/flow.js';

const seed = buildDemoSeed();
const recs = (e: string) => seed.records[e];
const items = recs('TicketChecklistItems');
const withItems = (pred: (i: SeedRecord[]) => boolean) => recs('Tickets').find((t) => { const mine = items.filter((i) => i.ticketID === t.id); return mine.length > 0 && pred(mine); })!;
const partlyDone = withItems((mine) => mine.some((i) => i.isCompleted === true) && mine.some((i) => i.isCompleted !== true));
const noItems = recs('Tickets').find((t) => !items.some((i) => i.ticketID === t.id) && t.status !== 5)!;
const charged = recs('Tickets').find((t) => recs('TicketCharges').some((c) => c.ticketID === t.id))!;
const product = recs('Products')[1];

const s = useHarness();

describe('list_checklist_items', () => {
  it('sends one ticketID filter and lists the items in position order, with who completed them', async () => {
    const r = await list(s, 'list_checklist_items', { ticketID: partlyDone.id });
    const reqs = sent(s.h.fake, 'TicketChecklistItems/query', 'POST');
    expect(reqs).toHaveLength(1);
    expect(filterOf(reqs[0])).toEqual([{ op: 'eq', field: 'ticketID', value: partlyDone.id }]);
    const mine = items.filter((i) => i.ticketID === partlyDone.id);
    expect(r.items.map((i) => i.itemName)).toEqual([...mine].sort((a, b) => (a.position as number) - (b.position as number)).map((i) => i.itemName));
    expect(r.done).toBe(mine.filter((i) => i.isCompleted === true).length);
    const completed = r.items.find((i) => i.done === true)!;
    expect(nameOf(r, 'resources', completed.completedByResourceID)).toEqual(expect.any(String));
    expect(r.untrusted).toContain('itemName');
  });

  it('says plainly when a ticket has no checklist, and when the ticket does not exist', async () => {
    const r = await call(s.client, 'list_checklist_items', { ticketID: noItems.id });
    expect(textOf(r)).toMatch(new RegExp(`No checklist items found matching ticket ${noItems.id}`));
    expect(sent(s.h.fake, `Tickets/${noItems.id}`, 'GET')).toHaveLength(1);
    await refused(s, 'list_checklist_items', { ticketID: 1 }, /No ticket with id 1 exists/, 'reads');
  });
});

describe('add_checklist_item and complete_checklist_item', () => {
  it('adds through the ticket, at the end by default, and marks it done with a PATCH of isCompleted only', async () => {
    const args = { ticketID: noItems.id, itemName: 'Check the UPS battery', important: true };
    const p = await preview(s, 'add_checklist_item', args);
    expect(p.request).toEqual({ method: 'POST', path: `Tickets/${noItems.id}/ChecklistItems`, body: { ticketID: noItems.id, itemName: 'Check the UPS battery', isImportant: true } });
    expect(p.summary).toMatch(/at position 1 of 1/);
    const { id } = await confirm(s, 'add_checklist_item', args, p);
    expect(s.h.fake.records('TicketChecklistItems').find((i) => i.id === id)).toMatchObject({ ticketID: noItems.id, isImportant: true });

    s.h.fake.clearRequests();
    const done = await preview(s, 'complete_checklist_item', { id });
    expect(done.request).toEqual({ method: 'PATCH', path: `Tickets/${noItems.id}/ChecklistItems`, body: { id, isCompleted: true } });
    expect(done.changes).toEqual([{ field: 'isCompleted', from: false, to: true }]);
    await confirm(s, 'complete_checklist_item', { id }, done);
    expect(s.h.fake.records('TicketChecklistItems').find((i) => i.id === id)!.isCompleted).toBe(true);
    s.h.fake.clearRequests();
    await refused(s, 'complete_checklist_item', { id }, /already done/, 'reads');
  });

  it('refuses a 41st item and a position past the end before sending anything', async () => {
    const full = recs('Tickets').find((t) => t.id !== noItems.id && !items.some((i) => i.ticketID === t.id) && t.status !== 5 && t.id !== partlyDone.id)!;
    s.h.fake.records('TicketChecklistItems').push(...Array.from({ length: 40 }, (_, k) => ({ id: 90_000_000 + k, ticketID: full.id, itemName: `Step ${k + 1}`, position: k + 1, isCompleted: false })));
    await refused(s, 'add_checklist_item', { ticketID: full.id, itemName: 'One more' }, /already has 40 checklist items, the most Autotask allows \(40\)/, 'reads');
    await refused(s, 'add_checklist_item', { ticketID: partlyDone.id, itemName: 'x', position: 39 }, /position 39 is past the end/, 'reads');
    s.h.fake.clearRequests();
    await refused(s, 'add_checklist_item', { ticketID: partlyDone.id, itemName: '' }, /itemName/);
  });
});

describe('list_ticket_charges and add_ticket_charge', () => {
  it('lists a ticket\'s charges with labels and the billable and unbilled amounts', async () => {
    const r = await list(s, 'list_ticket_charges', { ticketID: charged.id });
    expect(filterOf(sent(s.h.fake, 'TicketCharges/query', 'POST')[0])).toEqual([{ op: 'eq', field: 'ticketID', value: charged.id }]);
    const mine = recs('TicketCharges').filter((c) => c.ticketID === charged.id);
    expect(r.items.map((i) => i.id)).toEqual(mine.map((c) => c.id));
    expect(r.items[0]).toMatchObject({ chargeType: 'Operational', status: expect.any(String), billed: mine[0].isBilled });
    expect(r.billableOnPage).toBe(mine.filter((c) => c.isBillableToCompany).reduce((n, c) => n + (c.billableAmount as number), 0));
  });

  it('takes prices from the product and the tenant\'s default charge type, and says so', async () => {
    const args = { ticketID: charged.id, name: 'Replacement laptop', quantity: 1, productID: product.id, datePurchased: '2026-10-30' };
    const p = await preview(s, 'add_ticket_charge', args);
    expect(p.request).toEqual({
      method: 'POST',
      path: `Tickets/${charged.id}/Charges`,
      body: { ticketID: charged.id, name: 'Replacement laptop', unitQuantity: 1, chargeType: 1, datePurchased: '2026-10-30T00:00:00.000Z', isBillableToCompany: true, productID: product.id, unitPrice: product.unitPrice, unitCost: product.unitCost },
    });
    expect(p.summary).toMatch(/Operational \(1\).*unitPrice .* from product/);
    const { id } = await confirm(s, 'add_ticket_charge', args, p);
    expect(s.h.fake.records('TicketCharges').find((c) => c.id === id)).toMatchObject({ ticketID: charged.id, productID: product.id });
  });

  it('takes a charge type by label, defaults the day to today, and warns about a missing price', async () => {
    const p = await preview(s, 'add_ticket_charge', { ticketID: charged.id, name: 'Cables', quantity: 3, chargeType: 'capitalized' });
    expect(p.request.body).toMatchObject({ chargeType: 2, unitQuantity: 3 });
    expect(p.request.body.datePurchased).toMatch(/^\d{4}-\d\d-\d\dT00:00:00\.000Z$/);
    expect(p.warnings.join(' ')).toMatch(/No unit price/);
  });

  it('refuses an unknown charge type with the valid ones, reading only metadata', async () => {
    await refused(s, 'add_ticket_charge', { ticketID: charged.id, name: 'x', quantity: 1, chargeType: 'Material' }, /"Material" is not a valid TicketCharges\.chargeType\. Valid values: 1=Operational, 2=Capitalized/, 'metadata');
    s.h.fake.clearRequests();
    await refused(s, 'add_ticket_charge', { ticketID: charged.id, name: 'x', quantity: 0 }, /quantity/);
  });

  it('answers a ticket with no charges without an error', async () => {
    const r = structured<{ rows: unknown[] }>(await call(s.client, 'list_ticket_charges', { ticketID: noItems.id }));
    expect(r.rows).toEqual([]);
  });
});
