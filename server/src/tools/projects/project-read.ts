/** search_projects and get_project. */
import { z } from 'zod';
import type { AutotaskRecord, FilterExpression } from '../../autotask/types.js';
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
import { field, label, recordResult, text, udfColumns, type Column, type Section } from '../rows.js';
import { openOnlyFilter, PROJECT_COLUMNS, PROJECT_LIST_FIELDS, TASK_COLUMNS, TASK_LIST_FIELDS } from './common.js';

const PROJECT_NUMBER = /^P\d{8}\.\d{4}$/i;
const DESCRIPTION_PREVIEW = 2000;
const TASKS_MAX = 200;

/** The project in full: the list row plus its progress, contract and text. */
const PROJECT_DETAIL: Column[] = [
  ...PROJECT_COLUMNS,
  field('completedDateTime'),
  field('estimatedTime'),
  field('actualHours'),
  label('department'),
  field('contractID'),
];
const PROJECT_TEXT: Column[] = [text('description', 'description', { long: true }), text('statusDetail', 'statusDetail', { long: true })];
/** Tasks inside a project: its id is already known. */
const PROJECT_TASK_COLUMNS = TASK_COLUMNS.filter((c) => c.key !== 'projectID');

export const searchProjectsInput = {
  name: z.string().trim().min(1).max(100).optional().describe('Part of the name.'),
  projectNumber: z.string().trim().regex(PROJECT_NUMBER, 'A project number looks like P20261101.0001').optional().describe('Exact, e.g. P20261101.0001.'),
  companyID: z.number().int().nonnegative().optional().describe('search_companies gives ids; 0: internal projects.'),
  status: picklistFilterInput.optional().describe('Id or label, or a list of them.'),
  openOnly: z.boolean().optional().describe("true: leave out this tenant's closed statuses."),
  type: picklistFilterInput.optional().describe('Project type id or label, or a list of them.'),
  projectLeadResourceID: idSchema.optional().describe('search_resources gives ids.'),
  startAfter: isoDateSchema.optional(),
  startBefore: isoDateSchema.optional(),
  endAfter: isoDateSchema.optional(),
  endBefore: isoDateSchema.optional(),
  ...orderedPaginationShape,
};

export const searchProjects = defineReadTool({
  name: 'search_projects',
  title: 'Search projects',
  description: `Find projects (filters combine with AND), newest first: number, name, status, type, company, lead, dates, % complete. get_project reads one with its tasks. ${DATE_RANGES}`,
  toolset: 'projects',
  input: searchProjectsInput,
  output: listOutput,
  async handler(args, ctx) {
    const opts = { signal: ctx.signal };
    const filter: FilterExpression[] = [];
    const notes: string[] = [];
    let excludedClosedStatuses: Array<{ value: string; label: string }> | undefined;
    if (args.name !== undefined) filter.push(containsAny(['projectName'], args.name));
    if (args.projectNumber !== undefined) filter.push({ op: 'eq', field: 'projectNumber', value: args.projectNumber.toUpperCase() });
    if (args.companyID !== undefined) filter.push({ op: 'eq', field: 'companyID', value: args.companyID });
    const statuses = args.status !== undefined ? await resolveMany(ctx.api, 'Projects', 'status', args.status, opts) : undefined;
    if (statuses) filter.push(oneOrIn('status', statuses));
    if (args.openOnly) {
      const { term, excluded } = await openOnlyFilter(ctx, 'Projects', statuses);
      if (term) filter.push(term);
      excludedClosedStatuses = excluded;
      notes.push(`Open only: left out statuses ${excluded.map((e) => e.label).join(', ') || '(none are closed in this tenant)'}.`);
    }
    if (args.type !== undefined) filter.push(oneOrIn('projectType', await resolveMany(ctx.api, 'Projects', 'projectType', args.type, opts)));
    if (args.projectLeadResourceID !== undefined) filter.push({ op: 'eq', field: 'projectLeadResourceID', value: args.projectLeadResourceID });
    const zone = await zoneOf(ctx);
    filter.push(...dateRange('startDateTime', args.startAfter, args.startBefore, ['startAfter', 'startBefore'], { zone }));
    filter.push(...dateRange('endDateTime', args.endAfter, args.endBefore, ['endAfter', 'endBefore'], { zone }));
    return listResult(ctx, {
      entity: 'Projects',
      what: 'projects',
      filter,
      args,
      includeFields: PROJECT_LIST_FIELDS,
      columns: PROJECT_COLUMNS,
      notes,
      ...(excludedClosedStatuses ? { extra: { excludedClosedStatuses } } : {}),
    });
  },
});

export const getProject = defineReadTool({
  name: 'get_project',
  title: 'Get project',
  description: 'One project by id or number with labels, names, dates, progress, description (cut unless fullText) and user-defined fields; optionally its tasks (up to 200). Its notes: list_notes.',
  toolset: 'projects',
  input: {
    id: idSchema.optional().describe('Give id or projectNumber.'),
    projectNumber: z.string().trim().regex(PROJECT_NUMBER, 'A project number looks like P20261101.0001').optional(),
    includeTasks: z.boolean().default(false),
    fullText: z.boolean().default(false),
  },
  output: getOutput,
  async handler(args, ctx) {
    const opts = { signal: ctx.signal };
    if ((args.id === undefined) === (args.projectNumber === undefined)) throw new ToolInputError('Give exactly one of id or projectNumber (search_projects finds both).');
    let found: AutotaskRecord | null;
    if (args.id !== undefined) found = await ctx.api.get('Projects', args.id, opts);
    else found = (await ctx.api.query('Projects', { filter: [{ op: 'eq', field: 'projectNumber', value: (args.projectNumber as string).toUpperCase() }], maxRecords: 2 }, opts)).items[0] ?? null;
    if (!found) return notFound('project', args.id ?? (args.projectNumber as string).toUpperCase(), 'Use search_projects to find projects.');
    const project: Record<string, unknown> = { ...found };
    await ctx.names.enrich('Projects', [project], ctx.signal);
    for (const f of ['description', 'statusDetail']) {
      if (typeof project[f] === 'string') project[f] = truncate(project[f], args.fullText ? Number.POSITIVE_INFINITY : DESCRIPTION_PREVIEW, 'call get_project again with fullText: true');
    }
    const sections: Section[] = [];
    if (args.includeTasks) {
      const { items, nextPageUrl } = await ctx.api.query('Tasks', { filter: [{ op: 'eq', field: 'projectID', value: found.id }], includeFields: ['id', ...TASK_LIST_FIELDS], maxRecords: TASKS_MAX }, opts);
      const tasks = [...items].sort((a, b) => a.id - b.id);
      await ctx.names.enrich('Tasks', tasks, ctx.signal);
      const title = `Tasks (${tasks.length}${nextPageUrl ? `; more exist: search_tasks with projectID=${found.id}` : ''}):`;
      sections.push({ key: 'tasks', title, columns: PROJECT_TASK_COLUMNS, records: tasks, empty: '(no tasks in this project)', extra: { more: nextPageUrl !== null } });
    }
    return recordResult({
      head: `Project ${found.id}:`,
      key: 'project',
      columns: [...PROJECT_DETAIL, ...udfColumns([project]), ...PROJECT_TEXT],
      record: project,
      zone: await zoneOf(ctx),
      sections,
    });
  },
});
