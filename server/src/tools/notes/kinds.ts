/**
 * The three note kinds as data. Ticket and project notes share one shape (title, description,
 * noteType, publish); company notes are Autotask "account notes" with a different shape
 * (name, note, actionType, assigned resource, start/end time, and no publish field: they are
 * never shown to the client). One implementation (./implementations.ts) reads this table.
 */
import { z } from 'zod';
import { idSchema } from '../shared.js';
import { isoDateSchema, toInstant } from '../dates.js';

export interface NoteKind {
  /** ticket | project | company: the parentType of list_notes / get_note / create_note. */
  key: 'ticket' | 'project' | 'company';
  /** Root entity queried for lists and gets. */
  entity: string;
  /** Parent root entity; notes are created through `POST {parent}/{id}/Notes`. */
  parentEntity: string;
  parentField: string;
  /** How to name the parent in summaries. */
  parentDisplay: (parent: Record<string, unknown>) => string;
  titleField: string;
  /**
   * Length of the title field when the tenant's metadata reports none (0): Autotask's own field
   * metadata as exported by the SOAP API (ecitsolutions/Autotask New-Atws*Note ValidateLength).
   */
  titleLengthFallback: number;
  textField: string;
  /** Picklist of the note type. */
  typeField: string;
  /** Whether the entity has a publish picklist (company notes do not). */
  hasPublish: boolean;
  dateField: string;
  /** Extra create inputs and how they become body fields. */
  extraInput: z.ZodRawShape;
  /** `zone`: the tenant time zone, for date inputs without an offset. */
  extraBody(args: Record<string, unknown>, now: Date, zone: string): Record<string, unknown>;
  /** Extra inputs that name records (checked before a preview, through the names cache: Autotask refuses dangling ones). */
  references?: Array<{ field: string; lookup: 'resource' | 'contact'; what: string; hint: string }>;
}

export const NOTE_KINDS: NoteKind[] = [
  {
    key: 'ticket',
    entity: 'TicketNotes',
    parentEntity: 'Tickets',
    parentField: 'ticketID',
    parentDisplay: (p) => `ticket ${p.ticketNumber ?? p.id}`,
    titleField: 'title',
    titleLengthFallback: 250,
    textField: 'description',
    typeField: 'noteType',
    hasPublish: true,
    dateField: 'createDateTime',
    extraInput: {},
    extraBody: () => ({}),
  },
  {
    key: 'project',
    entity: 'ProjectNotes',
    parentEntity: 'Projects',
    parentField: 'projectID',
    parentDisplay: (p) => `project ${p.projectNumber ?? p.id} "${p.projectName ?? ''}"`,
    titleField: 'title',
    titleLengthFallback: 250,
    textField: 'description',
    typeField: 'noteType',
    hasPublish: true,
    dateField: 'createDateTime',
    extraInput: {
      isAnnouncement: z.boolean().default(false).describe('true: show the note as a project announcement (default false).'),
    },
    extraBody: (args) => ({ isAnnouncement: args.isAnnouncement ?? false }),
  },
  {
    key: 'company',
    entity: 'CompanyNotes',
    parentEntity: 'Companies',
    parentField: 'companyID',
    parentDisplay: (p) => `company "${p.companyName ?? p.id}"`,
    titleField: 'name',
    titleLengthFallback: 128,
    textField: 'note',
    typeField: 'actionType',
    hasPublish: false,
    dateField: 'createDateTime',
    extraInput: {
      assignedResourceID: idSchema.describe('Technician the note is recorded for (required by Autotask; search_resources gives ids).'),
      contactID: idSchema.optional().describe('Contact the note is about (optional).'),
      noteDateTime: isoDateSchema.optional().describe('When the noted activity happened (ISO). Default: the start of the current hour (UTC).'),
    },
    extraBody: (args, now, zone) => {
      // Autotask requires start and end of the activity. The default must be the same on the
      // preview and the confirming call (the token binds the body), so it is the current hour.
      const at = typeof args.noteDateTime === 'string' ? toInstant(args.noteDateTime, zone, 'noteDateTime') : startOfHour(now);
      return {
        assignedResourceID: args.assignedResourceID,
        ...(args.contactID !== undefined ? { contactID: args.contactID } : {}),
        startDateTime: at,
        endDateTime: at,
      };
    },
    references: [
      { field: 'assignedResourceID', lookup: 'resource', what: 'resource', hint: 'search_resources gives ids.' },
      { field: 'contactID', lookup: 'contact', what: 'contact', hint: 'search_contacts gives ids.' },
    ],
  },
];

function startOfHour(d: Date): string {
  const h = new Date(d);
  h.setUTCMinutes(0, 0, 0);
  return h.toISOString();
}
