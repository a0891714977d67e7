/**
 * Reading one attachment with its bytes. Only the root entity's GET by id carries `data`
 * (TicketAttachments/{id}, ...; WYRE-AI/autotask-mcp and a sandbox log: the child route
 * Tickets/{id}/Attachments/{id} does not), so metadata and bytes arrive in one request.
 */
import type { AutotaskApi, AutotaskRecord, RequestOptions } from '../../autotask/types.js';
import { isAutotaskError } from '../../autotask/errors.js';
import type { AttachmentKind } from './kinds.js';

/** Autotask answers a GET by id of a missing attachment with HTTP 500 "Attachment could not be found." (sandbox log). */
export function isAttachmentNotFound(err: unknown): boolean {
  return isAutotaskError(err) && err.status === 500 && err.details.some((d) => /attachment could not be found/i.test(d));
}

/** The attachment with its bytes, or null when Autotask has none with that id. */
export async function fetchAttachment(api: AutotaskApi, kind: AttachmentKind, id: number, opts: RequestOptions): Promise<AutotaskRecord | null> {
  try {
    return await api.get(kind.entity, id, opts);
  } catch (err) {
    if (isAttachmentNotFound(err)) return null;
    throw err;
  }
}

/** Whether the record belongs to the parent the caller named (an attachment of another ticket is "not found" here). */
export function belongsTo(record: AutotaskRecord, kind: AttachmentKind, parentId: number): boolean {
  return record[kind.idField] === parentId;
}
