/** Ticket, project and company notes: picklists and write rules. */
import type { Evidence } from './types.js';

export const NOTES_EVIDENCE: Evidence[] = [
  {
    id: 'notes.ticket-publish-values',
    behaviour: 'TicketNotes.publish lists 1 All Autotask Users, 2 Internal Project Team, 4 Internal & Co-Managed (no 3); any other value is refused with a 500 (demo tenant and test seeds; TaskNotes share the list).',
    status: 'verified',
    sources: [
      'sandbox log (TicketNotes/entityInformation/fields of a live tenant, 2026-06-01, DECISIONS.md found by the code index)',
      'official: "Note types" (Ticket/Task note types share one Publish To list)',
    ],
  },
  {
    id: 'notes.project-publish-values',
    behaviour: 'ProjectNotes.publish lists 1 All Autotask Users, 2 Internal Project Team, 3 Project Team.',
    status: 'verified',
    sources: ['WYRE-AI/autotask-mcp #41 (publish 1=All Autotask Users, 2=Internal Project Team, 3=Project Team)'],
  },
  {
    id: 'notes.ticket-title-required',
    behaviour: 'With the seed option requireTicketNoteTitles (the ticket category setting "Require titles on ticket notes"; on in the demo tenant and the test seed) a ticket note created or updated without a title is refused with a 500.',
    status: 'verified',
    sources: [
      'official: "TicketNotes" entity page (title: the API respects the "Require titles on ticket notes" Ticket Category setting and enforces it)',
      'Anteris-Dev/autotask-client TicketNoteEntity.php (generated from live metadata: title is a non-nullable string)',
    ],
    realDiffers: 'Autotask decides per ticket category; the fake applies the setting to every ticket. The error text is [unverified].',
  },
];
