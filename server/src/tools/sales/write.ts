/**
 * create_quote and add_quote_items: multi-request writes (../write-steps.ts). A quote needs a
 * bill-to, ship-to and sold-to QuoteLocation (evidence sales.quote-locations-required): without a
 * locationID the first request copies the company's primary location into a new one. Then the
 * quote, then each item under Quotes/{id}/Items, in order; the preview lists every request.
 */
import { z } from 'zod';
import type { AutotaskRecord } from '../../autotask/types.js';
import { defineWriteTool, type ToolContext, type WritePlan, type WriteStep } from '../types.js';
import { ToolInputError } from '../results.js';
import { idSchema } from '../shared.js';
import { dayAsStored, dayIn, isoDateSchema, toCalendarDay } from '../dates.js';
import { zoneOf } from '../tenant-zone.js';
import { picklistLabel } from '../picklists.js';
import { requireRecord } from '../records.js';
import { doneSteps, fromStep, stepsOf } from '../write-steps.js';
import { itemsInput, itemsTotal, planItems, type PlannedItem } from './items.js';

const DAY_MS = 86_400_000;
const ADDRESS = ['address1', 'address2', 'city', 'state', 'postalCode'] as const;

/** The company's primary location (else its first), as a new quote location's body. */
async function locationFromCompany(ctx: ToolContext, companyId: number): Promise<{ body: Record<string, unknown>; name: string }> {
  const { items } = await ctx.api.query('CompanyLocations', { filter: [{ op: 'eq', field: 'companyID', value: companyId }], maxRecords: 50 }, { signal: ctx.signal });
  const loc = items.find((l) => l.isPrimary === true) ?? [...items].sort((a, b) => a.id - b.id).at(0);
  if (!loc) throw new ToolInputError(`Company ${companyId} has no location to address the quote to. Give locationID (a QuoteLocations id) instead. Nothing was sent.`);
  const body = Object.fromEntries(ADDRESS.filter((f) => typeof loc[f] === 'string' && loc[f] !== '').map((f) => [f, loc[f]]));
  return { body, name: String(loc.name ?? `location ${loc.id}`) };
}

/** Item steps under a quote that exists (a number) or is created by an earlier step. */
function itemSteps(items: PlannedItem[], quote: number | ReturnType<typeof fromStep>): WriteStep[] {
  return items.map((i) => ({ operation: 'create', entity: 'QuoteItems', parent: { entity: 'Quotes', id: quote }, body: { ...i.body, quoteID: quote }, summary: `Item: ${i.summary}` }));
}

async function openOpportunityWarning(ctx: ToolContext, opp: AutotaskRecord): Promise<string[]> {
  const status = await picklistLabel(ctx.api, 'Opportunities', 'status', opp.status, { signal: ctx.signal });
  return status && /lost|closed|implemented/i.test(status) ? [`Opportunity ${opp.id} is ${status}.`] : [];
}

export const createQuote = defineWriteTool({
  kind: 'create',
  name: 'create_quote',
  title: 'Create quote with items',
  description:
    'Create a quote on an opportunity with its items. Without locationID the quote is addressed to a new copy of the company\'s primary location. One preview lists every request; confirmed, they run in order and stop at the first failure, saying which were done.',
  toolset: 'sales',
  input: {
    opportunityID: idSchema.describe('search_opportunities gives ids.'),
    name: z.string().trim().min(1).max(100),
    items: itemsInput,
    effectiveDate: isoDateSchema.optional().describe('Day; default today.'),
    expirationDate: isoDateSchema.optional().describe('Day; default 30 days after effectiveDate.'),
    description: z.string().max(2000).optional(),
    locationID: idSchema.optional().describe('QuoteLocations id for bill-to, ship-to and sold-to.'),
  },
  async plan(args, ctx) {
    const opp = await requireRecord(ctx, 'Opportunities', args.opportunityID, 'opportunity', 'Use search_opportunities to find it.');
    const zone = await zoneOf(ctx);
    const effective = args.effectiveDate !== undefined ? toCalendarDay(args.effectiveDate, 'effectiveDate') : dayAsStored(dayIn(ctx.now?.() ?? new Date(), zone));
    const expiration = args.expirationDate !== undefined ? toCalendarDay(args.expirationDate, 'expirationDate') : new Date(Date.parse(effective) + 30 * DAY_MS).toISOString();
    if (Date.parse(expiration) <= Date.parse(effective)) throw new ToolInputError(`expirationDate (${expiration.slice(0, 10)}) must be after effectiveDate (${effective.slice(0, 10)}). Nothing was sent.`);
    if (args.locationID !== undefined) await requireRecord(ctx, 'QuoteLocations', args.locationID, 'quote location', 'Leave locationID out to copy the company\'s primary location.');
    const location = args.locationID === undefined ? await locationFromCompany(ctx, opp.companyID as number) : undefined;
    const items = await planItems(ctx, args.items);
    const where = args.locationID ?? fromStep(1);
    const quote = {
      name: args.name,
      opportunityID: opp.id,
      companyID: opp.companyID,
      ...(typeof opp.contactID === 'number' ? { contactID: opp.contactID } : {}),
      effectiveDate: effective,
      expirationDate: expiration,
      billToLocationID: where,
      shipToLocationID: where,
      soldToLocationID: where,
      ...(args.description !== undefined ? { description: args.description } : {}),
    };
    const quoteStep = location ? 2 : 1;
    const quoteLine = `Quote "${args.name}" on opportunity "${String(opp.title)}", ${effective.slice(0, 10)} to ${expiration.slice(0, 10)}`;
    const summary = `Create quote "${args.name}" on opportunity ${opp.id} ("${String(opp.title)}") with ${items.length} item(s), total ${itemsTotal(items)} before tax.`;
    const quoteWrite = { operation: 'create' as const, entity: 'Quotes', body: quote };
    const plan: WritePlan = location
      ? {
          operation: 'create',
          entity: 'QuoteLocations',
          body: location.body,
          firstStep: `Quote address: a copy of the company's location "${location.name}"`,
          then: [{ ...quoteWrite, summary: quoteLine }, ...itemSteps(items, fromStep(quoteStep))],
          summary,
        }
      : { ...quoteWrite, firstStep: quoteLine, then: itemSteps(items, fromStep(1)), summary };
    return {
      ...plan,
      warnings: await openOpportunityWarning(ctx, opp),
      ifPartial: `Do not call create_quote again. If step ${quoteStep} (the quote) was done, add the items not added with add_quote_items (quoteID = the id step ${quoteStep} created, only those items); if it was not, call create_quote again${location ? ' with locationID = the id step 1 created' : ''}.`,
    };
  },
  async done({ ids, plan }) {
    const steps = stepsOf(plan);
    return doneSteps(steps, ids, plan, steps.findIndex((s) => s.entity === 'Quotes') + 1);
  },
});

export const addQuoteItems = defineWriteTool({
  kind: 'create',
  name: 'add_quote_items',
  title: 'Add items to a quote',
  description: 'Add items to an existing quote, one request each, in order; one preview lists them all, and a failure stops the rest, saying which were added.',
  toolset: 'sales',
  input: { quoteID: idSchema.describe('search_quotes gives ids.'), items: itemsInput },
  async plan(args, ctx) {
    const quote = await requireRecord(ctx, 'Quotes', args.quoteID, 'quote', 'Use search_quotes to find it.');
    const items = await planItems(ctx, args.items);
    const [first, ...rest] = itemSteps(items, quote.id);
    return {
      operation: 'create',
      entity: 'QuoteItems',
      parent: { entity: 'Quotes', id: quote.id },
      body: first.body,
      firstStep: first.summary,
      ...(rest.length ? { then: rest } : {}),
      summary: `Add ${items.length} item(s) to quote ${quote.id} ("${String(quote.name)}"), ${itemsTotal(items)} before tax.`,
      ifPartial: 'Do not repeat this call: add only the items marked Failed or Not sent, with add_quote_items.',
    } satisfies WritePlan;
  },
});
