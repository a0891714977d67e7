/**
 * Per-entity limits on what a query may ask, beyond the per-term checks in ./query.ts.
 *
 * TicketHistory: "The API TicketHistory entity query requires users to supply and only accepts a
 * single TicketID Equals filter. Attempting to filter by any other fields or operators will
 * return an error. Attempting to use multiple filters during one query call will also return an
 * error." (official SOAP TicketHistory page; n8n-nodes-autotask refuses the same before calling
 * REST). [unverified] the refusal's status and text: answered like the fake's other query errors.
 */
import type { EntitySpec } from '../catalogue/types.js';
import { badRequest } from './errors.js';
import { getCi, isPlainObject } from './values.js';

function isSingleTicketEq(filter: unknown): boolean {
  if (!Array.isArray(filter) || filter.length !== 1 || !isPlainObject(filter[0])) return false;
  const term = filter[0];
  const field = getCi(term, 'field');
  return getCi(term, 'op') === 'eq' && typeof field === 'string' && field.toLowerCase() === 'ticketid' && getCi(term, 'udf') !== true;
}

/** Throws Autotask's refusal when the query model asks more than the entity allows. */
export function checkEntityQuery(entity: EntitySpec, model: unknown): void {
  if (entity.name === 'TicketHistory' && isPlainObject(model) && !isSingleTicketEq(getCi(model, 'filter'))) {
    throw badRequest('TicketHistory queries accept only a single ticketID eq filter (no other fields, operators or terms).');
  }
}
