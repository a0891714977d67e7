/** Company fields and the compact company row shared by the company tools. */
import { field, flag, label, ref, text, type Column } from '../rows.js';

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

/** Text staff or clients typed (the autotask:// resources list it). */
export const COMPANY_UNTRUSTED_FIELDS = ['companyName', 'address1', 'address2', 'additionalAddressInformation', 'webAddress', 'phone', 'fax', 'alternatePhone1', 'alternatePhone2', 'city', 'state', 'postalCode'];

/** A company row: what "which company is it" needs, and its id for every other tool. */
export const COMPANY_COLUMNS: Column[] = [
  field('id'),
  text('companyName'),
  field('companyNumber'),
  label('companyType'),
  flag('isActive'),
  text('phone'),
  text('city'),
  text('postalCode'),
  ref('ownerResourceID'),
  ref('parentCompanyID'),
];
