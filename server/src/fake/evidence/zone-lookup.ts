/** Zone discovery (zoneInformation) and what a zone does once the tenant has left it. */
import type { Evidence } from './types.js';

export const ZONE_EVIDENCE: Evidence[] = [
  {
    id: 'zone.lookup-anonymous',
    behaviour: 'GET zoneInformation?user=... answers without any credential header; every other REST call needs all three.',
    status: 'verified',
    sources: [
      'official: "getZoneInfo()" (SOAP: "does not require authentication or a tracking identifier")',
      'KerkhoffTechnologies/django-autotask djautotask/api.py get_zone_info (plain GET, no headers)',
      'apigrate/autotask-restapi index.js _fetch (zoneInformation fetched with no headers)',
    ],
  },
  {
    id: 'zone.lookup-no-redirect',
    behaviour: 'zoneInformation answers 200 directly on the lookup host; the fake never redirects it.',
    status: 'unverified',
    sources: [
      'No source says whether the REST lookup host redirects. The SOAP getZoneInfo() page says every zone can forward a user agent to the proper zone, and peer clients follow redirects by default (django-autotask requests.get, apigrate/autotask-restapi fetch), so our client follows a zone-lookup redirect to an https webservices*.autotask.net host (at most 3 hops, never with credentials) and refuses any other target.',
    ],
  },
  {
    id: 'zone.moved-tenant-401',
    behaviour: 'After the tenant moved to another zone, the old zone refuses its credentials with 401 and the lookup names the new zone.',
    status: 'unverified',
    sources: [
      'KerkhoffTechnologies/django-autotask djautotask/api.py (MAX_401_ATTEMPTS: on a 401 it re-fetches zone info once, "It could be the case that zone info has been changed", and repeats the request only if the zone url changed)',
      'official: "REST API security and authentication" (failed authentication returns 401)',
    ],
  },
];
