/**
 * search_time_awaiting_approval: ticket and task time not approved and posted yet. TimeEntries has
 * no posted flag (n8n-nodes-autotask "Get Unposted" reads it the same way): an entry is posted once
 * a BillingItem names it in timeEntryID, so each scan is one page of time entries, newest first,
 * and one `timeEntryID in [...]` query for the billing items of that page. Scans continue below
 * the last one until the page is full, at most MAX_SCANS times; the cursor resumes there.
 * Regular (non-ticket, non-task) time is approved on timesheets and never posted: left out.
 */
import { z } from 'zod';
import type { AutotaskRecord, FilterExpression } from '../../autotask/types.js';
import { defineReadTool, type ToolContext } from '../types.js';
import { idSchema, noneFound, orderedPaginationShape, queryPage, truncate } from '../shared.js';
import { isoDateSchema, UTC } from '../dates.js';
import { dateRange } from '../filters.js';
import { describeCriteria } from '../lists.js';
import { listOutput } from '../output.js';
import { field, pageResult } from '../rows.js';
import { addRoleAndTaskNames, TIME_COLUMNS, TIME_LIST_FIELDS } from '../time/common.js';

const MAX_SCANS = 4;
const TEXT_MAX = 300;

const COLUMNS = [...TIME_COLUMNS, field('approvalLevel', 'billingApprovalLevelMostRecent')];

/** Ids of the entries that a billing item names (posted), in one query. */
async function postedIds(ctx: ToolContext, entries: AutotaskRecord[]): Promise<Set<number>> {
  if (!entries.length) return new Set();
  const { items } = await ctx.api.query(
    'BillingItems',
    { filter: [{ op: 'in', field: 'timeEntryID', value: entries.map((e) => e.id) }], includeFields: ['id', 'timeEntryID'], maxRecords: 500 },
    { signal: ctx.signal },
  );
  return new Set(items.map((i) => i.timeEntryID as number));
}

export const searchTimeAwaitingApproval = defineReadTool({
  name: 'search_time_awaiting_approval',
  title: 'Time awaiting approval',
  description:
    'Ticket and task time not approved and posted yet (no billing item), newest first, filters combine with AND: date, hours, resource, role, ticket or task, billable, summary, approval level reached. Plus the total hours of the page.',
  toolset: 'billing',
  input: {
    resourceID: idSchema.optional().describe('search_resources gives ids.'),
    ticketID: idSchema.optional(),
    taskID: idSchema.optional(),
    workedAfter: isoDateSchema.optional().describe('Day, inclusive.'),
    workedBefore: isoDateSchema.optional().describe('Day, exclusive.'),
    billable: z.boolean().optional(),
    ...orderedPaginationShape,
  },
  output: listOutput,
  async handler(args, ctx) {
    const filter: FilterExpression[] = [];
    if (args.resourceID !== undefined) filter.push({ op: 'eq', field: 'resourceID', value: args.resourceID });
    if (args.ticketID !== undefined) filter.push({ op: 'eq', field: 'ticketID', value: args.ticketID });
    if (args.taskID !== undefined) filter.push({ op: 'eq', field: 'taskID', value: args.taskID });
    if (args.ticketID === undefined && args.taskID === undefined) filter.push({ op: 'or', items: [{ op: 'exist', field: 'ticketID' }, { op: 'exist', field: 'taskID' }] });
    if (args.billable !== undefined) filter.push({ op: 'eq', field: 'isNonBillable', value: !args.billable });
    filter.push(...dateRange('dateWorked', args.workedAfter, args.workedBefore, ['workedAfter', 'workedBefore'], { zone: UTC, unit: 'day' }));

    const found: AutotaskRecord[] = [];
    let cursor = args.cursor;
    let hasMore = false;
    let scanned = 0;
    let incomplete: string | undefined;
    for (let scan = 0; scan < MAX_SCANS && found.length < args.limit; scan++) {
      // Each scan asks only for what is missing, so the page never holds more than `limit`.
      const page = await queryPage(ctx.api, 'TimeEntries', filter, { limit: args.limit - found.length, cursor, order: args.order, includeFields: [...TIME_LIST_FIELDS, 'billingApprovalLevelMostRecent'], signal: ctx.signal });
      scanned += page.items.length;
      const posted = await postedIds(ctx, page.items);
      found.push(...page.items.filter((e) => !posted.has(e.id)));
      ({ hasMore } = page);
      cursor = page.nextCursor ?? undefined;
      incomplete = page.incomplete;
      if (!hasMore) break;
    }
    await ctx.names.enrich('TimeEntries', found, ctx.signal);
    if (found.length) await addRoleAndTaskNames(ctx, found);
    for (const e of found) for (const f of ['summaryNotes', 'internalNotes']) if (typeof e[f] === 'string') e[f] = truncate(e[f], TEXT_MAX, `get_entity TimeEntries id ${e.id} returns it whole`);
    const total = Math.round(found.reduce((n, e) => n + (typeof e.hoursWorked === 'number' ? e.hoursWorked : 0), 0) * 100) / 100;
    const more = hasMore && found.length < args.limit ? [`Scanned ${scanned} time entries without filling the page; call again with the cursor to scan further.`] : [];
    return pageResult({
      what: 'time entries awaiting approval',
      columns: COLUMNS,
      records: found,
      zone: UTC,
      page: { hasMore, nextCursor: hasMore ? (cursor ?? null) : null, ...(incomplete ? { incomplete } : {}) },
      order: args.order,
      empty: hasMore ? `None in the ${scanned} newest matching time entries scanned; more exist: call again with the same arguments and cursor=nextCursor.` : noneFound('time entries awaiting approval', describeCriteria(args)),
      notes: [...(found.length ? [`Total on this page: ${total} hours.`] : []), ...more, ...(!found.length && hasMore && cursor ? [`nextCursor: ${cursor}`] : [])],
      extra: { totalHoursOnPage: total, scanned },
    });
  },
});
