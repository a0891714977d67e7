/** search_configuration_items: devices by company, product, serial / reference, type, state, contract, warranty. */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { companyIdSchema, idSchema, orderedPaginationShape } from '../shared.js';
import { isoDateSchema } from '../dates.js';
import { picklistFilterInput, resolveMany } from '../tickets/common.js';
import { containsAny, dateRange, oneOrIn } from '../filters.js';
import { listResult } from '../lists.js';
import { listOutput } from '../output.js';
import { UTC } from '../dates.js';
import { CI_COLUMNS, CI_LIST_FIELDS, nameDevices } from './common.js';

export const searchConfigurationItemsInput = {
  companyID: companyIdSchema.optional().describe('search_companies gives ids.'),
  text: z.string().trim().min(1).max(100).optional().describe('Part of the name (referenceTitle), serial or reference number.'),
  serialNumber: z.string().trim().min(1).max(100).optional().describe('Exact serial number.'),
  productID: idSchema.optional().describe('search_products gives ids.'),
  type: picklistFilterInput.optional().describe('Device type id or label, or a list of them.'),
  active: z.boolean().optional(),
  contractID: idSchema.optional(),
  contactID: idSchema.optional(),
  warrantyAfter: isoDateSchema.optional().describe('Warranty ends on or after this day.'),
  warrantyBefore: isoDateSchema.optional().describe('Warranty ends before this day.'),
  ...orderedPaginationShape,
};

export const searchConfigurationItems = defineReadTool({
  name: 'search_configuration_items',
  title: 'Search devices',
  description: 'Find devices (configuration items / assets; filters combine with AND), newest first: name, serial, product, type, company, contact, active, warranty end, contract. get_configuration_item reads one with its tickets.',
  toolset: 'configuration_items',
  input: searchConfigurationItemsInput,
  output: listOutput,
  async handler(args, ctx) {
    const filter: FilterExpression[] = [];
    if (args.companyID !== undefined) filter.push({ op: 'eq', field: 'companyID', value: args.companyID });
    if (args.text !== undefined) filter.push(containsAny(['referenceTitle', 'serialNumber', 'referenceNumber'], args.text));
    if (args.serialNumber !== undefined) filter.push({ op: 'eq', field: 'serialNumber', value: args.serialNumber });
    if (args.productID !== undefined) filter.push({ op: 'eq', field: 'productID', value: args.productID });
    if (args.type !== undefined) filter.push(oneOrIn('configurationItemType', await resolveMany(ctx.api, 'ConfigurationItems', 'configurationItemType', args.type, { signal: ctx.signal })));
    if (args.active !== undefined) filter.push({ op: 'eq', field: 'isActive', value: args.active });
    if (args.contractID !== undefined) filter.push({ op: 'eq', field: 'contractID', value: args.contractID });
    if (args.contactID !== undefined) filter.push({ op: 'eq', field: 'contactID', value: args.contactID });
    // A date-only field: calendar days as written, no zone.
    filter.push(...dateRange('warrantyExpirationDate', args.warrantyAfter, args.warrantyBefore, ['warrantyAfter', 'warrantyBefore'], { zone: UTC, unit: 'day' }));
    return listResult(ctx, {
      entity: 'ConfigurationItems',
      what: 'devices',
      filter,
      args,
      includeFields: CI_LIST_FIELDS,
      columns: CI_COLUMNS,
      afterPage: async (items) => {
        await nameDevices(ctx, items);
        return {};
      },
    });
  },
});
