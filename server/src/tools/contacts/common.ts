/** Contact fields and the compact contact row shared by the contact tools. */
import { derived, field, flag, ref, text, type Column } from '../rows.js';
import { personName } from '../enrich.js';

export const CONTACT_LIST_FIELDS = [
  'firstName',
  'lastName',
  'emailAddress',
  'phone',
  'extension',
  'mobilePhone',
  'title',
  'companyID',
  'companyLocationID',
  'isActive',
  'primaryContact',
  'lastActivityDate',
];

/** Names, job titles, e-mail addresses and notes are typed by clients or staff. */
export const CONTACT_UNTRUSTED_FIELDS = [
  'firstName',
  'lastName',
  'middleInitial',
  'title',
  'emailAddress',
  'emailAddress2',
  'emailAddress3',
  'note',
  'addressLine',
  'addressLine1',
  'city',
  'state',
  'zipCode',
  'phone',
  'extension',
  'mobilePhone',
  'alternatePhone',
  'faxNumber',
];

export function contactName(c: Record<string, unknown>): string {
  return personName(c) ?? '(no name)';
}

/** A contact row: who, of which company, how to reach them. Contacts.isActive is 1/0 in Autotask. */
export const CONTACT_COLUMNS: Column[] = [
  field('id'),
  derived('name', (c) => contactName(c), { untrusted: true }),
  ref('companyID'),
  text('emailAddress'),
  derived('phone', (c) => (c.phone ? `${c.phone}${c.extension ? ` ext ${c.extension}` : ''}` : null), { untrusted: true }),
  text('mobilePhone'),
  text('title'),
  flag('isActive'),
  flag('primaryContact'),
];
