/** search_tickets: every documented filter becomes an Autotask filter expression, or an error. */
import { z } from 'zod';
import type { AutotaskApi, FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { ToolInputError } from '../results.js';
import { idSchema, noneFound, orderedPaginationShape, queryPage } from '../shared.js';
import { isoDateSchema } from '../dates.js';
import { zoneOf } from '../tenant-zone.js';
import { dateRange } from '../companies/listing.js';
import { instant, listOutput, pageResult } from '../rows.js';
import { assertNoClosedStatus, closedStatusValues, excludedClosedStatusesSchema, picklistFilterInput, resolveMany, TICKET_COLUMNS, TICKET_LIST_FIELDS } from './common.js';

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

const dateInput = (text: string) => isoDateSchema.optional().describe(text);

export const searchTicketsInput = {
  text: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .optional()
    .describe('Free text: matches tickets whose title contains it, or whose ticket number starts with it (e.g. "printer" or "T20261101.0042").'),
  companyID: idSchema.optional().describe('Only tickets of this company (find ids with search_companies).'),
  contactID: idSchema.optional().describe('Only tickets of this contact (find ids with search_contacts).'),
  status: picklistFilterInput.optional().describe('Status id or label, or a list of them (e.g. "In Progress" or [1, "Waiting Customer"]). Unknown labels are answered with the valid list.'),
  openOnly: z.boolean().optional().describe('true: leave out finished tickets (Complete and every status whose label means closed, read from this tenant\'s status list).'),
  unassigned: z.boolean().optional().describe('true: only tickets without a primary resource; false: only tickets that have one.'),
  assignedResourceID: idSchema.optional().describe('Only tickets whose primary resource is this technician (find ids with search_resources).'),
  queue: picklistFilterInput.optional().describe('Queue id or label, or a list of them.'),
  priority: picklistFilterInput.optional().describe('Priority id or label, or a list of them (e.g. "High").'),
  createdAfter: dateInput('Created on or after this ISO date/time (a date or a time without offset is in the tenant time zone).'),
  createdBefore: dateInput('Created strictly before this ISO date/time.'),
  lastActivityAfter: dateInput('Last activity on or after this ISO date/time.'),
  lastActivityBefore: dateInput('Last activity strictly before this ISO date/time.'),
  dueAfter: dateInput('Due on or after this ISO date/time.'),
  dueBefore: dateInput('Due strictly before this ISO date/time.'),
  ...orderedPaginationShape,
};

export const ticketListOutput = {
  ...listOutput,
  excludedClosedStatuses: excludedClosedStatusesSchema,
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
  if (statuses) filter.push(listFilter('status', statuses));
  if (args.openOnly) {
    const closed = await closedStatusValues(api, { signal }, ctx.config?.closedStatuses);
    assertNoClosedStatus(statuses, closed);
    excludedClosedStatuses = closed.map((v) => ({ value: v.value, label: v.label }));
    if (closed.length) filter.push({ op: 'notIn', field: 'status', value: closed.map((v) => Number(v.value)) });
  }
  if (args.unassigned === true) filter.push({ op: 'notExist', field: 'assignedResourceID' });
  if (args.unassigned === false) filter.push({ op: 'exist', field: 'assignedResourceID' });
  if (args.assignedResourceID !== undefined) filter.push({ op: 'eq', field: 'assignedResourceID', value: args.assignedResourceID });
  if (args.queue !== undefined) filter.push(listFilter('queueID', await resolveMany(api, 'Tickets', 'queueID', args.queue, { signal })));
  if (args.priority !== undefined) filter.push(listFilter('priority', await resolveMany(api, 'Tickets', 'priority', args.priority, { signal })));
  for (const r of RANGES) filter.push(...dateRange(r.field, args[r.after], args[r.before], [r.after, r.before], { zone }));
  return { filter, excludedClosedStatuses };
}

function listFilter(field: string, values: number[]): FilterExpression {
  return values.length === 1 ? { op: 'eq', field, value: values[0] as number } : { op: 'in', field, value: values };
}

function describeCriteria(args: SearchArgs): string {
  const { limit: _l, cursor: _c, order: _o, ...rest } = args;
  const parts = Object.entries(rest)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return parts.length ? parts.join(', ') : 'no filters';
}

export const searchTickets = defineReadTool({
  name: 'search_tickets',
  title: 'Search tickets',
  description:
    'Find Autotask tickets by text, company, contact, status (id or label), open-only, assignee or unassigned, queue, priority and created / last-activity / due date ranges. ' +
    'Newest first unless order is "oldest". Returns a page of tickets (number, title, status, priority, queue, company, contact, assignee, and the dates a date filter names) with names and labels filled in, plus hasMore and nextCursor: pass nextCursor back as cursor, with the same filters, for the next page. ' +
    'Descriptions are not included: use get_ticket for one ticket in full. Filters combine with AND.',
  toolset: 'tickets',
  input: searchTicketsInput,
  output: ticketListOutput,
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
