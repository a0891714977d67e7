import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../src/demo/seed.js';
import { startFakeAutotask } from '../../src/fake/server.js';
import type { FakeAutotask } from '../../src/fake/types.js';
import { CREDS, call } from './fake-helpers.js';

let fake: FakeAutotask;
beforeAll(async () => {
  fake = await startFakeAutotask({ credentials: { ...CREDS }, seed: buildDemoSeed() });
});
afterAll(async () => {
  await fake.close();
});

describe('the fake with the demo tenant', () => {
  it('answers a ticket query with paging over the seeded tickets', async () => {
    const total = (await call(fake, 'POST', 'Tickets/query/count', { body: { filter: [{ op: 'exist', field: 'id' }] } })).json.queryCount;
    expect(total).toBeGreaterThan(100);
    const body = { filter: [{ op: 'exist', field: 'id' }], IncludeFields: ['title', 'status'], MaxRecords: 200 };
    let page = await call(fake, 'POST', 'Tickets/query', { body });
    const ids: number[] = [];
    for (;;) {
      expect(page.status).toBe(200);
      ids.push(...page.json.items.map((t: { id: number }) => t.id));
      if (!page.json.pageDetails.nextPageUrl) break;
      page = await call(fake, 'POST', page.json.pageDetails.nextPageUrl, { body });
    }
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
  });

  it('serves the seed picklists and accepts a note on a demo ticket', async () => {
    const fields = (await call(fake, 'GET', 'Tickets/entityInformation/fields')).json.fields as Array<{ name: string; picklistValues: unknown[] | null }>;
    expect(fields.find((f) => f.name === 'status')!.picklistValues!.length).toBeGreaterThan(1);
    const ticket = fake.records('Tickets')[0];
    const noteFields = (await call(fake, 'GET', 'TicketNotes/entityInformation/fields')).json.fields as Array<{ name: string; picklistValues: Array<{ value: string }> | null }>;
    const noteType = Number(noteFields.find((f) => f.name === 'noteType')!.picklistValues![0].value);
    const publish = Number(noteFields.find((f) => f.name === 'publish')!.picklistValues![0].value);
    const r = await call(fake, 'POST', `Tickets/${ticket.id}/Notes`, { body: { title: 'Demo', description: 'From the test', noteType, publish } });
    expect(r.status).toBe(200);
    expect((await call(fake, 'GET', `TicketNotes/${r.json.itemId}`)).json.item.ticketID).toBe(ticket.id);
  });
});
