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

/**
 * Whether the attachment belongs to the parent asked for (one of another ticket is "not found"
 * here). Its entity id field says so; a record without one (e.g. a note's file, if Autotask leaves
 * ticketID empty there [unverified]) is checked with the documented query on that id field, which
 * also covers the parent's notes and time entries.
 */
export async function belongsTo(api: AutotaskApi, kind: AttachmentKind, record: AutotaskRecord, parentId: number, opts: RequestOptions): Promise<boolean> {
  const owner = record[kind.idField];
  if (typeof owner === 'number') return owner === parentId;
  const filter = [
    { op: 'eq' as const, field: kind.idField, value: parentId },
    { op: 'eq' as const, field: 'id', value: record.id },
  ];
  const { items } = await api.query(kind.entity, { filter, includeFields: ['id'], maxRecords: 1 }, opts);
  return items.some((i) => i.id === record.id);
}
