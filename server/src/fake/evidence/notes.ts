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
];
