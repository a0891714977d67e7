/**
 * create_company and update_company. Plans only: the registry previews, confirms and executes.
 * The type accepts an id or a label; updates send a PATCH with only the fields that change.
 */
import { z } from 'zod';
import { defineWriteTool, type ToolContext, type WritePlan } from '../types.js';
import { ToolInputError } from '../results.js';
import { idSchema } from '../shared.js';
import { resolvePicklistValue } from '../picklists.js';
import { picklistInput } from '../tickets/common.js';
import { requireRecord } from '../records.js';
import { assertChanges, diffUpdate, picklistDisplay } from '../updates.js';

/** Length limits of the Autotask fields: zod enforces them; the names say what each field is. */
const str = (max: number) => z.string().trim().min(1).max(max);

const fields = {
  companyName: str(100),
  phone: str(25),
  ownerResourceID: idSchema.describe('Account manager, an active resource (search_resources).'),
  companyType: picklistInput.describe('Id or label, e.g. "Customer".'),
  companyNumber: str(50),
  address1: str(128),
  address2: str(128),
  city: str(30),
  state: str(40),
  postalCode: str(10),
  webAddress: str(255),
  fax: str(25),
  alternatePhone1: str(25),
  parentCompanyID: idSchema,
};

const OPTIONAL_TEXT = ['companyNumber', 'address1', 'address2', 'city', 'state', 'postalCode', 'webAddress', 'fax', 'alternatePhone1'] as const;

/** Optional text fields, spelled out so each keeps its own schema and description. */
const optionalText = {
  companyNumber: fields.companyNumber.optional(),
  address1: fields.address1.optional(),
  address2: fields.address2.optional(),
  city: fields.city.optional(),
  state: fields.state.optional(),
  postalCode: fields.postalCode.optional(),
  webAddress: fields.webAddress.optional(),
  fax: fields.fax.optional(),
  alternatePhone1: fields.alternatePhone1.optional(),
};

export const createCompanyInput = {
  companyName: fields.companyName,
  phone: fields.phone,
  ownerResourceID: fields.ownerResourceID,
  companyType: fields.companyType.optional().describe("Id or label; default: the tenant's default."),
  ...optionalText,
  parentCompanyID: fields.parentCompanyID.optional(),
};

export const updateCompanyInput = {
  id: z.number().int().nonnegative(),
  companyName: fields.companyName.optional(),
  phone: fields.phone.optional(),
  ownerResourceID: fields.ownerResourceID.optional(),
  companyType: fields.companyType.optional(),
  isActive: z.boolean().optional().describe('false deactivates (Autotask cannot delete companies).'),
  parentCompanyID: fields.parentCompanyID.optional(),
  ...optionalText,
};

async function checkOwner(ctx: ToolContext, id: number): Promise<Record<string, unknown>> {
  const owner = await requireRecord(ctx, 'Resources', id, 'resource', 'Use search_resources to find the account manager.');
  if (owner.isActive === false) throw new ToolInputError(`Resource ${id} is inactive and cannot be an account manager. Nothing was sent.`);
  return owner;
}

async function companyType(ctx: ToolContext, given: number | string | undefined): Promise<number> {
  if (given !== undefined) return resolvePicklistValue(ctx.api, 'Companies', 'companyType', given, { signal: ctx.signal, forWrite: true });
  const values = await ctx.api.picklist('Companies', 'companyType', { signal: ctx.signal });
  const def = values.find((v) => v.isDefaultValue && v.isActive);
  if (!def) throw new ToolInputError(`Give companyType: this tenant has no default. Valid values: ${values.filter((v) => v.isActive).map((v) => `${v.value}=${v.label}`).join(', ')}.`);
  return Number(def.value);
}

export const createCompany = defineWriteTool({
  kind: 'create',
  name: 'create_company',
  title: 'Create company',
  description: 'Create a company (account). Warns when the name exists already. User-defined fields: update_entity afterwards.',
  toolset: 'companies',
  input: createCompanyInput,
  async plan(args, ctx) {
    await checkOwner(ctx, args.ownerResourceID);
    if (args.parentCompanyID !== undefined) await requireRecord(ctx, 'Companies', args.parentCompanyID, 'parent company', 'Use search_companies to find it.');
    const body: Record<string, unknown> = { companyName: args.companyName, phone: args.phone, companyType: await companyType(ctx, args.companyType), ownerResourceID: args.ownerResourceID };
    for (const k of OPTIONAL_TEXT) if (args[k] !== undefined) body[k] = args[k];
    if (args.parentCompanyID !== undefined) body.parentCompanyID = args.parentCompanyID;

    const { items: twins, nextPageUrl: moreTwins } = await ctx.api.query(
      'Companies',
      { filter: [{ op: 'eq', field: 'companyName', value: args.companyName }], includeFields: ['id', 'companyName'], maxRecords: 5 },
      { signal: ctx.signal },
    );
    const warnings = twins.length ? [`A company with this name already exists (id ${twins.map((t) => t.id).join(', ')}${moreTwins ? ' and more' : ''}). Check it is not a duplicate before confirming.`] : [];
    const type = await picklistDisplay(ctx, 'Companies', 'companyType', body.companyType);
    return { operation: 'create', entity: 'Companies', body, summary: `Create company "${args.companyName}" (type ${type}).`, warnings } satisfies WritePlan;
  },
});

export const updateCompany = defineWriteTool({
  kind: 'update',
  name: 'update_company',
  title: 'Update company',
  description: 'Change fields of a company. Only changed fields are sent; the preview shows current -> new.',
  toolset: 'companies',
  input: updateCompanyInput,
  async plan(args, ctx) {
    const { id, ...given } = args;
    const current = await requireRecord(ctx, 'Companies', id, 'company', 'Use search_companies to find it.');
    const wanted: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(given as Record<string, unknown>)) if (v !== undefined) wanted[k] = v;
    if (args.companyType !== undefined) wanted.companyType = await companyType(ctx, args.companyType);
    if (args.ownerResourceID !== undefined && args.ownerResourceID !== current.ownerResourceID) await checkOwner(ctx, args.ownerResourceID);
    if (args.parentCompanyID !== undefined) {
      if (args.parentCompanyID === id) throw new ToolInputError('A company cannot be its own parent. Nothing was sent.');
      await requireRecord(ctx, 'Companies', args.parentCompanyID, 'parent company', 'Use search_companies to find it.');
    }
    const { body, changes, expected } = await diffUpdate(id, current, wanted, (f, v) => (f === 'companyType' ? picklistDisplay(ctx, 'Companies', f, v) : Promise.resolve(v)));
    const name = `company ${id} "${current.companyName ?? ''}"`;
    assertChanges(changes, name, Object.keys(wanted).length);
    const warnings = body.isActive === false ? ['This deactivates the company: it is hidden from most pickers and new tickets cannot be logged for it until reactivated.'] : [];
    return { operation: 'update', entity: 'Companies', id, body, summary: `Update ${name}: ${changes.map((c) => c.field).join(', ')}.`, changes, expected, warnings } satisfies WritePlan;
  },
});
