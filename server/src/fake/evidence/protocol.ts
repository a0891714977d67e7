/** Request, paging and error shapes common to every entity. */
import type { Evidence } from './types.js';

export const PROTOCOL_EVIDENCE: Evidence[] = [
  {
    id: 'protocol.next-page-post-body',
    behaviour: 'A query continues by POSTing the original query body to pageDetails.nextPageUrl; a GET of it is a 405.',
    status: 'verified',
    sources: ['WYRE-AI/autotask-mcp PR #170', 'msoukhomlinov/n8n-nodes-autotask', 'panoramicdata .NET client tests'],
  },
  {
    id: 'protocol.patch-collection',
    behaviour: 'Updates are PATCH /{Entity} with the id in the body; PATCH /{Entity}/{id} is a 405.',
    status: 'verified',
    sources: ['msoukhomlinov/n8n-nodes-autotask 2.13.2'],
  },
  {
    id: 'protocol.ne-rejected',
    behaviour: "An unknown operator such as 'ne' is rejected (not-equal is 'noteq').",
    status: 'verified',
    sources: ['official: "Making basic query calls to the REST API" (filter operators: eq, noteq, gt, gte, lt, lte, beginsWith, endsWith, contains, exist, notExist, in, notIn)'],
    realDiffers: 'WYRE-AI/autotask-mcp PR #211: a live tenant silently ignores an ne term and returns unfiltered rows ("500 rows, 100% Complete"). The fake rejects it so a tool that sends it can never pass a test.',
  },
];
