/** Company fields, text rendering and picklist handling shared by the company tools. */
import { untrusted, untrustedOr } from '../shared.js';

export const COMPANY_LIST_FIELDS = [
  'companyName',
  'companyNumber',
  'companyType',
  'isActive',
  'phone',
  'address1',
  'city',
  'state',
  'postalCode',
  'webAddress',
  'ownerResourceID',
  'parentCompanyID',
  'lastActivityDate',
];

/** Text staff or clients typed: shown inside <untrusted-data> markers. */
export const COMPANY_UNTRUSTED_FIELDS = ['companyName', 'address1', 'address2', 'additionalAddressInformation', 'webAddress', 'phone', 'fax', 'alternatePhone1', 'alternatePhone2', 'city', 'state', 'postalCode'];

const s = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

export function companyLine(c: Record<string, unknown>): string {
  const parts = [
    `company ${c.id}${c.companyNumber ? ` (${c.companyNumber})` : ''}`,
    `type: ${s(c.companyTypeLabel) ?? s(c.companyType) ?? '-'}`,
    c.isActive === false ? 'INACTIVE' : 'active',
  ];
  if (c.phone) parts.push(`phone: ${untrustedOr(c.phone)}`);
  const place = [c.city, c.state, c.postalCode].map(s).filter(Boolean).join(', ');
  if (place) parts.push(`location: ${untrusted(place)}`);
  if (c.ownerResourceID) parts.push(`account manager: ${untrustedOr(c.ownerResourceName, c.ownerResourceID)}`);
  if (c.parentCompanyID) parts.push(`parent: ${untrustedOr(c.parentCompanyName, c.parentCompanyID)}`);
  if (c.id === 0) parts.push('this is your own company (id 0)');
  return `- ${untrusted(s(c.companyName) ?? '(no name)')} | ${parts.join(' | ')}`;
}
