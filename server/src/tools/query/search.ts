/**
 * query_entities and count_entities: any entity, any Autotask filter. The filter is validated
 * (grammar, fields, types, limits) before anything is sent, so a bad filter can never be silently
 * dropped or widened by Autotask; paging is keyset-based with an opaque cursor (exact hasMore).
 */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { structuredResult, ToolInputError } from '../results.js';
import { noneFound, orderedPaginationShape, queryPage } from '../shared.js';
import { UTC } from '../dates.js';
import { pageResult } from '../rows.js';
import { resolveEntity } from './entities.js';
import { countFilterInput, describeFilter, filterInput, prepareFilter, prepareIncludeFields } from './filter.js';
import { listOutput } from '../output.js';
import { autoColumns, compactRecord, untrustedFieldNames } from './render.js';
import { ATTACHMENT_KINDS } from '../attachments/kinds.js';

/** Long text in lists is cut here; get_entity returns the record whole. */
export const LIST_TEXT_LIMIT = 300;

const entityInput = z.string().trim().min(1).max(100).describe('Plural, as list_entities names it, e.g. "Contracts".');

/**
 * Attachment roots answer a query only when it gives their parent's entity id (evidence
 * attachments.query-needs-entity-id): an AND-level condition with a value on ticketID / projectID /
 * companyID. Checked here, so such a query is never sent without it.
 */
function assertAttachmentScope(entity: string, filter: FilterExpression[]): void {
  const kind = Object.values(ATTACHMENT_KINDS).find((k) => k.entity === entity);
  if (!kind || filter.some((t) => t.field === kind.idField && !t.udf && t.op !== 'exist' && t.op !== 'notExist')) return;
  throw new ToolInputError(
    `A ${entity} query must name the ${kind.key}: Autotask requires a condition on ${kind.idField}, e.g. add {"op":"eq","field":"${kind.idField}","value":<id>} to the filter (not inside an or group). list_attachments does this for you. Nothing was sent.`,
  );
}

function queryable(name: string, what: 'query' | 'count') {
  const spec = resolveEntity(name);
  if (!spec[what]) throw new ToolInputError(`Autotask does not allow ${what === 'query' ? 'queries' : 'counts'} on ${spec.name}. Use list_entities to see what each entity allows.`);
  return spec;
}

export const queryEntities = defineReadTool({
  name: 'query_entities',
  title: 'Query any Autotask entity',
  description:
    'Query any entity with a filter, validated before sending (unknown fields, operators such as "ne" - use "noteq" - and wrong types are refused with what to fix). Prefer the typed search tools where they fit; field names: describe_entity. ' +
    'Newest (highest id) first; null fields omitted, ids with names and labels, long text cut (get_entity reads it whole).',
  toolset: 'query',
  input: {
    entity: entityInput,
    filter: filterInput,
    includeFields: z.array(z.string().min(1).max(100)).max(100).optional().describe('Only these fields (and id).'),
    ...orderedPaginationShape,
  },
  output: listOutput,
  async handler(args, ctx) {
    const spec = queryable(args.entity, 'query');
    const opts = { signal: ctx.signal };
    const filter = await prepareFilter(ctx.api, spec, args.filter, opts);
    assertAttachmentScope(spec.name, filter);
    const includeFields = await prepareIncludeFields(ctx.api, spec, args.includeFields, opts);
    const page = await queryPage(ctx.api, spec.name, filter, { limit: args.limit, cursor: args.cursor, order: args.order, includeFields, signal: ctx.signal });
    await ctx.names.enrich(spec.name, page.items, ctx.signal);
    const howToGetAll = 'call get_entity with this entity and id for the full text';
    const items = page.items.map((r) => compactRecord(r, { maxText: LIST_TEXT_LIMIT, howToGetAll }));
    const criteria = describeFilter(filter);
    return pageResult({
      what: `${spec.name} records for ${criteria}`,
      columns: autoColumns(items, new Set(untrustedFieldNames(spec))),
      records: items,
      zone: UTC,
      page,
      order: args.order,
      empty: noneFound(`${spec.name} records`, args.cursor ? `${criteria} after the cursor position` : criteria),
      extra: { entity: spec.name, filter: filter },
    });
  },
});

/** Autotask needs at least one condition; this one matches every record. */
const MATCH_ALL: FilterExpression[] = [{ op: 'gte', field: 'id', value: 0 }];

export const countEntities = defineReadTool({
  name: 'count_entities',
  title: 'Count records of any Autotask entity',
  description: 'Count the records of any entity matching a filter, in one cheap request; better than paging to count.',
  toolset: 'query',
  input: { entity: entityInput, filter: countFilterInput },
  async handler(args, ctx) {
    const spec = queryable(args.entity, 'count');
    const filter = await prepareFilter(ctx.api, spec, args.filter, { signal: ctx.signal });
    assertAttachmentScope(spec.name, filter);
    const sent = filter.length ? filter : MATCH_ALL;
    const count = await ctx.api.count(spec.name, sent, { signal: ctx.signal });
    return structuredResult({ entity: spec.name, filter: sent, count }, `${count} ${spec.name} record(s) match ${describeFilter(filter)}.`);
  },
});
