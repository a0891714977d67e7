/**
 * Autotask resource impersonation: a write sent with the ImpersonationResourceId header is made
 * on behalf of that resource (it shows as the creator or editor, and Autotask applies that
 * resource's permissions). Autotask supports it for creates and updates ("add and edit items on
 * behalf of another resource") of the entities below; other writes run as the API user.
 * Evidence rows impersonation.* (src/fake/evidence/impersonation.ts).
 */
export const IMPERSONATION_HEADER = 'ImpersonationResourceId';

/** Root entities (lower case) that take the header, per the entities overview of the REST help. */
export const IMPERSONATION_ENTITIES: ReadonlySet<string> = new Set([
  'attachmentinfo',
  'companies',
  'companynotes',
  'companytodos',
  'configurationitems',
  'configurationitemnotes',
  'contacts',
  'contractnotes',
  'inventoryitems',
  'inventorylocations',
  'opportunities',
  'products',
  'productnotes',
  'projects',
  'projectnotes',
  'purchaseorders',
  'quotes',
  'salesorders',
  'servicecalls',
  'subscriptions',
  'tasknotes',
  'tickets',
  'ticketnotes',
  'timeentries',
]);

/** Whether a write of this entity can carry the header (attachments are AttachmentInfo records). */
export function supportsImpersonation(entity: string, operation: 'create' | 'update' | 'delete'): boolean {
  if (operation === 'delete') return false;
  const e = entity.toLowerCase();
  return IMPERSONATION_ENTITIES.has(e) || e.endsWith('attachments');
}

/** The text Autotask's refusal of an impersonated write contains (msoukhomlinov/n8n-nodes-autotask matches it). */
export const IMPERSONATION_DENIED = /does not have the adequate permissions/i;
