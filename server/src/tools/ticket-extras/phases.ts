/**
 * list_project_phases: a project's phases in order with how many of their tasks are open (one
 * query for the phases, one for the project's tasks; at most 500 of each, said when cut).
 */
import type { AutotaskRecord } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { idSchema, noneFound } from '../shared.js';
import { listOutput } from '../output.js';
import { zoneOf } from '../tenant-zone.js';
import { instantMs } from '../dates.js';
import { closedStatuses } from '../../autotask/closed-statuses.js';
import { day, field, pageResult, text, type Column } from '../rows.js';
import { requireRecord } from '../records.js';

const MAX = 500;

const COLUMNS: Column[] = [
  field('id'),
  field('phaseNumber'),
  text('title'),
  field('parentPhaseID'),
  day('startDate'),
  day('dueDate'),
  field('estimatedHours'),
  field('tasks'),
  field('openTasks'),
];

export const listProjectPhases = defineReadTool({
  name: 'list_project_phases',
  title: 'List project phases',
  description: "A project's phases in start order: number, title, parent phase, start and due dates, estimated hours, tasks and open tasks. Their tasks: search_tasks with phaseID.",
  toolset: 'ticket_extras',
  input: { projectID: idSchema.describe('search_projects gives ids.') },
  output: listOutput,
  async handler(args, ctx) {
    const opts = { signal: ctx.signal };
    const ofProject = [{ op: 'eq' as const, field: 'projectID', value: args.projectID }];
    const [phases, tasks, statuses] = await Promise.all([
      ctx.api.query('Phases', { filter: ofProject, maxRecords: MAX }, opts),
      ctx.api.query('Tasks', { filter: ofProject, includeFields: ['id', 'phaseID', 'status'], maxRecords: MAX }, opts),
      ctx.api.picklist('Tasks', 'status', opts),
    ]);
    if (!phases.items.length) await requireRecord(ctx, 'Projects', args.projectID, 'project', 'Use search_projects to find the project id.');
    const closed = new Set(closedStatuses(statuses).map((v) => Number(v.value)));
    const rows: Array<Record<string, unknown>> = phases.items.map((p: AutotaskRecord) => {
      const mine = tasks.items.filter((t) => t.phaseID === p.id);
      return { ...p, tasks: mine.length, openTasks: mine.filter((t) => !closed.has(t.status as number)).length };
    });
    const start = (r: Record<string, unknown>) => instantMs(r.startDate) ?? Number.MAX_SAFE_INTEGER;
    rows.sort((a, b) => start(a) - start(b) || Number(a.id) - Number(b.id));
    const notes = [
      ...(phases.nextPageUrl ? [`Only the first ${MAX} phases are listed.`] : []),
      ...(tasks.nextPageUrl ? [`Task counts cover the project's first ${MAX} tasks only.`] : []),
      ...(rows.length ? [`Tasks not in any phase: ${tasks.items.filter((t) => t.phaseID === null || t.phaseID === undefined).length}.`] : []),
    ];
    return pageResult({
      what: `phases of project ${args.projectID}`,
      columns: COLUMNS,
      records: rows,
      zone: await zoneOf(ctx),
      page: { hasMore: phases.nextPageUrl !== null, nextCursor: null },
      empty: noneFound('phases', `project ${args.projectID}`),
      notes,
    });
  },
});
