/** What a query answers: the order of its results and the fields IncludeFields returns. */
import type { Evidence } from './types.js';

export const RESULTS_EVIDENCE: Evidence[] = [
  {
    id: 'results.ascending-id-order',
    behaviour:
      'Query results come back in ascending id order, and each nextPageUrl continues after the last id of the page; our keyset paging (id > last id) relies on it. The fake option resultOrder "descending" models a tenant that answers newest first.',
    status: 'unverified',
    sources: [
      'official: "Advanced query features of the REST API" (Paginating results) states page size and nextPageUrl, no order',
      'our reading: the id-based paging token (previousIds / nextIds) only works over an id order',
    ],
    doctorCheck: 'query.order',
  },
  {
    id: 'results.no-prev-page-url',
    behaviour: 'pageDetails.prevPageUrl is always null: the fake offers no backwards paging (no client we know of uses it).',
    status: 'unverified',
    sources: ['our reading: official "Advanced query features of the REST API" names prevPageUrl but no client we know of follows it'],
  },
  {
    id: 'results.include-fields',
    behaviour:
      'IncludeFields returns id plus exactly the named fields (and userDefinedFields where the entity has UDFs); a name that is not a field is a 400 (fields documented as not queryable: fields.query-error-include-fields).',
    status: 'unverified',
    sources: [
      'official: "Advanced query features of the REST API" (Specifying fields to return: any field the entity contains, UDFs too; Id needed beyond 500 results)',
      'our reading: whether a non-queryable or unknown name fails the request is stated nowhere',
    ],
    doctorCheck: 'fields.*',
  },
];
