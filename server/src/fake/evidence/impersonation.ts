/** Resource impersonation: the ImpersonationResourceId header on writes (src/fake/impersonation.ts). */
import type { Evidence } from './types.js';

const WSAPI = 'official: Admin "Web Services API security settings"';

export const IMPERSONATION_EVIDENCE: Evidence[] = [
  {
    id: 'impersonation.write-on-behalf',
    behaviour: 'A create or update sent with ImpersonationResourceId is made on behalf of that resource: a new record names it as creator (creatorResourceID) and keeps the API user in impersonatorCreatorResourceID; an update sets impersonatorUpdaterResourceID to the API user.',
    status: 'verified',
    sources: [
      `${WSAPI} ("Impersonation allows API users to add and edit items on behalf of another resource")`,
      'Swagger of the REST API: optional header ImpersonationResourceId ("Impersonation Resource Key"); models expose impersonatorCreatorResourceID / impersonatorUpdaterResourceID (reference §2, §7)',
      'WYRE-AI/autotask-mcp #259 (the header drives impersonation; impersonatorCreatorResourceID records it and is read-only)',
    ],
    realDiffers: '[unverified] which creator field each entity fills; the fake fills its creator fields (creatorResourceID, createdByResourceID, attachedByResourceID) with the impersonated resource.',
  },
  {
    id: 'impersonation.supported-entities',
    behaviour: 'Only creates and updates of the entities Autotask lists for impersonation (tickets, ticket/project/task/company notes, time entries, companies, contacts, attachments and a few more) take the header; others are refused with it.',
    status: 'verified',
    sources: [
      'msoukhomlinov/n8n-nodes-autotask nodes/Autotask/helpers/impersonation.ts (the list, from the REST entities overview; the header is left out elsewhere)',
      `${WSAPI} ("add and edit items": no deletes)`,
    ],
    realDiffers: '[unverified] that Autotask refuses the header on other entities or on DELETE rather than ignoring it; the fake refuses so a client that sends it there is caught (ours never does).',
  },
  {
    id: 'impersonation.api-only-resource',
    behaviour: 'A resource with an API-only security level (the API user itself) cannot be impersonated: the write is refused.',
    status: 'verified',
    sources: [`${WSAPI} ("API Only security levels do not support impersonation")`],
  },
  {
    id: 'impersonation.resource-level-allows',
    behaviour: 'Only resources whose security level has "Allow impersonation of resources with this security level" can be impersonated (seed impersonation.resources); others are refused.',
    status: 'verified',
    sources: [
      `${WSAPI} ("This setting controls whether resources with this security level can be impersonated via the API"; "cleared by default for all security levels")`,
      'help.deskdirector.com "Autotask Resource Impersonation" (the setting is on the impersonated resource\'s level, not the API user\'s)',
    ],
  },
  {
    id: 'impersonation.api-user-entity-permission',
    behaviour: "The API user's security level must allow impersonation per entity and operation (add, edit; seed impersonation.apiUser); without it the impersonated write is refused.",
    status: 'verified',
    sources: [
      `${WSAPI} (the Resource Impersonation section of API Only security levels has its own options)`,
      'help.topleft.team "Impersonate Autotask Resources from TopLeft" (Web Services API object table: Add / Edit checked per object to enable impersonation)',
    ],
  },
  {
    id: 'impersonation.refusal-shape',
    behaviour: 'A refused impersonation is HTTP 500 with an errors[] text saying the resource "does not have the adequate permissions".',
    status: 'unverified',
    sources: [
      'msoukhomlinov/n8n-nodes-autotask nodes/Autotask/helpers/http/request.ts recognises the refusal by "does not have the adequate permissions" (the text); the status is our reading (Autotask answers business-rule errors with 500).',
    ],
  },
  {
    id: 'impersonation.bad-resource',
    behaviour: 'A header that is not a positive integer, or names no active resource, is refused with a 500.',
    status: 'unverified',
    sources: ['No source shows it; refused like other bad values so a client bug shows.'],
  },
  {
    id: 'impersonation.reads-ignore',
    behaviour: 'Reads (GET, queries) ignore the header.',
    status: 'unverified',
    sources: ['WYRE-AI/autotask-mcp deployment notes: impersonation only affects write attribution; our client never sends it on reads.'],
  },
];
