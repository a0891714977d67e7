/**
 * Sales tools over MCP: opportunity and quote filters as sent, quotes with their items and
 * totals, and the multi-request writes. create_quote previews every request (location, quote,
 * items) in one preview, and the confirm sends exactly those, in order, once; a failure stops the
 * rest and the answer says which steps were done (with ids), which failed and which were not sent.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { SeedRecord } from '../../../src/fake/types.js';
import { call, expectSent, lastFilter, structured, textOf, writes } from '../tickets/support.js';
import { nameOf, rowsOf } from '../results/support.js';
import { confirm, list, preview, refused, sortedIds, useHarness } from '../companies/flow.js';
import type { Wire } from '../../helpers/wire.js';

const seed = buildDemoSeed();
const opps = seed.records.Opportunities;
const quotes = seed.records.Quotes;
const quoteItems = seed.records.QuoteItems;
const idsOf = (rows: SeedRecord[], pred: (r: SeedRecord) => boolean) => rows.filter(pred).map((r) => r.id).sort((a, b) => a - b);
const LAPTOP = 29683600;
const FIELD_ROLE = (seed.records.Roles ?? []).find((r) => r.name === 'Field Engineer')!;
const open = opps.find((o) => o.status === 1)!;
const two = opps.find((o) => quotes.filter((q) => q.opportunityID === o.id).length === 2)!;

const s = useHarness();

describe('search_opportunities and get_opportunity', () => {
  const search = (args: Record<string, unknown>) => list(s, 'search_opportunities', { limit: 500, order: 'oldest', ...args });
  it.each([
    [{ text: 'refresh' }, [{ op: 'contains', field: 'title', value: 'refresh' }], (o: SeedRecord) => /refresh/i.test(String(o.title))],
    [{ companyID: open.companyID }, [{ op: 'eq', field: 'companyID', value: open.companyID }], (o: SeedRecord) => o.companyID === open.companyID],
    [{ ownerResourceID: open.ownerResourceID }, [{ op: 'eq', field: 'ownerResourceID', value: open.ownerResourceID }], (o: SeedRecord) => o.ownerResourceID === open.ownerResourceID],
    [{ status: 'lost' }, [{ op: 'eq', field: 'status', value: 2 }], (o: SeedRecord) => o.status === 2],
    [{ stage: ['Proposal Sent', 'Negotiation'] }, [{ op: 'in', field: 'stage', value: [3, 4] }], (o: SeedRecord) => o.stage === 3 || o.stage === 4],
    [
      { closeAfter: '2026-11-01', closeBefore: '2027-01-01' },
      [
        { op: 'gte', field: 'projectedCloseDate', value: '2026-11-01T00:00:00.000Z' },
        { op: 'lt', field: 'projectedCloseDate', value: '2027-01-01T00:00:00.000Z' },
      ],
      (o: SeedRecord) => String(o.projectedCloseDate) >= '2026-11-01' && String(o.projectedCloseDate) < '2027-01-01',
    ],
  ])('%j sends exactly %j', async (args, filter, pred) => {
    const r = await search(args);
    expect(lastFilter(s.h.fake, 'Opportunities/query')).toEqual(filter);
    expect(sortedIds(r.items)).toEqual(idsOf(opps, pred));
    expect(r.items.length).toBeGreaterThan(0);
    expect(r.items[0]).toMatchObject({ status: expect.any(String), stage: expect.any(String) });
  });

  it('get_opportunity: labels, names and its quotes', async () => {
    const r = structured<Record<string, Wire>>(await call(s.client, 'get_opportunity', { id: two.id }));
    expect(r.opportunity).toMatchObject({ id: two.id, title: two.title, status: 'Active', category: expect.any(String) });
    expect(nameOf(r, 'companies', two.companyID)).toEqual(expect.any(String));
    expect(nameOf(r, 'resources', two.ownerResourceID)).toBe('Lucy Fenton');
    expect(lastFilter(s.h.fake, 'Quotes/query')).toEqual([{ op: 'eq', field: 'opportunityID', value: two.id }]);
    expect(sortedIds(rowsOf(r.quotes))).toEqual(idsOf(quotes, (q) => q.opportunityID === two.id));
    expect(structured(await call(s.client, 'get_opportunity', { id: 1 }))).toEqual({ found: false });
  });

  it('pages newest first, the filter on every page', async () => {
    const active = (o: SeedRecord) => o.status === 1;
    const a = await list(s, 'search_opportunities', { status: 'Active', limit: 2 });
    const b = await list(s, 'search_opportunities', { status: 'Active', limit: 2, cursor: a.nextCursor });
    expect(a.hasMore).toBe(true);
    expect([...a.items, ...b.items].map((o) => o.id)).toEqual(idsOf(opps, active).reverse().slice(0, 4));
    expectSent(s.h.fake, 'Opportunities/query', [{ op: 'eq', field: 'status', value: 1 }]);
  });

  it('refuses bad input', async () => {
    await refused(s, 'search_opportunities', { status: 'Won big' }, /"Won big" is not a valid Opportunities\.status\. Valid values: 1=Active/, 'metadata');
    await refused(s, 'search_opportunities', { closeAfter: '2026-12-01', closeBefore: '2026-11-01' }, /closeAfter .* must be earlier than closeBefore/);
  });
});

describe('search_quotes and get_quote', () => {
  it.each([
    [{ opportunityID: two.id }, [{ op: 'eq', field: 'opportunityID', value: two.id }], (q: SeedRecord) => q.opportunityID === two.id],
    [{ companyID: two.companyID }, [{ op: 'eq', field: 'companyID', value: two.companyID }], (q: SeedRecord) => q.companyID === two.companyID],
    [{ text: 'option' }, [{ op: 'contains', field: 'name', value: 'option' }], (q: SeedRecord) => /option/i.test(String(q.name))],
    [
      { expiresAfter: '2026-10-01', companyID: two.companyID },
      [
        { op: 'eq', field: 'companyID', value: two.companyID },
        { op: 'gte', field: 'expirationDate', value: '2026-10-01T00:00:00.000Z' },
      ],
      (q: SeedRecord) => q.companyID === two.companyID && String(q.expirationDate) >= '2026-10-01',
    ],
    [{ expiresBefore: '2026-10-01' }, [{ op: 'lt', field: 'expirationDate', value: '2026-10-01T00:00:00.000Z' }], (q: SeedRecord) => String(q.expirationDate) < '2026-10-01'],
  ])('%j sends exactly %j', async (args, filter, pred) => {
    const r = await list(s, 'search_quotes', { limit: 500, order: 'oldest', ...args });
    expect(lastFilter(s.h.fake, 'Quotes/query')).toEqual(filter);
    expect(sortedIds(r.items)).toEqual(idsOf(quotes, pred));
    expect(r.items.length).toBeGreaterThan(0);
  });

  it('pages newest first', async () => {
    const a = await list(s, 'search_quotes', { limit: 3 });
    const b = await list(s, 'search_quotes', { limit: 3, cursor: a.nextCursor });
    expect([...a.items, ...b.items].map((q) => q.id)).toEqual(idsOf(quotes, () => true).reverse().slice(0, 6));
  });

  it('get_quote: its items with types, line totals and the total of the items that are not optional', async () => {
    const q = quotes[0];
    const lines = quoteItems.filter((i) => i.quoteID === q.id);
    const r = structured<Record<string, Wire>>(await call(s.client, 'get_quote', { id: q.id }));
    expect(r.quote).toMatchObject({ id: q.id, name: q.name, opportunityID: q.opportunityID, paymentTerm: 'Net 30' });
    const items = rowsOf(r.items);
    expect(sortedIds(items)).toEqual(idsOf(lines, () => true));
    expect(items.map((i) => i.type)).toEqual(expect.arrayContaining(['Product', 'Labor']));
    const expected = lines.filter((l) => !l.isOptional).reduce((n, l) => n + (l.quantity as number) * (l.unitPrice as number) * (1 - (l.percentageDiscount as number) / 100), 0);
    expect(r.total).toBeCloseTo(expected, 2);
    expect(r.total).toBeCloseTo(opps.find((o) => o.id === q.opportunityID)!.amount as number, 2);
  });
});

const quoteArgs = (over: Record<string, unknown> = {}) => ({
  opportunityID: open.id,
  name: 'Laptops and setup',
  effectiveDate: '2026-11-02',
  items: [{ productID: LAPTOP, quantity: 3 }, { roleID: FIELD_ROLE.id, quantity: 4, percentageDiscount: 10 }, { productID: LAPTOP, quantity: 1, unitPrice: 850, isOptional: true }],
  ...over,
});

describe('create_quote', () => {
  it('previews every request in order; the confirm sends exactly those once, each with the ids before it', async () => {
    const p = await preview(s, 'create_quote', quoteArgs());
    const steps = (p as unknown as { steps: Array<{ step: number; method: string; path: string; body: Record<string, Wire> }> }).steps;
    expect(steps.map((x) => `${x.method} ${x.path}`)).toEqual(['POST QuoteLocations', 'POST Quotes', 'POST Quotes/{id from step 2}/Items', 'POST Quotes/{id from step 2}/Items', 'POST Quotes/{id from step 2}/Items']);
    expect(steps[1].body).toMatchObject({ name: 'Laptops and setup', opportunityID: open.id, companyID: open.companyID, effectiveDate: '2026-11-02T00:00:00.000Z', expirationDate: '2026-12-02T00:00:00.000Z', billToLocationID: '{id from step 1}' });
    expect(steps[2].body).toMatchObject({ quoteItemType: 1, productID: LAPTOP, name: 'Business Laptop 14"', quantity: 3, unitPrice: 899, percentageDiscount: 0, quoteID: '{id from step 2}' });
    expect(steps[3].body).toMatchObject({ quoteItemType: 3, laborID: FIELD_ROLE.id, unitPrice: FIELD_ROLE.hourlyRate, percentageDiscount: 10 });
    expect(p.summary).toMatch(/with 3 item\(s\), total 3039 before tax/); // 3 x 899 + 4 x 95 less 10%; the optional item not counted

    const r = await call(s.client, 'create_quote', { ...quoteArgs(), confirmationToken: p.confirmationToken });
    expect(r.isError, textOf(r)).toBeFalsy();
    const w = writes(s.h.fake);
    expect(w.map((x) => x.status)).toEqual([200, 200, 200, 200, 200]);
    const [loc, quote] = [s.h.fake.records('QuoteLocations').at(-1)!, s.h.fake.records('Quotes').at(-1)!];
    expect(w.map((x) => `${x.method} ${x.route}`)).toEqual(['POST QuoteLocations', 'POST Quotes', ...Array(3).fill(`POST Quotes/${quote.id}/Items`)]);
    expect(w[1].body).toEqual({ ...steps[1].body, billToLocationID: loc.id, shipToLocationID: loc.id, soldToLocationID: loc.id });
    expect(w[2].body).toEqual({ ...steps[2].body, quoteID: quote.id });
    const done = structured<Record<string, Wire>>(r);
    expect(done).toMatchObject({ status: 'done', entity: 'Quotes', id: quote.id });
    expect(done.steps.map((x: { entity: string }) => x.entity)).toEqual(['QuoteLocations', 'Quotes', 'QuoteItems', 'QuoteItems', 'QuoteItems']);
    expect(s.h.fake.records('QuoteItems').filter((i) => i.quoteID === quote.id)).toHaveLength(3);
    const audit = s.h.logEvents().filter((e) => e.logger === 'audit' && e.tool === 'create_quote');
    expect(audit.map((e) => `${e.step}/${e.of} ${e.entity}`)).toEqual(['1/5 QuoteLocations', '2/5 Quotes', '3/5 QuoteItems', '4/5 QuoteItems', '5/5 QuoteItems']);

    const again = await call(s.client, 'create_quote', { ...quoteArgs(), confirmationToken: p.confirmationToken });
    expect(textOf(again)).toMatch(/already used/);
    expect(writes(s.h.fake)).toHaveLength(5);
  });

  it('with a locationID sends no location', async () => {
    const loc = quotes[0].billToLocationID as number;
    const p = await preview(s, 'create_quote', quoteArgs({ locationID: loc, items: [{ productID: LAPTOP, quantity: 1 }] }));
    expect(p.request).toMatchObject({ method: 'POST', path: 'Quotes', body: { billToLocationID: loc } });
    await call(s.client, 'create_quote', { ...quoteArgs({ locationID: loc, items: [{ productID: LAPTOP, quantity: 1 }] }), confirmationToken: p.confirmationToken });
    expect(writes(s.h.fake).map((x) => x.route)).toEqual(['Quotes', `Quotes/${s.h.fake.records('Quotes').at(-1)!.id}/Items`]);
  });

  it('stops at the first failure and says which steps were done, failed and not sent; nothing is undone', async () => {
    const p = await preview(s, 'create_quote', quoteArgs());
    const before = s.h.fake.records('QuoteItems').length;
    // Autotask refuses the first item (a business-rule 500); the second and third are never sent.
    s.h.fake.addFault({ method: 'POST', route: /^Quotes\/\d+\/Items$/, times: 1, fault: { kind: 'status', status: 500, body: { errors: ['Simulated refusal of the item.'] } } });
    const r = await call(s.client, 'create_quote', { ...quoteArgs(), confirmationToken: p.confirmationToken });
    s.h.fake.clearFaults();
    expect(r.isError).toBe(true);
    const text = textOf(r);
    const quote = s.h.fake.records('Quotes').at(-1)!;
    const loc = s.h.fake.records('QuoteLocations').at(-1)!;
    expect(text).toMatch(/Only part of this write was done\. Steps 1-2 of 5 succeeded and stay done .*Step 3 failed; steps 4-5 were not sent/);
    expect(text).toContain(`Done: step 1 created QuoteLocations ${loc.id}`);
    expect(text).toContain(`Done: step 2 created Quotes ${quote.id}`);
    expect(text).toMatch(/Failed: step 3: Item: 3 x Business Laptop/);
    expect(text).toMatch(/Not sent: step 4: .*\nNot sent: step 5:/);
    expect(text).toMatch(/Simulated refusal of the item/);
    expect(text).toMatch(/add_quote_items \(quoteID = the id step 2 created/);
    expect(writes(s.h.fake).map((x) => `${x.route} ${x.status}`)).toEqual(['QuoteLocations 200', 'Quotes 200', `Quotes/${quote.id}/Items 500`]);
    expect(s.h.fake.records('QuoteItems').length).toBe(before);
    // The token is spent: repeating the call writes nothing twice.
    expect(textOf(await call(s.client, 'create_quote', { ...quoteArgs(), confirmationToken: p.confirmationToken }))).toContain(
      `already used: only part of the write it confirmed was done (step 1 created QuoteLocations ${loc.id}, step 2 created Quotes ${quote.id}; steps 3-5 were not done)`,
    );
    expect(writes(s.h.fake)).toHaveLength(3);
    expect(s.h.logEvents().some((e) => e.msg === 'multi-request write stopped' && e.step === 3)).toBe(true);

    // The way on it names: the items, added to the quote that exists.
    s.h.fake.clearRequests();
    const items = quoteArgs().items;
    const more = await preview(s, 'add_quote_items', { quoteID: quote.id, items });
    const done = await call(s.client, 'add_quote_items', { quoteID: quote.id, items, confirmationToken: more.confirmationToken });
    expect(done.isError, textOf(done)).toBeFalsy();
    expect(s.h.fake.records('QuoteItems').filter((i) => i.quoteID === quote.id)).toHaveLength(3);
  });

  it('a step without an answer may have been applied, and the answer says so', async () => {
    const p = await preview(s, 'create_quote', quoteArgs({ items: [{ productID: LAPTOP, quantity: 1 }] }));
    s.h.fake.addFault({ method: 'POST', route: /^Quotes$/, times: 1, fault: { kind: 'reset' } });
    const r = await call(s.client, 'create_quote', { ...quoteArgs({ items: [{ productID: LAPTOP, quantity: 1 }] }), confirmationToken: p.confirmationToken });
    s.h.fake.clearFaults();
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/Step 1 of 3 succeeded and stays done .*Step 2 failed without an answer: it may or may not have been applied; step 3 was not sent\. Check with search_quotes \(Quotes\) whether it was created before doing that step again\./);
    expect(textOf(r)).toMatch(/Unknown: step 2/);
    expect(textOf(r)).toMatch(/call create_quote again with locationID = the id step 1 created/);
  });

  it('refuses bad items and dates before writing anything', async () => {
    await refused(s, 'create_quote', quoteArgs({ items: [{ productID: LAPTOP, roleID: FIELD_ROLE.id, quantity: 1 }] }), /items\[0\]: give exactly one of productID, roleID or serviceID/, 'reads');
    await refused(s, 'create_quote', quoteArgs({ items: [{ productID: LAPTOP, quantity: 1, unitDiscount: 5, percentageDiscount: 5 }] }), /items\[0\]: give at most one discount/, 'reads');
    await refused(s, 'create_quote', quoteArgs({ items: [{ productID: 1, quantity: 1 }] }), /items\[0\]: no product with id 1 exists/, 'reads');
    s.h.fake.clearRequests();
    await refused(s, 'create_quote', quoteArgs({ items: [{ productID: LAPTOP, quantity: 1 }, { serviceID: 5, quantity: 1 }] }), /items\[1\]: no service with id 5 exists/, 'reads');
    // One query per kind of catalogue record, all items at once.
    expect(s.h.fake.requests.filter((q) => q.route === 'Services/query').map((q) => (q.body as { filter: unknown }).filter)).toEqual([[{ op: 'in', field: 'id', value: [5] }]]);
    expect(s.h.fake.requests.filter((q) => q.route === 'Products/query')).toHaveLength(1);
    await refused(s, 'create_quote', quoteArgs({ items: [{ productID: LAPTOP, quantity: 1, lineDiscount: 5000 }] }), /discount \(5000\) is more than the line \(899\)/, 'reads');
    await refused(s, 'create_quote', quoteArgs({ expirationDate: '2026-11-01' }), /expirationDate \(2026-11-01\) must be after effectiveDate \(2026-11-02\)/, 'reads');
    await refused(s, 'create_quote', quoteArgs({ opportunityID: 1 }), /No opportunity with id 1 exists/, 'reads');
    s.h.fake.clearRequests();
    await refused(s, 'create_quote', quoteArgs({ items: [] }), /items/);
  });

  it('warns when the opportunity is lost', async () => {
    const lost = opps.find((o) => o.status === 2)!;
    const p = await preview(s, 'create_quote', quoteArgs({ opportunityID: lost.id }));
    expect(p.warnings).toEqual([`Opportunity ${lost.id} is Lost.`]);
  });
});

describe('add_quote_items', () => {
  it('one item is one request, previewed and confirmed like any write', async () => {
    const q = quotes[1];
    const args = { quoteID: q.id, items: [{ roleID: FIELD_ROLE.id, quantity: 2, name: 'Extra site visit' }] };
    const p = await preview(s, 'add_quote_items', args);
    expect(p.request).toMatchObject({ method: 'POST', path: `Quotes/${q.id}/Items`, body: { quoteID: q.id, laborID: FIELD_ROLE.id, name: 'Extra site visit', quantity: 2 } });
    const { id } = await confirm(s, 'add_quote_items', args, p);
    expect(s.h.fake.records('QuoteItems').find((i) => i.id === id)).toMatchObject({ quoteID: q.id, name: 'Extra site visit' });
  });

  it('refuses a quote that does not exist', async () => {
    await refused(s, 'add_quote_items', { quoteID: 1, items: [{ productID: LAPTOP, quantity: 1 }] }, /No quote with id 1 exists/, 'reads');
  });
});
