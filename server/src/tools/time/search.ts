/**
 * search_time_entries. TimeEntries has no projectID field (a filter on it would be refused or
 * silently ignored): a project filter is resolved to the project's task ids and sent as
 * `taskID in [...]`, and the result says so.
 */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool, type ToolContext } from '../types.js';
import { structuredResult, ToolInputError } from '../results.js';
import { idSchema, noneFound, orderedPaginationShape } from '../shared.js';
import { isoDateSchema, UTC } from '../dates.js';
import { MAX_IN_LIST } from '../enrich.js';
import { dateRange } from '../filters.js';
import { describeCriteria, listResult } from '../lists.js';
import { listOutput } from '../output.js';
import { addRoleAndTaskNames, TIME_COLUMNS, TIME_LIST_FIELDS } from './common.js';

const LIST_TEXT_MAX = 500;

export const searchTimeEntriesInput = {
  resourceID: idSchema.optional().describe('search_resources gives ids.'),
  ticketID: idSchema.optional().describe('The numeric id, not the ticket number.'),
  taskID: idSchema.optional(),
  projectID: idSchema.optional().describe("Time on the project's tasks (not on its linked tickets)."),
  workedAfter: isoDateSchema.optional().describe('Day, inclusive.'),
  workedBefore: isoDateSchema.optional().describe('Day, exclusive.'),
  kind: z.enum(['ticket', 'task', 'regular']).optional().describe('regular: time on neither.'),
  billable: z.boolean().optional(),
  ...orderedPaginationShape,
};

/** The project's task ids (one query, at most 500 ids: Autotask's limit for an `in` list). */
async function projectTaskIds(ctx: ToolContext, projectId: number): Promise<number[]> {
  const { items, truncated } = await ctx.api.queryAll(
    'Tasks',
    { filter: [{ op: 'eq', field: 'projectID', value: projectId }], includeFields: ['id'], maxRecords: 500 },
    MAX_IN_LIST + 1,
    { signal: ctx.signal },
  );
  if (items.length > MAX_IN_LIST || truncated) {
    throw new ToolInputError(`Project ${projectId} has more than ${MAX_IN_LIST} tasks, more than one Autotask query can filter on. Search per task with taskID (search_tasks lists them).`);
  }
  return items.map((t) => t.id).sort((a, b) => a - b);
}

export const searchTimeEntries = defineReadTool({
  name: 'search_time_entries',
  title: 'Search time entries',
  description: 'Find time entries (filters combine with AND), newest first: date, hours, resource and role, ticket or task, billable, summary; plus the total hours of the page.',
  toolset: 'time',
  input: searchTimeEntriesInput,
  output: listOutput,
  async handler(args, ctx) {
    if (args.projectID !== undefined && (args.taskID !== undefined || args.ticketID !== undefined)) {
      throw new ToolInputError('projectID already selects the time on the project\'s tasks: do not combine it with taskID or ticketID.');
    }
    if (args.kind === 'regular' && (args.ticketID !== undefined || args.taskID !== undefined || args.projectID !== undefined)) {
      throw new ToolInputError('kind "regular" means time on neither a ticket nor a task: it cannot be combined with ticketID, taskID or projectID.');
    }
    if ((args.kind === 'ticket' && (args.taskID !== undefined || args.projectID !== undefined)) || (args.kind === 'task' && args.ticketID !== undefined)) {
      throw new ToolInputError(`kind "${args.kind}" contradicts the ${args.kind === 'ticket' ? 'task/project' : 'ticket'} filter: use one of them.`);
    }
    const filter: FilterExpression[] = [];
    const notes: string[] = [];
    let projectTaskIDs: number[] | undefined;
    if (args.resourceID !== undefined) filter.push({ op: 'eq', field: 'resourceID', value: args.resourceID });
    if (args.ticketID !== undefined) filter.push({ op: 'eq', field: 'ticketID', value: args.ticketID });
    if (args.taskID !== undefined) filter.push({ op: 'eq', field: 'taskID', value: args.taskID });
    if (args.projectID !== undefined) {
      projectTaskIDs = await projectTaskIds(ctx, args.projectID);
      if (!projectTaskIDs.length) {
        const project = await ctx.api.get('Projects', args.projectID, { signal: ctx.signal });
        const why = project ? `Project ${args.projectID} has no tasks, so no task time.` : `No project with id ${args.projectID} exists (search_projects finds projects).`;
        return structuredResult(
          { columns: [], rows: [], hasMore: false, nextCursor: null, totalHoursOnPage: 0, projectTaskIDs },
          `${noneFound('time entries', describeCriteria(args))}\n${why}`,
        );
      }
      filter.push({ op: 'in', field: 'taskID', value: projectTaskIDs });
      notes.push(`Project ${args.projectID}: filtered on its ${projectTaskIDs.length} task id(s) with taskID in [...] (time entries have no project field); ticket time is not included.`);
    }
    if (args.kind === 'ticket') filter.push({ op: 'exist', field: 'ticketID' });
    if (args.kind === 'task') filter.push({ op: 'exist', field: 'taskID' });
    if (args.kind === 'regular') filter.push({ op: 'notExist', field: 'ticketID' }, { op: 'notExist', field: 'taskID' });
    if (args.billable !== undefined) filter.push({ op: 'eq', field: 'isNonBillable', value: !args.billable });
    filter.push(...dateRange('dateWorked', args.workedAfter, args.workedBefore, ['workedAfter', 'workedBefore'], { zone: UTC, unit: 'day' })); // a date-only field: no zone applies
    return listResult(ctx, {
      entity: 'TimeEntries',
      what: 'time entries',
      filter,
      args,
      includeFields: TIME_LIST_FIELDS,
      columns: TIME_COLUMNS,
      cut: { fields: ['summaryNotes', 'internalNotes'], max: LIST_TEXT_MAX, howToGetAll: (r) => `get_entity TimeEntries id ${r.id} returns it whole` },
      notes,
      extra: projectTaskIDs ? { projectTaskIDs } : {},
      async afterPage(items) {
        if (items.length) await addRoleAndTaskNames(ctx, items);
        const total = Math.round(items.reduce((n, i) => n + (typeof i.hoursWorked === 'number' ? i.hoursWorked : 0), 0) * 100) / 100;
        return { extra: { totalHoursOnPage: total }, notes: items.length ? [`Total on this page: ${total} hours.`] : [] };
      },
    });
  },
});
