/** search_contacts and get_contact. */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { idSchema, paginationShape } from '../shared.js';
import { autoColumns, compactRecord } from '../query/render.js';
import { recordResult } from '../rows.js';
import { UTC } from '../dates.js';
import { containsAny, listOutput, listResult, notFound, personNameFilter } from '../companies/listing.js';
import { getOutput } from '../output.js';
import { CONTACT_COLUMNS, CONTACT_LIST_FIELDS, CONTACT_UNTRUSTED_FIELDS } from './common.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const searchContactsInput = {
  name: text(100).optional().describe('Name: one word matches first or last name (contains); "First Last" matches both parts.'),
  email: text(254).optional().describe('Part of an e-mail address (contains; any of the contact\'s three addresses), e.g. "@acme.example".'),
  companyID: z.number().int().nonnegative().optional().describe('Only contacts of this company (search_companies gives ids).'),
  active: z.boolean().optional().describe('true: only active contacts; false: only inactive ones. Omit for both.'),
  phone: text(32).optional().describe('Part of a phone number (contains; office, mobile or alternate phone).'),
  primaryOnly: z.boolean().optional().describe('true: only each company\'s primary contact.'),
  ...paginationShape,
};

export const searchContacts = defineReadTool({
  name: 'search_contacts',
  title: 'Search contacts',
  description:
    'Find client contacts (the people at client companies) by name, e-mail, company, active state, phone, or primary-contact flag. ' +
    'Returns a page of contacts (id, name, company, e-mail, phones, job title, active) with company names filled in, plus hasMore and nextCursor (pass it back as cursor with the same filters). ' +
    'Use the id as contactID in create_ticket / search_tickets. Filters combine with AND.',
  toolset: 'contacts',
  input: searchContactsInput,
  output: listOutput,
  async handler(args, ctx) {
    const filter: FilterExpression[] = [];
    if (args.name !== undefined) filter.push(personNameFilter(args.name));
    if (args.email !== undefined) filter.push(containsAny(['emailAddress', 'emailAddress2', 'emailAddress3'], args.email));
    if (args.companyID !== undefined) filter.push({ op: 'eq', field: 'companyID', value: args.companyID });
    // Contacts.isActive is an INTEGER (1/0) in Autotask; a boolean is refused there.
    if (args.active !== undefined) filter.push({ op: 'eq', field: 'isActive', value: args.active ? 1 : 0 });
    if (args.phone !== undefined) filter.push(containsAny(['phone', 'mobilePhone', 'alternatePhone'], args.phone));
    if (args.primaryOnly) filter.push({ op: 'eq', field: 'primaryContact', value: true });
    return listResult(ctx, {
      entity: 'Contacts',
      what: 'contacts',
      filter,
      args,
      includeFields: CONTACT_LIST_FIELDS,
      columns: CONTACT_COLUMNS,
    });
  },
});

export const getContact = defineReadTool({
  name: 'get_contact',
  title: 'Get contact',
  description:
    'One client contact by id with every non-empty field (company name, location, e-mails, phones, job title, active, primary contact, user-defined fields). ' +
    'States plainly when the contact does not exist. search_contacts finds ids.',
  toolset: 'contacts',
  input: { id: idSchema.describe('Contact id (search_contacts gives it).') },
  output: getOutput('contact'),
  async handler(args, ctx) {
    const found = await ctx.api.get('Contacts', args.id, { signal: ctx.signal });
    if (!found) return notFound('contact', args.id, 'Use search_contacts to find contacts.');
    await ctx.names.enrich('Contacts', [found], ctx.signal);
    const contact = compactRecord(found, { maxText: null, howToGetAll: '' });
    return recordResult({
      head: `Contact ${args.id}:`,
      key: 'contact',
      columns: autoColumns([contact], new Set(CONTACT_UNTRUSTED_FIELDS)),
      record: contact,
      zone: UTC,
    });
  },
});
