/** Device (configuration item) fields and the compact device row shared by its tools. */
import { day, field, flag, label, ref, text, type Column } from '../rows.js';
import { addNames, namedRef } from '../named.js';
import type { ToolContext } from '../types.js';
import type { Rec } from '../rows.js';

export const CI_LIST_FIELDS = [
  'referenceTitle',
  'serialNumber',
  'referenceNumber',
  'companyID',
  'productID',
  'configurationItemType',
  'isActive',
  'contactID',
  'contractID',
  'installDate',
  'warrantyExpirationDate',
];

/** A device row: which device, whose, what it is, and until when it is under warranty. */
export const CI_COLUMNS: Column[] = [
  field('id'),
  text('referenceTitle'),
  text('serialNumber'),
  text('referenceNumber'),
  namedRef('productID', 'products'),
  label('configurationItemType'),
  ref('companyID'),
  ref('contactID'),
  flag('isActive'),
  day('warrantyExpirationDate'),
  namedRef('contractID', 'contracts'),
];

/** Products and contracts are named by explicit batched lookups (enrichment does not know them). */
export async function nameDevices(ctx: ToolContext, records: readonly Rec[]): Promise<void> {
  await Promise.all([addNames(ctx, records, 'productID', 'products'), addNames(ctx, records, 'contractID', 'contracts')]);
}
