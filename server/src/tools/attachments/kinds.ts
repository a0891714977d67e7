/**
 * Attachment parents as data. Everything lives in the root entity: queries return metadata
 * (`data` null), the root GET by id also returns the bytes (./fetch.ts).
 */
export interface AttachmentKind {
  key: 'ticket' | 'project' | 'company';
  entity: string;
  parentEntity: string;
  /** Field holding the parent's id on the root attachment entity. */
  parentField: string;
  /** The parent's entity id field (ticketID, projectID, companyID): which parent a record belongs to. */
  idField: string;
  /** autotask://{uriSegment}/{pid}/attachments/{id} */
  uriSegment: string;
}

export const ATTACHMENT_KINDS: Record<AttachmentKind['key'], AttachmentKind> = {
  ticket: { key: 'ticket', entity: 'TicketAttachments', parentEntity: 'Tickets', parentField: 'parentID', idField: 'ticketID', uriSegment: 'tickets' },
  project: { key: 'project', entity: 'ProjectAttachments', parentEntity: 'Projects', parentField: 'parentID', idField: 'projectID', uriSegment: 'projects' },
  company: { key: 'company', entity: 'CompanyAttachments', parentEntity: 'Companies', parentField: 'parentID', idField: 'companyID', uriSegment: 'companies' },
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
