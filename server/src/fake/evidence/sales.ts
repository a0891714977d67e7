/** Opportunities, quotes and quote items. */
import type { Evidence } from './types.js';

export const SALES_EVIDENCE: Evidence[] = [
  {
    id: 'sales.quote-items-route',
    behaviour: 'Quote items are created under their quote at Quotes/{quoteId}/Items; POST QuoteItems is a 405.',
    status: 'verified',
    sources: ['official: QuoteItems entity page ("Parent Entity: Quotes")', 'our reference §9.1 (2026 Swagger): POST /V1.0/Quotes/{parentId}/Items'],
  },
  {
    id: 'sales.quote-item-one-item',
    behaviour: 'A quote item naming more than one of productID, chargeID, laborID, expenseID, shippingID, serviceID and serviceBundleID is refused with a 500.',
    status: 'verified',
    sources: ['official: QuoteItems entity page ("only one of the following fields ... is allowed")'],
    realDiffers: '[unverified] the refusal text.',
  },
  {
    id: 'sales.quote-item-one-discount',
    behaviour: 'A quote item with more than one of unitDiscount, percentageDiscount and lineDiscount above 0 is refused with a 500.',
    status: 'verified',
    sources: ['official: QuoteItems entity page ("only one of these fields can have a value > 0. The other two must = 0")'],
    realDiffers: '[unverified] the refusal text.',
  },
  {
    id: 'sales.quote-locations-required',
    behaviour: 'A quote needs billToLocationID, shipToLocationID and soldToLocationID (QuoteLocations ids) besides name, opportunityID and its dates; QuoteLocations are created at the root.',
    status: 'verified',
    sources: ['our reference §7.13 (Anteris entities generated from live metadata): required fields of Quotes', 'official: QuoteLocation entity page (addresses of a quote\'s ShipToLocationID and BillToLocationID)'],
  },
  {
    id: 'sales.non-queryable-fields',
    behaviour: 'Filters on QuoteItems averageCost and highestCost are refused.',
    status: 'verified',
    sources: ['official: QuoteItems entity page ("Fields that cannot be queried": averageCost, highestCost)'],
  },
];
