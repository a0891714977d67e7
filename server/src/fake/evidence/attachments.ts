/** Attachment entities (TicketAttachments, ProjectAttachments, CompanyAttachments, ...). Fake: ../attachments.ts. */
import type { Evidence } from './types.js';

const SANDBOX = 'sandbox call log (audit of 2026-12-01, shared/reference/autotask-evidence.md)';
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
];
