/**
 * create_configuration_item and update_configuration_item (root POST / PATCH ConfigurationItems).
 * Autotask requires companyID, productID and isActive on create; companyID cannot change later
 * (official ConfigurationItems page: a companyID on update is ignored), so the update tool does
 * not offer it. The contact, location and contract must be the device's company's own.
 */
import { z } from 'zod';
import { defineWriteTool, type ToolContext, type WritePlan } from '../types.js';
import { ToolInputError } from '../results.js';
import { companyIdSchema, idSchema, optionalFields } from '../shared.js';
import { isoDateSchema, toCalendarDay } from '../dates.js';
import { resolvePicklistValue } from '../picklists.js';
import { picklistInput } from '../tickets/common.js';
import { assertChanges, diffUpdate, picklistDisplay } from '../updates.js';
import { requireRecord } from '../records.js';

const str = (max: number) => z.string().trim().min(1).max(max);

const fields = {
  productID: idSchema.describe('search_products gives ids.'),
  referenceTitle: str(200).describe('Device name.'),
  serialNumber: str(100),
  referenceNumber: str(100).describe('Asset tag or other reference.'),
  type: picklistInput.describe('Device type id or label.'),
  contactID: idSchema.describe("Its user: a contact of the device's company."),
  companyLocationID: idSchema.describe('get_company includeLocations lists them.'),
  contractID: idSchema.describe("A contract of the device's company."),
  installDate: isoDateSchema.describe('A day.'),
  warrantyExpirationDate: isoDateSchema.describe('A day.'),
  location: str(100).describe('Where it is.'),
  notes: z.string().trim().max(5000),
};

const optional = optionalFields(fields);

export const createConfigurationItemInput = {
  companyID: companyIdSchema.describe('search_companies gives ids.'),
  ...optional,
  productID: fields.productID,
  referenceTitle: fields.referenceTitle,
  active: z.boolean().default(true),
};

export const updateConfigurationItemInput = {
  id: idSchema.describe('A device cannot move to another company.'),
  ...optional,
  active: z.boolean().optional().describe('false retires the device (Autotask cannot delete it).'),
};

type FieldArgs = Partial<{ [K in keyof typeof fields]: z.infer<(typeof fields)[K]> }> & { active?: boolean };

/** The arguments as Autotask fields, after checking each reference against the company. */
async function toBody(ctx: ToolContext, args: FieldArgs, companyId: number): Promise<{ body: Record<string, unknown>; warnings: string[] }> {
  const body: Record<string, unknown> = {};
  const warnings: string[] = [];
  for (const k of ['referenceTitle', 'serialNumber', 'referenceNumber', 'location', 'notes'] as const) if (args[k] !== undefined) body[k] = args[k];
  if (args.active !== undefined) body.isActive = args.active;
  if (args.type !== undefined) body.configurationItemType = await resolvePicklistValue(ctx.api, 'ConfigurationItems', 'configurationItemType', args.type, { signal: ctx.signal, forWrite: true });
  for (const k of ['installDate', 'warrantyExpirationDate'] as const) if (args[k] !== undefined) body[k] = toCalendarDay(args[k], k);
  if (args.productID !== undefined) {
    const product = await requireRecord(ctx, 'Products', args.productID, 'product', 'Use search_products to find it.');
    body.productID = args.productID;
    if (product.isActive === false) warnings.push(`Product ${args.productID} "${String(product.name ?? '')}" is inactive in the product catalogue.`);
  }
  const owned: Array<[arg: 'contactID' | 'companyLocationID' | 'contractID', entity: string, what: string, hint: string]> = [
    ['contactID', 'Contacts', 'contact', 'Use search_contacts with the companyID.'],
    ['companyLocationID', 'CompanyLocations', 'company location', 'get_company with includeLocations lists them.'],
    ['contractID', 'Contracts', 'contract', 'Use search_contracts with the companyID.'],
  ];
  for (const [arg, entity, what, hint] of owned) {
    const id = args[arg];
    if (id === undefined) continue;
    const rec = await requireRecord(ctx, entity, id, what, hint);
    if (rec.companyID !== companyId) throw new ToolInputError(`The ${what} ${id} belongs to company ${String(rec.companyID)}, not to company ${companyId}. ${hint} Nothing was sent.`);
    body[arg] = id;
  }
  return { body, warnings };
}

const display = (ctx: ToolContext) => (field: string, value: unknown) =>
  field === 'configurationItemType' ? picklistDisplay(ctx, 'ConfigurationItems', field, value) : Promise.resolve(value);

export const createConfigurationItem = defineWriteTool({
  kind: 'create',
  name: 'create_configuration_item',
  title: 'Create device',
  description: 'Add a device (configuration item) to a company: product and name required, active by default. Warns when the serial number is already on record.',
  toolset: 'configuration_items',
  input: createConfigurationItemInput,
  async plan(args, ctx) {
    const company = await requireRecord(ctx, 'Companies', args.companyID, 'company', 'Use search_companies to find the company id.');
    const { body: fieldsBody, warnings } = await toBody(ctx, args, args.companyID);
    const body: Record<string, unknown> = { companyID: args.companyID, ...fieldsBody };
    if (company.isActive === false) warnings.push(`Company ${args.companyID} is inactive.`);
    if (args.serialNumber !== undefined) {
      const { items } = await ctx.api.query('ConfigurationItems', { filter: [{ op: 'eq', field: 'serialNumber', value: args.serialNumber }], includeFields: ['id', 'companyID'], maxRecords: 5 }, { signal: ctx.signal });
      if (items.length) warnings.push(`Serial number ${args.serialNumber} is already on device(s) ${items.map((i) => `${i.id} (company ${String(i.companyID)})`).join(', ')}. Check it is not a duplicate before confirming.`);
    }
    const type = body.configurationItemType !== undefined ? `, type ${await picklistDisplay(ctx, 'ConfigurationItems', 'configurationItemType', body.configurationItemType)}` : '';
    return {
      operation: 'create',
      entity: 'ConfigurationItems',
      body,
      summary: `Add device "${args.referenceTitle}" (product ${args.productID}${type}) to company ${args.companyID} "${String(company.companyName ?? '')}"${args.active ? '' : ', inactive'}.`,
      warnings,
    } satisfies WritePlan;
  },
});

export const updateConfigurationItem = defineWriteTool({
  kind: 'update',
  name: 'update_configuration_item',
  title: 'Update device',
  description: 'Change fields of a device (configuration item); active=false retires it. Only changed fields are sent; the preview shows current -> new.',
  toolset: 'configuration_items',
  input: updateConfigurationItemInput,
  async plan(args, ctx) {
    const current = await requireRecord(ctx, 'ConfigurationItems', args.id, 'device', 'Use search_configuration_items to find it.');
    const companyId = current.companyID as number;
    const { body: wanted, warnings } = await toBody(ctx, args, companyId);
    const { body, changes, expected } = await diffUpdate(args.id, current, wanted, display(ctx));
    const name = `device ${args.id} "${String(current.referenceTitle ?? '')}"`;
    assertChanges(changes, name, Object.keys(wanted).length);
    if (body.isActive === false) warnings.push('This retires the device: it stays on record as inactive (Autotask cannot delete devices).');
    return {
      operation: 'update',
      entity: 'ConfigurationItems',
      id: args.id,
      body,
      summary: `Update ${name}: ${changes.map((c) => c.field).join(', ')}.`,
      changes,
      // The contact, location and contract were checked against this company.
      expected: { ...expected, companyID: companyId },
      warnings,
    } satisfies WritePlan;
  },
});
