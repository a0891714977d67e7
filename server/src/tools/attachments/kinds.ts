/**
 * Attachment parents as data. Metadata lives in the root entity (queried by parent id, `data`
 * is always null there); the bytes come only from the child route
 * `GET {Parent}/{parentId}/Attachments/{attachmentId}`.
 */
export interface AttachmentKind {
  key: 'ticket' | 'project' | 'company';
  entity: string;
  parentEntity: string;
  /** Field holding the parent's id on the root attachment entity. */
  parentField: string;
  /** autotask://{uriSegment}/{pid}/attachments/{id} */
  uriSegment: string;
}

export const ATTACHMENT_KINDS: Record<AttachmentKind['key'], AttachmentKind> = {
  ticket: { key: 'ticket', entity: 'TicketAttachments', parentEntity: 'Tickets', parentField: 'parentID', uriSegment: 'tickets' },
  project: { key: 'project', entity: 'ProjectAttachments', parentEntity: 'Projects', parentField: 'parentID', uriSegment: 'projects' },
  company: { key: 'company', entity: 'CompanyAttachments', parentEntity: 'Companies', parentField: 'parentID', uriSegment: 'companies' },
};

export const PARENT_TYPES = ['ticket', 'project', 'company'] as const;

/*
 * Listings send no IncludeFields: fileSize (and data, creatorType) "will return an error when
 * queried" (official attachment entity pages), so they may not be named there [unverified], and
 * without IncludeFields a query returns fileSize with data null (Anteris-Dev/autotask-client #69).
 */

export function attachmentUri(kind: AttachmentKind, parentId: number, id: number): string {
  return `autotask://${kind.uriSegment}/${parentId}/attachments/${id}`;
}
