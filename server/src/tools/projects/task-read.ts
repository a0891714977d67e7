/** search_tasks and get_task. */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { ToolInputError } from '../results.js';
import { idSchema, orderedPaginationShape, truncate } from '../shared.js';
import { DATE_RANGES, isoDateSchema } from '../dates.js';
import { zoneOf } from '../tenant-zone.js';
import { picklistFilterInput, resolveMany } from '../tickets/common.js';
import { containsAny, dateRange, oneOrIn } from '../filters.js';
import { listResult } from '../lists.js';
import { notFound } from '../records.js';
import { getOutput, listOutput } from '../output.js';
import { field, instant, label, recordResult, text, type Column } from '../rows.js';
import { openOnlyFilter, TASK_COLUMNS, TASK_LIST_FIELDS } from './common.js';

const DESCRIPTION_PREVIEW = 2000;

/** The task in full: the list row plus type, priority, role, start, remaining hours and text. */
const TASK_DETAIL: Column[] = [
  ...TASK_COLUMNS,
  label('taskType'),
  label('priorityLabel'),
  field('assignedResourceRoleID'),
  field('phaseID'),
  instant('startDateTime'),
  field('remainingHours'),
  instant('completedDateTime'),
  text('description', 'description', { long: true }),
];

export const searchTasksInput = {
  projectID: idSchema.optional().describe('search_projects gives ids.'),
  text: z.string().trim().min(1).max(255).optional().describe('Part of the title.'),
  status: picklistFilterInput.optional().describe('Id or label, or a list of them.'),
  openOnly: z.boolean().optional().describe("true: leave out this tenant's closed statuses."),
  assignedResourceID: idSchema.optional().describe('search_resources gives ids.'),
  unassigned: z.boolean().optional().describe('true: no assignee; false: has one.'),
  phaseID: idSchema.optional(),
  dueAfter: isoDateSchema.optional(),
  dueBefore: isoDateSchema.optional(),
  ...orderedPaginationShape,
};

export const searchTasks = defineReadTool({
  name: 'search_tasks',
  title: 'Search project tasks',
  description: `Find project tasks (filters combine with AND), newest first: number, title, project, status, assignee, due date, estimate. The id is the taskID of create_time_entry and update_task. ${DATE_RANGES}`,
  toolset: 'projects',
  input: searchTasksInput,
  output: listOutput,
  async handler(args, ctx) {
    if (args.unassigned === true && args.assignedResourceID !== undefined) throw new ToolInputError('unassigned=true and assignedResourceID contradict each other: use one of them.');
    const filter: FilterExpression[] = [];
    const notes: string[] = [];
    let extra: Record<string, unknown> | undefined;
    if (args.projectID !== undefined) filter.push({ op: 'eq', field: 'projectID', value: args.projectID });
    if (args.text !== undefined) filter.push(containsAny(['title'], args.text));
    const statuses = args.status !== undefined ? await resolveMany(ctx.api, 'Tasks', 'status', args.status, { signal: ctx.signal }) : undefined;
    if (statuses) filter.push(oneOrIn('status', statuses));
    if (args.openOnly) {
      const { term, excluded } = await openOnlyFilter(ctx, 'Tasks', statuses);
      if (term) filter.push(term);
      extra = { excludedClosedStatuses: excluded };
      notes.push(`Open only: left out statuses ${excluded.map((e) => e.label).join(', ') || '(none are closed in this tenant)'}.`);
    }
    if (args.assignedResourceID !== undefined) filter.push({ op: 'eq', field: 'assignedResourceID', value: args.assignedResourceID });
    if (args.unassigned === true) filter.push({ op: 'notExist', field: 'assignedResourceID' });
    if (args.unassigned === false) filter.push({ op: 'exist', field: 'assignedResourceID' });
    if (args.phaseID !== undefined) filter.push({ op: 'eq', field: 'phaseID', value: args.phaseID });
    const zone = await zoneOf(ctx);
    filter.push(...dateRange('endDateTime', args.dueAfter, args.dueBefore, ['dueAfter', 'dueBefore'], { zone }));
    return listResult(ctx, {
      entity: 'Tasks',
      what: 'tasks',
      filter,
      args,
      includeFields: TASK_LIST_FIELDS,
      columns: TASK_COLUMNS,
      notes,
      ...(extra ? { extra } : {}),
    });
  },
});

export const getTask = defineReadTool({
  name: 'get_task',
  title: 'Get project task',
  description: 'One project task by id with labels, project, assignee and role, dates, estimate and remaining hours, description (cut unless fullText).',
  toolset: 'projects',
  input: {
    id: idSchema,
    fullText: z.boolean().default(false),
  },
  output: getOutput,
  async handler(args, ctx) {
    const found = await ctx.api.get('Tasks', args.id, { signal: ctx.signal });
    if (!found) return notFound('task', args.id, 'Use search_tasks to find tasks.');
    const task: Record<string, unknown> = { ...found };
    await ctx.names.enrich('Tasks', [task], ctx.signal);
    if (typeof task.description === 'string') task.description = truncate(task.description, args.fullText ? Number.POSITIVE_INFINITY : DESCRIPTION_PREVIEW, 'call get_task again with fullText: true');
    return recordResult({ head: `Task ${task.id}:`, key: 'task', columns: TASK_DETAIL, record: task, zone: await zoneOf(ctx) });
  },
});
