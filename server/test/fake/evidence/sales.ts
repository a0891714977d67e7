import { expect } from 'vitest';
import { call } from '../fake-helpers.js';
import type { Probe } from './types.js';
import { quoteItem, withMoneyFake } from './money-seed.js';

const quote = (over: Record<string, unknown> = {}) => ({
  name: 'Firewall upgrade',
  opportunityID: 8201,
  effectiveDate: '2024-03-05T00:00:00Z',
  expirationDate: '2024-04-04T00:00:00Z',
  billToLocationID: 8301,
  shipToLocationID: 8301,
  soldToLocationID: 8301,
  ...over,
});

export const SALES_PROBES: Record<string, Probe> = {
  'sales.quote-items-route': () =>
    withMoneyFake(async (fake) => {
      expect((await call(fake, 'POST', 'QuoteItems', { body: { ...quoteItem(), quoteID: 8401 } })).status).toBe(405);
      const r = await call(fake, 'POST', 'Quotes/8401/Items', { body: quoteItem() });
      expect(r.status, r.text).toBe(200);
      expect(fake.records('QuoteItems').find((i) => i.id === r.json.itemId)?.quoteID).toBe(8401);
    }),
  'sales.quote-item-one-item': () =>
    withMoneyFake(async (fake) => {
      const r = await call(fake, 'POST', 'Quotes/8401/Items', { body: quoteItem({ serviceID: 12 }) });
      expect(r.status).toBe(500);
      expect(r.json.errors.join(' ')).toMatch(/only one of/i);
    }),
  'sales.quote-item-one-discount': () =>
    withMoneyFake(async (fake) => {
      const two = await call(fake, 'POST', 'Quotes/8401/Items', { body: quoteItem({ unitDiscount: 5, percentageDiscount: 10 }) });
      expect(two.status).toBe(500);
      expect(two.json.errors.join(' ')).toMatch(/discount/i);
      expect((await call(fake, 'POST', 'Quotes/8401/Items', { body: quoteItem({ percentageDiscount: 10 }) })).status).toBe(200);
    }),
  'sales.quote-locations-required': () =>
    withMoneyFake(async (fake) => {
      const r = await call(fake, 'POST', 'Quotes', { body: quote({ billToLocationID: undefined, shipToLocationID: undefined, soldToLocationID: undefined }) });
      expect(r.status).toBe(500);
      expect(r.json.errors.join(' ')).toMatch(/billToLocationID.*shipToLocationID.*soldToLocationID/);
      expect((await call(fake, 'POST', 'Quotes', { body: quote() })).status).toBe(200);
      expect((await call(fake, 'POST', 'QuoteLocations', { body: { address1: '2 Side St', city: 'Springfield' } })).status).toBe(200);
    }),
  'sales.non-queryable-fields': () =>
    withMoneyFake(async (fake) => {
      for (const field of ['averageCost', 'highestCost']) {
        const r = await call(fake, 'POST', 'QuoteItems/query', { body: { filter: [{ op: 'gt', field, value: 0 }] } });
        expect(r.status, field).toBe(400);
      }
    }),
};
