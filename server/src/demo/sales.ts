/**
 * The demo MSP's sales pipeline: opportunities with the account manager as owner, mostly active,
 * two won and two lost, each with a quote (one with two options) whose items are products from
 * the catalogue and engineering labour, and the quote's address as a quote location. Amounts of
 * an opportunity are its primary quote's totals (useQuoteTotals). Numbered in creation order.
 */
import type { SeedRecord } from '../fake/types.js';
import { add, DAY, HOUR, iso, isoDate, type DemoContext } from './context.js';
import { OPPORTUNITY_STAGE, OPPORTUNITY_STATUS, PAYMENT_TERM, QUOTE_ITEM_TYPE } from './money-picklists.js';
import { COMPANY_TYPE } from './picklists.js';
import type { Org } from './org.js';

interface Deal {
  title: string;
  category: number;
  /** Products (index into the demo catalogue) and quantity. */
  products: Array<[index: number, quantity: number]>;
  /** Labour hours, quoted at the field engineer's rate. */
  hours: number;
  description: string;
}

const DEALS: Deal[] = [
  { title: 'Laptop refresh (12 units)', category: 2, products: [[0, 12]], hours: 18, description: 'Replace laptops older than four years; image, deploy and recycle the old ones.' },
  { title: 'Firewall replacement', category: 2, products: [[4, 1]], hours: 6, description: 'End-of-life firewall; replace and migrate rules, VPN and filtering.' },
  { title: 'Server migration to Azure', category: 3, products: [], hours: 40, description: 'Move the file server and line-of-business app to Azure; decommission the old server.' },
  { title: 'Office Wi-Fi and switching upgrade', category: 2, products: [[2, 2]], hours: 10, description: 'New access points and switches after the site survey.' },
  { title: 'Managed backup add-on', category: 1, products: [], hours: 4, description: 'Add Microsoft 365 backup to the managed services agreement.' },
  { title: 'Multifunction printer lease', category: 2, products: [[3, 1]], hours: 3, description: 'Replace the ageing printer fleet with one A3 MFP.' },
  { title: 'Security awareness programme', category: 1, products: [], hours: 8, description: 'Phishing simulation and staff training for all users.' },
  { title: 'New branch office fit-out', category: 3, products: [[0, 6], [2, 1], [4, 1]], hours: 24, description: 'IT for the new branch: network, laptops and firewall.' },
  { title: 'Teams Phone rollout', category: 3, products: [], hours: 16, description: 'Port numbers and replace the on-premises phone system with Teams Phone.' },
  { title: 'Rack server replacement', category: 2, products: [[1, 1]], hours: 12, description: 'Replace the out-of-warranty host and migrate its virtual machines.' },
];

/** Opportunities 4 and 7 are won (Closed), 2 and 9 lost; the rest are open. */
const OUTCOME: Partial<Record<number, 'won' | 'lost'>> = { 3: 'won', 6: 'won', 1: 'lost', 8: 'lost' };

export function buildSales(ctx: DemoContext, org: Org): void {
  const { rng, records } = ctx;
  const products = records.Products ?? [];
  const fieldRole = (records.Roles ?? []).find((r) => r.name === 'Field Engineer') as SeedRecord;
  const pmRole = (records.Roles ?? []).find((r) => r.name === 'Project Manager') as SeedRecord;
  const prospects = (records.Companies ?? []).filter((c) => c.companyType === COMPANY_TYPE.Prospect || c.companyType === COMPANY_TYPE.Lead);
  const companies = [...rng.sample(org.customers, DEALS.length - prospects.length), ...prospects];
  const locations = records.CompanyLocations ?? [];
  // Two weeks apart over the last five months, oldest first: ids (and each deal's quotes) follow creation.
  const created = DEALS.map((_, i) => ctx.now - (DEALS.length - i) * 14 * DAY + rng.int(0, 48) * HOUR);
  let oppId = 29684000;
  let locId = 29685000;
  let quoteId = 29686000;
  let itemId = 29687000;
  let quoteNumber = 1041;
  DEALS.forEach((deal, i) => {
    const company = companies[i % companies.length];
    const contact = org.contactsByCompany.get(company.id)?.[0];
    const outcome = OUTCOME[i];
    const at = created[i];
    const opp = add(ctx, 'Opportunities', {
      id: oppId++, title: deal.title, companyID: company.id, contactID: contact?.id ?? null, ownerResourceID: org.accountManagerId,
      status: outcome === 'won' ? OPPORTUNITY_STATUS.Closed : outcome === 'lost' ? OPPORTUNITY_STATUS.Lost : OPPORTUNITY_STATUS.Active,
      stage: outcome === 'won' ? OPPORTUNITY_STAGE.Won : outcome === 'lost' ? OPPORTUNITY_STAGE.Lost : rng.pick([OPPORTUNITY_STAGE.Qualified, OPPORTUNITY_STAGE.Proposal, OPPORTUNITY_STAGE.Negotiation]),
      probability: outcome === 'won' ? 100 : outcome === 'lost' ? 0 : rng.pick([25, 50, 60, 75]),
      opportunityCategoryID: deal.category, description: deal.description, useQuoteTotals: true, amount: 0, cost: 0,
      createDate: iso(at), startDate: isoDate(at), projectedCloseDate: isoDate(outcome ? at + rng.int(20, 40) * DAY : Math.max(ctx.now, at) + rng.int(7, 60) * DAY),
      closedDate: outcome === 'won' ? iso(Math.min(ctx.now - DAY, at + 25 * DAY)) : null,
      lostDate: outcome === 'lost' ? iso(Math.min(ctx.now - DAY, at + 30 * DAY)) : null,
      lossReasonDetail: outcome === 'lost' ? 'Went with a cheaper quote from another provider.' : null,
      lastActivity: iso(Math.min(ctx.now - HOUR, at + rng.int(1, 20) * DAY)),
    });
    const options = i === 7 ? ['Option A: full fit-out', 'Option B: network only'] : [deal.title];
    options.forEach((name, q) => {
      const quoteAt = Math.min(ctx.now - HOUR, at + (q + 1) * DAY);
      const address = locations.find((l) => l.companyID === company.id && l.isPrimary === true);
      const loc = add(ctx, 'QuoteLocations', { id: locId++, address1: address?.address1 ?? '1 Harbour Road', city: address?.city ?? 'Bristol', state: address?.state ?? null, postalCode: address?.postalCode ?? null });
      const quote = add(ctx, 'Quotes', {
        id: quoteId++, name, opportunityID: opp.id, companyID: company.id, contactID: contact?.id ?? null, quoteNumber: quoteNumber++,
        effectiveDate: isoDate(quoteAt), expirationDate: isoDate(quoteAt + 30 * DAY), billToLocationID: loc.id, shipToLocationID: loc.id, soldToLocationID: loc.id,
        primaryQuote: q === 0, isActive: true, paymentTerm: PAYMENT_TERM.Net30, creatorResourceID: org.accountManagerId, createDate: iso(quoteAt),
        lastActivityDate: iso(quoteAt), description: deal.description,
      });
      let price = 0;
      let cost = 0;
      let sort = 1;
      const items = q === 1 ? deal.products.filter(([p]) => p === 2) : deal.products;
      for (const [index, quantity] of items) {
        const product = products[index];
        const discounted = quantity >= 6;
        const unitPrice = product.unitPrice as number;
        add(ctx, 'QuoteItems', {
          id: itemId++, quoteID: quote.id, quoteItemType: QUOTE_ITEM_TYPE.Product, productID: product.id, name: product.name, description: product.description,
          quantity, unitPrice, unitCost: product.unitCost, unitDiscount: 0, percentageDiscount: discounted ? 5 : 0, lineDiscount: 0,
          isOptional: false, isTaxable: true, sortOrderID: sort++,
        });
        price += quantity * unitPrice * (discounted ? 0.95 : 1);
        cost += quantity * (product.unitCost as number);
      }
      const hours = q === 1 ? Math.ceil(deal.hours / 3) : deal.hours;
      const labour = deal.category === 3 ? pmRole : fieldRole;
      add(ctx, 'QuoteItems', {
        id: itemId++, quoteID: quote.id, quoteItemType: QUOTE_ITEM_TYPE.Labor, laborID: labour.id, name: `${labour.name} (hours)`, description: 'Installation, configuration and handover',
        quantity: hours, unitPrice: labour.hourlyRate, unitCost: Math.round((labour.hourlyRate as number) * 0.45), unitDiscount: 0, percentageDiscount: 0, lineDiscount: 0,
        isOptional: false, isTaxable: true, sortOrderID: sort++,
      });
      price += hours * (labour.hourlyRate as number);
      cost += hours * Math.round((labour.hourlyRate as number) * 0.45);
      if (deal.category !== 1 && q === 0) {
        add(ctx, 'QuoteItems', {
          id: itemId++, quoteID: quote.id, quoteItemType: QUOTE_ITEM_TYPE.Labor, laborID: fieldRole.id, name: 'Out-of-hours cutover (optional)', description: 'Evening cutover to avoid downtime',
          quantity: 4, unitPrice: Math.round((fieldRole.hourlyRate as number) * 1.5), unitCost: Math.round((fieldRole.hourlyRate as number) * 0.6), unitDiscount: 0, percentageDiscount: 0, lineDiscount: 0,
          isOptional: true, isTaxable: true, sortOrderID: sort,
        });
      }
      if (q === 0) Object.assign(opp, { amount: Math.round(price * 100) / 100, cost: Math.round(cost * 100) / 100, onetimeRevenue: Math.round(price * 100) / 100, onetimeCost: Math.round(cost * 100) / 100 });
    });
  });
}
