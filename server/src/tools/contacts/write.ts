/**
 * create_contact and update_contact. Autotask creates and updates contacts only through their
 * company (POST/PATCH Companies/{companyId}/Contacts), and Contacts.isActive is an integer 1/0.
 */
import { z } from 'zod';
import { defineWriteTool, type ToolContext, type WritePlan } from '../types.js';
import { ToolInputError } from '../results.js';
import { idSchema } from '../shared.js';
import { requireRecord } from '../records.js';
import { assertChanges, diffUpdate } from '../updates.js';
import { contactName } from './common.js';

/** Length limits of the Autotask fields: zod enforces them; the names say what each field is. */
const str = (max: number) => z.string().trim().min(1).max(max);

const fields = {
  firstName: str(50),
  lastName: str(50),
  emailAddress: z.email('Give a valid e-mail address such as ada@client.example').max(254),
  phone: str(25),
  extension: str(10),
  mobilePhone: str(25),
  title: str(50).describe('Job title.'),
  active: z.boolean(),
  primaryContact: z.boolean().describe("The company's primary contact."),
  companyLocationID: idSchema.describe('get_company includeLocations lists them.'),
};

const optional = {
  emailAddress: fields.emailAddress.optional(),
  phone: fields.phone.optional(),
  extension: fields.extension.optional(),
  mobilePhone: fields.mobilePhone.optional(),
  title: fields.title.optional(),
  primaryContact: fields.primaryContact.optional(),
  companyLocationID: fields.companyLocationID.optional(),
};

export const createContactInput = {
  companyID: z.number().int().nonnegative().describe('search_companies gives ids.'),
  firstName: fields.firstName,
  lastName: fields.lastName,
  ...optional,
  active: fields.active.default(true),
};

export const updateContactInput = {
  id: idSchema.describe('A contact cannot move to another company.'),
  firstName: fields.firstName.optional(),
  lastName: fields.lastName.optional(),
  ...optional,
  active: fields.active.optional().describe('false deactivates.'),
};

async function checkLocation(ctx: ToolContext, locationId: number, companyId: number): Promise<void> {
  const loc = await requireRecord(ctx, 'CompanyLocations', locationId, 'company location', 'get_company with includeLocations lists them.');
  if (loc.companyID !== companyId) throw new ToolInputError(`Location ${locationId} belongs to company ${loc.companyID}, not to company ${companyId}. Nothing was sent.`);
}

/** Tool arguments -> Autotask fields (active -> isActive as an integer). */
function toFields(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    if (v === undefined || k === 'id' || k === 'companyID') continue;
    if (k === 'active') out.isActive = v ? 1 : 0;
    else out[k] = v;
  }
  return out;
}

export const createContact = defineWriteTool({
  kind: 'create',
  name: 'create_contact',
  title: 'Create contact',
  description: 'Add a contact (a person at a client company); active by default. Warns when the e-mail is used by another contact.',
  toolset: 'contacts',
  input: createContactInput,
  async plan(args, ctx) {
    const company = await requireRecord(ctx, 'Companies', args.companyID, 'company', 'Use search_companies to find the company id.');
    if (args.companyLocationID !== undefined) await checkLocation(ctx, args.companyLocationID, args.companyID);
    const body: Record<string, unknown> = { companyID: args.companyID, ...toFields(args) };
    const warnings: string[] = [];
    if (company.isActive === false) warnings.push(`Company ${args.companyID} is inactive.`);
    if (args.emailAddress !== undefined) {
      const { items, nextPageUrl } = await ctx.api.query(
        'Contacts',
        { filter: [{ op: 'eq', field: 'emailAddress', value: args.emailAddress }], includeFields: ['id', 'companyID'], maxRecords: 5 },
        { signal: ctx.signal },
      );
      if (items.length) warnings.push(`E-mail ${args.emailAddress} is already used by contact ${items.map((c) => `${c.id} (company ${c.companyID})`).join(', ')}${nextPageUrl ? ' and more' : ''}. Check this is not a duplicate.`);
    }
    return {
      operation: 'create',
      entity: 'Contacts',
      parent: { entity: 'Companies', id: args.companyID },
      body,
      summary: `Add contact ${args.firstName} ${args.lastName} to company ${args.companyID} "${company.companyName ?? ''}"${args.active ? '' : ' (inactive)'}.`,
      warnings,
    } satisfies WritePlan;
  },
});

export const updateContact = defineWriteTool({
  kind: 'update',
  name: 'update_contact',
  title: 'Update contact',
  description: 'Change fields of a contact. Only changed fields are sent; the preview shows current -> new.',
  toolset: 'contacts',
  input: updateContactInput,
  async plan(args, ctx) {
    const current = await requireRecord(ctx, 'Contacts', args.id, 'contact', 'Use search_contacts to find it.');
    const companyId = current.companyID as number;
    if (args.companyLocationID !== undefined) await checkLocation(ctx, args.companyLocationID, companyId);
    const wanted = toFields(args);
    const { body, changes, expected } = await diffUpdate(args.id, current, wanted);
    const name = `contact ${args.id} (${contactName(current)})`;
    assertChanges(changes, name, Object.keys(wanted).length);
    const warnings = body.isActive === 0 ? ['This deactivates the contact: they can no longer be chosen for new tickets.'] : [];
    return {
      operation: 'update',
      entity: 'Contacts',
      parent: { entity: 'Companies', id: companyId },
      id: args.id,
      body,
      summary: `Update ${name} of company ${companyId}: ${changes.map((c) => c.field).join(', ')}.`,
      changes,
      // The route names the company: a contact moved meanwhile is previewed again.
      expected: { ...expected, companyID: companyId },
      warnings,
    } satisfies WritePlan;
  },
});
