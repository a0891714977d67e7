/**
 * Search paging (tools/shared.ts queryPage) asks for `id > last id` and relies on Autotask
 * answering in ascending id order (evidence row results.ascending-id-order, unverified). One page
 * of up to 100 ids, then a count proves the page holds exactly the lowest ids.
 */
import { commonFix, explain, rethrowBudget } from '../explain.js';
import { remember } from '../samples.js';
import { fail, pass, type Check } from '../types.js';

const ID = 'query.order';
const PAGE = 100;
const FIX = 'Report this line with the Autotask version: on this tenant the search tools would skip or repeat records across pages.';

export const checkOrder: Check = async (ctx) => {
  const { api, config, emit } = ctx;
  const entity = config.toolsets.includes('tickets') ? 'Tickets' : 'Companies';
  let ids: number[];
  let lower: number;
  try {
    const { items } = await api.query(entity, { filter: [{ op: 'gte', field: 'id', value: 0 }], includeFields: ['id'], maxRecords: PAGE });
    ids = items.map((r) => r.id);
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
  const outOfOrder = ids.findIndex((id, i) => i > 0 && id <= ids[i - 1]!);
  if (outOfOrder > 0) {
    emit(fail(ID, `${entity}/query answered ids out of ascending order (${ids.slice(Math.max(0, outOfOrder - 2), outOfOrder + 2).join(', ')}...), but the tools page by ascending id.`, FIX, details));
    return;
  }
  if (lower !== ids.length) {
    emit(fail(ID, `${entity}/query answered ${ids.length} ascending ids, but ${lower} records have an id up to the last of them: the first page is not the lowest ids.`, FIX, { ...details, lower }));
    return;
  }
  emit(pass(ID, `${entity}/query answers in ascending id order (a page of ${ids.length} holds exactly the lowest ids), as the search tools' paging needs.`, details));
};
