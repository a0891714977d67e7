/** What newest-first paging (tools/paging.ts) assumes of a tenant's records. */
import type { Evidence } from './types.js';

export const PAGING_EVIDENCE: Evidence[] = [
  {
    id: 'paging.creation-date-follows-id',
    behaviour:
      'A record created later has a higher id, and its creation date (read-only createDate / createDateTime / attachDate, stamped by Autotask) runs at most 10 minutes behind that of any lower id; the demo tenant is generated that way.',
    status: 'unverified',
    sources: [
      'official: SOAP "query()" page (results "sorted by their id value"; continue with "id > the previous maximum id") implies ids in creation order',
      'our reading: the creation fields are read-only in the entity metadata, so Autotask sets them at creation; the 10-minute skew allowance is ours',
    ],
    doctorCheck: 'query.creation-order',
  },
];
