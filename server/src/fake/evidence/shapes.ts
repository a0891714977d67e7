/** Small wire shapes: how refusals and zone discovery look on a live tenant. */
import type { Evidence } from './types.js';

export const SHAPES_EVIDENCE: Evidence[] = [
  {
    id: 'shapes.method-not-allowed-message',
    behaviour: "A verb the route does not support is a 405 whose whole body is {\"Message\":\"The requested resource does not support http method 'X'.\"} (ASP.NET routing), not Autotask's errors[].",
    status: 'verified',
    sources: ['WYRE-AI/autotask-mcp PR #170 (live log: HTTP 405 {"Message":"The requested resource does not support http method \'GET\'."})'],
  },
  {
    id: 'shapes.max-records-range',
    behaviour: 'A MaxRecords outside 1..500 is refused, never clamped: HTTP 500 "maxCountOfRecordsToReturn must be between 1 and 500" (carried in errors[], which the source does not show).',
    status: 'verified',
    sources: ['WYRE-AI/autotask-mcp src/services/autotask-http.ts (AUTOTASK_MAX_PAGE_SIZE) and CHANGELOG: MaxRecords 20000 answered HTTP 500 with that text'],
  },
  {
    id: 'shapes.max-records-type',
    behaviour: 'A MaxRecords that is not an integer (2.5, "10") is a 400 with errors[].',
    status: 'unverified',
    sources: ['our reading: no source shows Autotask\'s answer; Json.NET would fail to bind it'],
  },
  {
    id: 'shapes.zone-name',
    behaviour: 'zoneInformation names the zone with a short code such as "AE02" (not a description).',
    status: 'verified',
    sources: ['WYRE-AI/autotask-mcp #46 (zone AE02 = webservices14.autotask.net, from GET zoneInformation)'],
  },
];
