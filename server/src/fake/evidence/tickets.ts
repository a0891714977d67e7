/** Ticket write rules. */
import type { Evidence } from './types.js';

export const TICKETS_EVIDENCE: Evidence[] = [
  {
    id: 'tickets.create-needs-owner',
    behaviour: 'A new ticket with no queueID, assignedResourceID or assignedResourceRoleID is refused: 500 "assignedResourceID, assignedResourceRoleID, and queueID cannot all be empty. Supply a queueID or both an assignedResourceID and assignedResourceRoleID."',
    status: 'verified',
    sources: [
      'sandbox log (POST Tickets against a live tenant, 2026-06-04, DECISIONS.md found by the code index)',
      'WYRE-AI/msp-claude-plugins #31 (a working create sends queueID)',
    ],
  },
  {
    id: 'tickets.assignment-pair',
    behaviour: 'A new ticket with assignedResourceID but no assignedResourceRoleID (or the reverse) is refused: 500 "When assigning a Resource, you must assign both a assignedResourceID and assignedResourceRoleID."',
    status: 'verified',
    sources: ['WYRE-AI/msp-claude-plugins #31 (create with assignedResourceID alone answered that text)'],
    realDiffers: 'Only the resource-without-role create is attested; that a role alone, or an update, is refused the same way is [unverified] (the fake checks creates only).',
  },
];
