/**
 * Search paging (tools/shared.ts queryPage) asks for `id > last id` and relies on Autotask
 * answering in ascending id order (evidence row results.ascending-id-order, unverified). One page
 * of up to 100 ids, then a count proves the page holds exactly the lowest ids. Newest-first paging
 * (tools/paging.ts) also relies on creation dates growing with ids (paging.creation-date-follows-id):
 * the same page's creation dates show whether they do.
 */
import { instantMs } from '../../tools/dates.js';
import { CREATION_SKEW_MS, creationDateField } from '../../tools/paging.js';
import { commonFix, explain, rethrowBudget } from '../explain.js';
import { remember } from '../samples.js';
import { fail, pass, warn, type Check, type CheckResult } from '../types.js';

const ID = 'query.order';
const PAGE = 100;
const FIX = 'Report this line with the Autotask version: on this tenant the search tools would skip or repeat records across pages.';

export const checkOrder: Check = async (ctx) => {
  const { api, config, emit } = ctx;
  const entity = config.toolsets.includes('tickets') ? 'Tickets' : 'Companies';
  const dateField = creationDateField(entity);
  let ids: number[];
  let dates: Array<number | null>;
  let lower: number;
  try {
    const { items } = await api.query(entity, { filter: [{ op: 'gte', field: 'id', value: 0 }], includeFields: ['id', ...(dateField ? [dateField] : [])], maxRecords: PAGE });
    ids = items.map((r) => r.id);
    dates = items.map((r) => (dateField ? instantMs(r[dateField]) : null));
    remember(ctx, entity, ids);
    if (ids.length < 2) {
      emit(pass(ID, `${entity} has ${ids.length} record(s): too few to see an order (not checked).`, { entity, checked: false }));
      return;
    }
    lower = await api.count(entity, [{ op: 'lte', field: 'id', value: Math.max(...ids) }]);
  } catch (err) {
    rethrowBudget(err);
    emit(fail(ID, `${entity}: the order check could not query: ${explain(err)}`, commonFix(err) ?? FIX));
    return;
  }
  const details = { entity, page: ids.length, first: ids.slice(0, 5) };
  const outOfOrder = ids.findIndex((id, i) => i > 0 && id <= ids[i - 1]);
  if (outOfOrder > 0) {
    emit(fail(ID, `${entity}/query answered ids out of ascending order (${ids.slice(Math.max(0, outOfOrder - 2), outOfOrder + 2).join(', ')}...), but the tools page by ascending id.`, FIX, details));
    return;
  }
  if (lower !== ids.length) {
    emit(fail(ID, `${entity}/query answered ${ids.length} ascending ids, but ${lower} records have an id up to the last of them: the first page is not the lowest ids.`, FIX, { ...details, lower }));
    return;
  }
  emit(pass(ID, `${entity}/query answers in ascending id order (a page of ${ids.length} holds exactly the lowest ids), as the search tools' paging needs.`, details));
  if (dateField) emit(creationOrder(entity, dateField, ids, dates));
};

/** Creation dates must not fall behind those of lower ids by more than the skew newest-first allows. */
function creationOrder(entity: string, field: string, ids: number[], dates: Array<number | null>): CheckResult {
  const id = 'query.creation-order';
  const missing = dates.filter((d) => d === null).length;
  let latest = -Infinity;
  let worst = 0;
  let at = -1;
  dates.forEach((d, i) => {
    if (d === null) return;
    if (latest - d > worst) [worst, at] = [latest - d, i];
    latest = Math.max(latest, d);
  });
  const details = { entity, field, page: ids.length, missing, maxBehindMs: worst };
  const fix = `Search newest first could misplace such records: use order="oldest" for ${entity} searches and report this line with the Autotask version.`;
  if (missing) return warn(id, `${missing} of ${ids.length} ${entity} records have no ${field}.`, fix, details);
  if (worst > CREATION_SKEW_MS) return warn(id, `${entity} ${ids[at]} was created ${Math.round(worst / 60_000)} min before a record with a lower id (more than the ${CREATION_SKEW_MS / 60_000} min newest-first allows).`, fix, details);
  return pass(id, `${entity}.${field} grows with the id (within ${CREATION_SKEW_MS / 60_000} min on ${ids.length} records), as newest-first paging needs.`, details);
}
