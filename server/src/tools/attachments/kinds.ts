/**
 * Attachment parents as data. Everything lives in the root entity: queries return metadata
 * (`data` null), the root GET by id also returns the bytes (./fetch.ts).
 *
 * Lists filter on the parent's entity id (ticketID...), not parentID: per the official "Changes to
 * Attachment entities" (2021.1) a TicketAttachments query needs ticketID and returns the ticket's
 * attachments plus those on its notes and time entries; ProjectAttachments likewise returns those
 * on project notes; and an entity id wins over parentID (AttachmentInfo, ProjectAttachments pages).
 * parentID is the record the file hangs on directly (a note's id for a note's file), which is why
 * filtering on it missed every note attachment (WYRE-AI/autotask-mcp #297).
 *
 * Listings send no IncludeFields: fileSize (and data, creatorType) "will return an error when
 * queried" (official attachment entity pages), so they may not be named there [unverified], and
 * without IncludeFields a query returns fileSize with data null (Anteris-Dev/autotask-client #69).
 */
import { field, instant, label, ref, text, type Column } from '../rows.js';
export interface AttachmentKind {
  key: 'ticket' | 'project' | 'company';
  entity: string;
  parentEntity: string;
  /** The parent's entity id field on the attachment: what lists filter on and how ownership is checked. */
  idField: string;
  /** Records under the parent that carry attachments too: the attachment's field naming one, and what to call it. */
  children: Array<{ field: string; type: string }>;
  /** autotask://{uriSegment}/{pid}/attachments/{id} */
  uriSegment: string;
}

export const ATTACHMENT_KINDS: Record<AttachmentKind['key'], AttachmentKind> = {
  ticket: {
    key: 'ticket',
    entity: 'TicketAttachments',
    parentEntity: 'Tickets',
    idField: 'ticketID',
    children: [{ field: 'timeEntryID', type: 'time entry' }, { field: 'ticketNoteID', type: 'note' }],
    uriSegment: 'tickets',
  },
  // Project attachment queries include project notes' files (ProjectAttachments page); tasks have their own TaskAttachments.
  project: { key: 'project', entity: 'ProjectAttachments', parentEntity: 'Projects', idField: 'projectID', children: [{ field: 'projectNoteID', type: 'project note' }], uriSegment: 'projects' },
  // No page says a companyID query returns company notes' files; if Autotask returns them, they are labelled.
  company: { key: 'company', entity: 'CompanyAttachments', parentEntity: 'Companies', idField: 'companyID', children: [{ field: 'companyNoteID', type: 'company note' }], uriSegment: 'companies' },
};

export const PARENT_TYPES = ['ticket', 'project', 'company'] as const;

export interface AttachedTo {
  /** ticket, note, time entry, project, project note, company, company note */
  type: string;
  id: number;
}

/** What the file hangs on: one of the parent's notes or time entries, or the parent itself. */
export function attachedTo(kind: AttachmentKind, record: Record<string, unknown>, parentId: number): AttachedTo {
  for (const c of kind.children) {
    const id = record[c.field];
    if (typeof id === 'number') return { type: c.type, id };
  }
  return { type: kind.key, id: parentId };
}

/** A table cell: "ticket 41010", "note 30010005", "time entry 31000001". */
export function attachedToCell(to: AttachedTo): string {
  return `${to.type} ${to.id}`;
}

/** "the ticket" / "note 30010005" */
export function attachedToText(kind: AttachmentKind, to: AttachedTo): string {
  return to.type === kind.key ? `the ${kind.key}` : `${to.type} ${to.id}`;
}

export function attachmentUri(kind: AttachmentKind, parentId: number, id: number): string {
  return `autotask://${kind.uriSegment}/${parentId}/attachments/${id}`;
}

/** An attachment row (metadata only): where it hangs, the file, its type and size, when and by whom. */
export const ATTACHMENT_COLUMNS: Column[] = [
  field('id'),
  { key: 'attachedTo', value: (a) => attachedToCell(a.attachedTo as AttachedTo) },
  text('fullPath'),
  text('title'),
  field('contentType'),
  field('fileSize'),
  instant('attachDate'),
  ref('attachedByResourceID'),
  ref('attachedByContactID'),
  label('publish'),
];
