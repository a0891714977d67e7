/** Limits and version facts the fake reports. */
import type { Evidence } from './types.js';

export const LIMITS_EVIDENCE: Evidence[] = [
  {
    id: 'limits.thread-limit',
    behaviour: 'More than 3 requests in flight for one integration code and entity endpoint are refused (HTTP 429, "Thread Threshold Exceeded (Itgenatr005)"); zoneInformation is not limited; child routes count to their parent endpoint.',
    status: 'verified',
    sources: [
      'official: "Thread limiting" (three per object endpoint and tracking identifier; "ZoneInformation requests are not subject to thread limiting")',
      'msoukhomlinov/n8n-nodes-autotask helpers/http/retryHandler.ts (Itgenatr005 / "Thread Threshold Exceeded")',
    ],
    realDiffers: '[unverified] the HTTP status and exact body of the refusal (n8n handles it with and without 429), and whether Tickets/{id}/Notes counts to Tickets or TicketNotes.',
  },
  {
    id: 'limits.threshold-information',
    behaviour: 'GET V1.0/ThresholdInformation answers externalRequestThreshold (10,000 unless a test sets usage.limit), requestThresholdTimeframe 60 (minutes) and currentTimeframeRequestCount: the authenticated requests counted so far, this one included, plus usage.others (requests of other integrations, a test control).',
    status: 'verified',
    sources: [
      'official: "Thresholds and limits" (10,000 external requests per hour per database)',
      'tphakala/go-autotask ThresholdMonitor (reads currentTimeframeRequestCount and externalRequestThreshold)',
      'msoukhomlinov/n8n-nodes-autotask helpers/http/rateLimit.ts (the same three fields)',
    ],
    realDiffers: '[unverified] whether the ThresholdInformation request counts itself; the real count is a rolling 60-minute window shared by every integration of the tenant, the fake never forgets a request.',
  },
  {
    id: 'limits.version-shape',
    behaviour: 'GET V1.0/Version answers an object with the application version (majorVersion, minorVersion, build, customerType).',
    status: 'unverified',
    sources: ['official: "REST API calls" lists the Version resource; the field names and values are our reading'],
  },
  {
    id: 'limits.child-list-one-page',
    behaviour: 'A child list GET ({Parent}/{id}/{Child}) answers every child in one page (nextPageUrl null).',
    status: 'unverified',
    sources: ['our reading: no source shows paging of child lists; the tools never list children this way (they query the root entity by parent id)'],
  },
];
