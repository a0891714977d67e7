/** search_contacts and get_contact. */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { idSchema, paginationShape } from '../shared.js';
import { autoColumns, compactRecord } from '../query/render.js';
import { recordResult } from '../rows.js';
import { UTC } from '../dates.js';
import { containsAny, personNameFilter } from '../filters.js';
import { listResult } from '../lists.js';
import { notFound } from '../records.js';
import { getOutput, listOutput } from '../output.js';
import { CONTACT_COLUMNS, CONTACT_LIST_FIELDS, CONTACT_UNTRUSTED_FIELDS } from './common.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const searchContactsInput = {
  name: text(100).optional().describe('One word: first or last name contains it; "First Last": both.'),
  email: text(254).optional().describe('Part of any of its e-mail addresses.'),
  companyID: z.number().int().nonnegative().optional().describe('search_companies gives ids.'),
  active: z.boolean().optional(),
  phone: text(32).optional().describe('Part of any of its phone numbers.'),
  primaryOnly: z.boolean().optional().describe("true: only each company's primary contact."),
  ...paginationShape,
};

export const searchContacts = defineReadTool({
  name: 'search_contacts',
  title: 'Search contacts',
  description: 'Find contacts, the people at client companies (filters combine with AND): id, name, company, e-mail, phones, job title, active. The id is the contactID other tools take.',
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
  description: 'One contact by id with every non-empty field, company name and user-defined fields.',
  toolset: 'contacts',
  input: { id: idSchema },
  output: getOutput,
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
