/** Attachment entities (TicketAttachments, ProjectAttachments, CompanyAttachments, ...). Fake: ../attachments.ts. */
import type { Evidence } from './types.js';

const SANDBOX = 'sandbox call log (audit of 2026-12-01, shared/reference/autotask-evidence.md)';
const CHANGES = 'official: "Changes to Attachment entities" (Autotask 2021.1)';
const WYRE_GET = 'WYRE-AI/autotask-mcp src/services/autotask.service.ts getTicketAttachment / getTicketNoteAttachment (2026)';

export const ATTACHMENTS_EVIDENCE: Evidence[] = [
  {
    id: 'attachments.root-get-data',
    behaviour: 'GET {X}Attachments/{id} (the root entity) returns the attachment with its base64 data.',
    status: 'verified',
    sources: [
      WYRE_GET + ': "Only the top-level entity endpoint populates data"',
      SANDBOX + ': GET TicketAttachments/{id} returns data',
      'official: ArticleAttachments entity page (a specific attachment is retrieved through the Attachments child endpoint or the <EntityName>Attachments endpoint such as TicketAttachments)',
    ],
  },
  {
    id: 'attachments.root-get-items-wrapper',
    behaviour: 'That GET by id answers {"items":[{...}]}, not {"item":{...}}.',
    status: 'verified',
    sources: [SANDBOX],
    realDiffers: 'Seen once, on TicketAttachments; other attachment roots follow it by analogy. Our client accepts both wrappings.',
  },
  {
    id: 'attachments.root-get-missing-500',
    behaviour: 'A GET by id of an attachment that does not exist is HTTP 500 with errors ["Attachment could not be found."].',
    status: 'verified',
    sources: [SANDBOX + ': HTTP 500 "Attachment could not be found."', '[unverified] the {"errors":[...]} body around that text (Autotask\'s usual error body)'],
  },
  {
    id: 'attachments.child-get-no-data',
    behaviour: 'GET {Parent}/{id}/Attachments/{attachmentId} returns the metadata with data null.',
    status: 'verified',
    sources: [WYRE_GET + ': "The child endpoint never populates the data field"'],
    realDiffers: 'Older clients (apigrate, n8n-nodes-autotask) and our first reference read the bytes from this route; WYRE found it empty against live tenants in 2026.',
  },
  {
    id: 'attachments.query-no-data',
    behaviour: 'Attachment queries return fileSize but data null.',
    status: 'verified',
    sources: ['Anteris-Dev/autotask-client #69 (a returned TicketAttachment with fileSize 2359088.0 and data null)', 'shared/reference/autotask-rest-api.md §2.2 (S4: other approaches yield null for data)'],
  },
  {
    id: 'attachments.query-needs-entity-id',
    behaviour: 'A TicketAttachments / ProjectAttachments / CompanyAttachments query (or count) without a condition on ticketID / projectID / companyID is refused.',
    status: 'verified',
    sources: [CHANGES + ': "a request to the TicketAttachments entity will require a value for the ticketID field"'],
    realDiffers: '[unverified] how Autotask refuses (the fake: HTTP 500 "A TicketAttachments query needs a condition on ticketID."). The other attachment roots are not modelled.',
  },
  {
    id: 'attachments.ticket-query-includes-children',
    behaviour: "A TicketAttachments query on ticketID returns the ticket's attachments and those on its ticket notes and time entries.",
    status: 'verified',
    sources: [
      CHANGES + ': the query "will return all of the attachment information for the ticket, the child ticket notes, and the child time entries"',
      'official: AttachmentInfo (REST API) entity page (a ticketID query returns attachments parented to the ticket and to its TicketNotes and TimeEntries)',
      'WYRE-AI/autotask-mcp #297 (note attachments invisible to a client that filtered otherwise)',
    ],
  },
  {
    id: 'attachments.project-query-includes-notes',
    behaviour: 'A ProjectAttachments query on projectID also returns the attachments of its project notes.',
    status: 'verified',
    sources: ['official: ProjectAttachments entity page ("Query results will include attachments parented to ProjectNotes that are parented to projects with IDs referenced in the request")'],
  },
  {
    id: 'attachments.entity-id-over-parent-id',
    behaviour: 'When such a query names both the entity id (ticketID...) and parentID, the parentID condition is ignored.',
    status: 'verified',
    sources: ['official: AttachmentInfo, ProjectAttachments and ArticleAttachments entity pages ("If your query supplies both an entityID and a parentID, the entityID will take precedence")'],
  },
  {
    id: 'attachments.child-files-in-root',
    behaviour:
      'Files on ticket notes and time entries are TicketAttachments records with ticketID, ticketNoteID or timeEntryID, and parentID = that note or entry (project notes: ProjectAttachments with projectNoteID); a record without ticketID is matched through its note or entry.',
    status: 'unverified',
    sources: [
      '[unverified] parentID as the record the file hangs on directly follows AttachmentInfo (parentID + parentType); whether Autotask fills ticketID on a note\'s file, and whether GET TicketAttachments/{id} returns a note\'s file, are not documented',
      'the fake does not mirror these into TicketNoteAttachments, TimeEntryAttachments or ProjectNoteAttachments',
    ],
    doctorCheck: 'attachments.read',
  },
];
