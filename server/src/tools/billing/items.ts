/** search_billing_items: posted work, charges and expenses, by whom and what they are for, newest first. */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { companyIdSchema, idSchema, orderedPaginationShape } from '../shared.js';
import { isoDateSchema, UTC } from '../dates.js';
import { picklistFilterInput, resolveMany } from '../tickets/common.js';
import { dateRange, oneOrIn } from '../filters.js';
import { listResult } from '../lists.js';
import { listOutput } from '../output.js';
import { BILLING_ITEM_COLUMNS, BILLING_ITEM_FIELDS, DESCRIPTION_MAX, sumOf } from './common.js';

export const searchBillingItems = defineReadTool({
  name: 'search_billing_items',
  title: 'Search billing items',
  description:
    'Find billing items (approved and posted labour, charges, expenses; filters combine with AND), newest first: posted date, type, company, ticket, project, item, quantity, rate, amount, invoice. Plus the total amount of the page.',
  toolset: 'billing',
  input: {
    companyID: companyIdSchema.optional(),
    ticketID: idSchema.optional(),
    projectID: idSchema.optional(),
    contractID: idSchema.optional(),
    invoiceID: idSchema.optional(),
    invoiced: z.boolean().optional().describe('true: on an invoice; false: not invoiced yet.'),
    type: picklistFilterInput.optional().describe('Type id or label (Labour, Expense...), or a list.'),
    postedAfter: isoDateSchema.optional().describe('Day, inclusive.'),
    postedBefore: isoDateSchema.optional().describe('Day, exclusive.'),
    ...orderedPaginationShape,
  },
  output: listOutput,
  async handler(args, ctx) {
    const filter: FilterExpression[] = [];
    for (const f of ['companyID', 'ticketID', 'projectID', 'contractID', 'invoiceID'] as const) {
      if (args[f] !== undefined) filter.push({ op: 'eq', field: f, value: args[f] });
    }
    if (args.invoiced !== undefined) filter.push({ op: args.invoiced ? 'exist' : 'notExist', field: 'invoiceID' });
    if (args.type !== undefined) filter.push(oneOrIn('billingItemType', await resolveMany(ctx.api, 'BillingItems', 'billingItemType', args.type, { signal: ctx.signal })));
    // postedDate is a day (postedOnTime holds the moment): bounds are calendar days, as for dateWorked.
    filter.push(...dateRange('postedDate', args.postedAfter, args.postedBefore, ['postedAfter', 'postedBefore'], { zone: UTC, unit: 'day' }));
    return listResult(ctx, {
      entity: 'BillingItems',
      what: 'billing items',
      filter,
      args,
      includeFields: BILLING_ITEM_FIELDS,
      columns: BILLING_ITEM_COLUMNS,
      cut: { fields: ['description'], max: DESCRIPTION_MAX, howToGetAll: (r) => `get_entity BillingItems id ${r.id} returns it whole` },
      async afterPage(items) {
        const total = sumOf(items, 'totalAmount');
        return { extra: { totalAmountOnPage: total }, notes: items.length ? [`Total amount on this page: ${total}.`] : [] };
      },
    });
  },
});
