/**
 * What attachment entities do differently from other entities (each behaviour has a row in
 * evidence/attachments.ts): the bytes come only from the root GET by id, which answers with an
 * items array, and a missing attachment there is an HTTP 500.
 */
import type { EntitySpec } from '../catalogue/types.js';
import type { Store } from './store.js';
import { writeError } from './errors.js';

/** Autotask's text for a GET by id of an attachment that does not exist (sandbox log). */
export const ATTACHMENT_NOT_FOUND = 'Attachment could not be found.';

/** TicketAttachments, ProjectAttachments, ... : the root entities that carry base64 `data`. */
export function isAttachmentEntity(entity: EntitySpec): boolean {
  return /Attachments$/.test(entity.name) && entity.fields.some((f) => f.name === 'data');
}

/** GET {X}Attachments/{id}: `{items:[record with data]}`, or 500 when there is none. */
export function attachmentRootGet(store: Store, entity: EntitySpec, id: number): { items: Array<Record<string, unknown>> } {
  const record = store.get(entity, id);
  if (!record) throw writeError(ATTACHMENT_NOT_FOUND);
  return { items: [store.toWire(entity, record, { withData: true })] };
}
