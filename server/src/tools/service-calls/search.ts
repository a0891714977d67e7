/**
 * search_service_calls. A ticket or technician filter is resolved through the link entities
 * first (a service call has neither field): the ticket's ServiceCallTickets, or the technician's
 * newest ServiceCallTicketResources and ServiceCallTaskResources (500 of each at most, said when
 * cut), then `id in [...]` of the calls they name (Autotask's 500-term limit: the newest 500).
 */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool, type ToolContext } from '../types.js';
import { structuredResult } from '../results.js';
import { companyIdSchema, idSchema, noneFound, orderedPaginationShape, queryPage } from '../shared.js';
import { DATE_RANGES, isoDateSchema } from '../dates.js';
import { listOutput } from '../output.js';
import { zoneOf } from '../tenant-zone.js';
import { MAX_IN_LIST } from '../enrich.js';
import { picklistFilterInput, resolveMany } from '../tickets/common.js';
import { dateRange, oneOrIn } from '../filters.js';
import { describeCriteria, listResult } from '../lists.js';
import { inBatches, LINKS, SERVICE_CALL_COLUMNS, SERVICE_CALL_FIELDS } from './common.js';

const LIST_TEXT_MAX = 200;

/** Ids of the calls a technician is assigned to (newest links first), and whether a cap cut them. */
async function callsOfResource(ctx: ToolContext, resourceId: number): Promise<{ ids: number[]; capped: boolean }> {
  let capped = false;
  const ids: number[] = [];
  for (const kind of [LINKS.ticket, LINKS.task]) {
    const page = await queryPage(ctx.api, kind.resources, [{ op: 'eq', field: 'resourceID', value: resourceId }], { limit: MAX_IN_LIST, order: 'newest', includeFields: [kind.linkField], signal: ctx.signal });
    capped ||= page.hasMore;
    const links = await inBatches(ctx, kind.entity, 'id', page.items.map((r) => r[kind.linkField] as number), ['serviceCallID']);
    ids.push(...links.map((l) => l.serviceCallID as number));
  }
  return { ids: [...new Set(ids)], capped };
}

export const searchServiceCalls = defineReadTool({
  name: 'search_service_calls',
  title: 'Search service calls',
  description: `Find service calls (booked visits; filters combine with AND), newest first: start, end, status, complete, company, description. get_service_call shows tickets and technicians. ${DATE_RANGES}`,
  toolset: 'service_calls',
  input: {
    companyID: companyIdSchema.optional(),
    ticketID: idSchema.optional().describe('Calls this ticket is on.'),
    resourceID: idSchema.optional().describe('Calls this technician is assigned to.'),
    status: picklistFilterInput.optional().describe('Id or label, or a list of them.'),
    complete: z.boolean().optional(),
    startAfter: isoDateSchema.optional(),
    startBefore: isoDateSchema.optional(),
    ...orderedPaginationShape,
  },
  output: listOutput,
  async handler(args, ctx) {
    const filter: FilterExpression[] = [];
    const notes: string[] = [];
    const zone = await zoneOf(ctx);
    if (args.companyID !== undefined) filter.push({ op: 'eq', field: 'companyID', value: args.companyID });
    if (args.status !== undefined) filter.push(oneOrIn('status', await resolveMany(ctx.api, 'ServiceCalls', 'status', args.status, { signal: ctx.signal })));
    if (args.complete !== undefined) filter.push({ op: 'eq', field: 'isComplete', value: args.complete ? 1 : 0 });
    filter.push(...dateRange('startDateTime', args.startAfter, args.startBefore, ['startAfter', 'startBefore'], { zone }));
    let ids: number[] | undefined;
    if (args.ticketID !== undefined) ids = (await inBatches(ctx, LINKS.ticket.entity, 'ticketID', [args.ticketID], ['serviceCallID'])).map((l) => l.serviceCallID as number);
    if (args.resourceID !== undefined) {
      const r = await callsOfResource(ctx, args.resourceID);
      ids = ids ? ids.filter((id) => r.ids.includes(id)) : r.ids;
      if (r.capped) notes.push(`Technician ${args.resourceID} has more than ${MAX_IN_LIST} service call assignments of one kind; only the newest ${MAX_IN_LIST} were considered.`);
    }
    if (ids !== undefined) {
      ids = [...new Set(ids)].sort((a, b) => b - a);
      if (!ids.length) return structuredResult({ columns: [], rows: [], hasMore: false, nextCursor: null }, noneFound('service calls', describeCriteria(args)));
      if (ids.length > MAX_IN_LIST) notes.push(`Only the newest ${MAX_IN_LIST} of ${ids.length} linked service calls are searched (Autotask allows ${MAX_IN_LIST} ids per filter).`);
      filter.push(oneOrIn('id', ids.slice(0, MAX_IN_LIST).sort((a, b) => a - b)));
    }
    return listResult(ctx, {
      entity: 'ServiceCalls',
      what: 'service calls',
      filter,
      args,
      includeFields: SERVICE_CALL_FIELDS,
      columns: SERVICE_CALL_COLUMNS,
      cut: { fields: ['description'], max: LIST_TEXT_MAX, howToGetAll: (r) => `get_service_call id ${r.id} returns it whole` },
      notes,
    });
  },
});
