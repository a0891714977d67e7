/** Contact fields and text rendering shared by the contact tools. */
import { untrusted, untrustedOr } from '../shared.js';

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

const s = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

export function contactName(c: Record<string, unknown>): string {
  return [c.firstName, c.lastName].map(s).filter(Boolean).join(' ') || '(no name)';
}

export function contactLine(c: Record<string, unknown>): string {
  const parts = [
    `contact ${c.id}`,
    `company: ${untrustedOr(c.companyName, c.companyID)}${c.companyID !== undefined ? ` (id ${c.companyID})` : ''}`,
    // Contacts.isActive is an integer in Autotask: 1 active, 0 inactive.
    c.isActive === 0 ? 'INACTIVE' : 'active',
  ];
  if (c.primaryContact === true) parts.push('primary contact');
  if (c.emailAddress) parts.push(`email: ${untrusted(String(c.emailAddress))}`);
  if (c.phone) parts.push(`phone: ${untrusted(`${c.phone}${c.extension ? ` ext ${c.extension}` : ''}`)}`);
  if (c.mobilePhone) parts.push(`mobile: ${untrustedOr(c.mobilePhone)}`);
  if (c.title) parts.push(`job title: ${untrusted(String(c.title))}`);
  return `- ${untrusted(contactName(c))} | ${parts.join(' | ')}`;
}
