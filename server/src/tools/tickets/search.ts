/** search_tickets: every documented filter becomes an Autotask filter expression, or an error. */
import { z } from 'zod';
import type { AutotaskApi, FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { ToolInputError } from '../results.js';
import { companyIdSchema, idSchema, noneFound, orderedPaginationShape, queryPage } from '../shared.js';
import { DATE_RANGES, isoDateSchema } from '../dates.js';
import { listOutput } from '../output.js';
import { zoneOf } from '../tenant-zone.js';
import { dateRange, oneOrIn } from '../filters.js';
import { describeCriteria } from '../lists.js';
import { instant, pageResult } from '../rows.js';
import { assertNoClosedStatus, closedStatusValues, picklistFilterInput, resolveMany, TICKET_COLUMNS, TICKET_LIST_FIELDS } from './common.js';

const TICKET_NUMBER = /^T\d{8}\.\d{4}(\.\d+)?$/i;

/** Date range inputs: "after" is inclusive (gte), "before" is exclusive (lt). */
const RANGES = [
  { after: 'createdAfter', before: 'createdBefore', field: 'createDate' },
  { after: 'lastActivityAfter', before: 'lastActivityBefore', field: 'lastActivityDate' },
  { after: 'dueAfter', before: 'dueBefore', field: 'dueDateTime' },
] as const;

/** A row shows a date only when the search filters on it (dates cost 20 bytes a cell, twice). */
function dateColumns(args: SearchArgs) {
  return RANGES.filter((r) => args[r.after] !== undefined || args[r.before] !== undefined).map((r) => instant(r.field));
}

const dateInput = isoDateSchema.optional();

export const searchTicketsInput = {
  text: z.string().trim().min(1).max(255).optional().describe('Title contains it, or the ticket number starts with it.'),
  companyID: companyIdSchema.optional().describe('search_companies gives ids; 0 = your own company.'),
  contactID: idSchema.optional().describe('search_contacts gives ids.'),
  status: picklistFilterInput.optional().describe('Id or label, or a list of them.'),
  openOnly: z.boolean().optional().describe("true: leave out this tenant's closed statuses."),
  unassigned: z.boolean().optional().describe('true: no primary resource; false: has one.'),
  assignedResourceID: idSchema.optional().describe('Primary resource (search_resources).'),
  queue: picklistFilterInput.optional().describe('Id or label, or a list of them.'),
  priority: picklistFilterInput.optional().describe('Id or label, or a list of them.'),
  createdAfter: dateInput,
  createdBefore: dateInput,
  lastActivityAfter: dateInput,
  lastActivityBefore: dateInput,
  dueAfter: dateInput,
  dueBefore: dateInput,
  ...orderedPaginationShape,
};

type SearchArgs = z.infer<z.ZodObject<typeof searchTicketsInput>>;

/** Builds the Autotask filter; all picklist lookups happen here, before any query is sent. */
export async function buildTicketFilter(args: SearchArgs, ctx: { api: AutotaskApi; signal: AbortSignal; config?: { closedStatuses?: string[] } }, zone: string) {
  const { api, signal } = ctx;
  const filter: FilterExpression[] = [];
  let excludedClosedStatuses: Array<{ value: string; label: string }> | undefined;

  if (args.unassigned === true && args.assignedResourceID !== undefined) {
    throw new ToolInputError('unassigned=true and assignedResourceID contradict each other: use one of them.');
  }
  if (args.text !== undefined) {
    const t = args.text;
    filter.push(
      TICKET_NUMBER.test(t)
        ? { op: 'eq', field: 'ticketNumber', value: t.toUpperCase() }
        : { op: 'or', items: [{ op: 'contains', field: 'title', value: t }, { op: 'beginsWith', field: 'ticketNumber', value: t }] },
    );
  }
  if (args.companyID !== undefined) filter.push({ op: 'eq', field: 'companyID', value: args.companyID });
  if (args.contactID !== undefined) filter.push({ op: 'eq', field: 'contactID', value: args.contactID });
  const statuses = args.status !== undefined ? await resolveMany(api, 'Tickets', 'status', args.status, { signal }) : undefined;
  if (statuses) filter.push(oneOrIn('status', statuses));
  if (args.openOnly) {
    const closed = await closedStatusValues(api, { signal }, ctx.config?.closedStatuses);
    assertNoClosedStatus(statuses, closed);
    excludedClosedStatuses = closed.map((v) => ({ value: v.value, label: v.label }));
    if (closed.length) filter.push({ op: 'notIn', field: 'status', value: closed.map((v) => Number(v.value)) });
  }
  if (args.unassigned === true) filter.push({ op: 'notExist', field: 'assignedResourceID' });
  if (args.unassigned === false) filter.push({ op: 'exist', field: 'assignedResourceID' });
  if (args.assignedResourceID !== undefined) filter.push({ op: 'eq', field: 'assignedResourceID', value: args.assignedResourceID });
  if (args.queue !== undefined) filter.push(oneOrIn('queueID', await resolveMany(api, 'Tickets', 'queueID', args.queue, { signal })));
  if (args.priority !== undefined) filter.push(oneOrIn('priority', await resolveMany(api, 'Tickets', 'priority', args.priority, { signal })));
  for (const r of RANGES) filter.push(...dateRange(r.field, args[r.after], args[r.before], [r.after, r.before], { zone }));
  return { filter, excludedClosedStatuses };
}

export const searchTickets = defineReadTool({
  name: 'search_tickets',
  title: 'Search tickets',
  description:
    'Find tickets (filters combine with AND), newest first: number, title, status, priority, queue, company, contact, assignee and the dates a date filter names, with names and labels; no descriptions (get_ticket reads one). ' +
    `${DATE_RANGES}`,
  toolset: 'tickets',
  input: searchTicketsInput,
  output: listOutput,
  async handler(args, ctx) {
    const zone = await zoneOf(ctx);
    const { filter, excludedClosedStatuses } = await buildTicketFilter(args, ctx, zone);
    const page = await queryPage(ctx.api, 'Tickets', filter, { limit: args.limit, cursor: args.cursor, order: args.order, includeFields: TICKET_LIST_FIELDS, signal: ctx.signal });
    await ctx.names.enrich('Tickets', page.items, ctx.signal);
    return pageResult({
      what: 'tickets',
      columns: [...TICKET_COLUMNS, ...dateColumns(args)],
      records: page.items,
      zone,
      page,
      order: args.order,
      empty: noneFound('tickets', describeCriteria(args)),
      notes: excludedClosedStatuses ? [`Open only: left out statuses ${excludedClosedStatuses.map((s) => s.label).join(', ')}.`] : [],
      extra: excludedClosedStatuses ? { excludedClosedStatuses } : {},
    });
  },
});
