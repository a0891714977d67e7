/** search_projects and get_project. */
import { z } from 'zod';
import type { AutotaskRecord, FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { ToolInputError } from '../results.js';
import { idSchema, orderedPaginationShape, truncate } from '../shared.js';
import { isoDateSchema } from '../dates.js';
import { zoneOf } from '../tenant-zone.js';
import { excludedClosedStatusesSchema, picklistFilterInput, resolveMany } from '../tickets/common.js';
import { containsAny, dateRange, listOutput, listResult, notFound, oneOrIn } from '../companies/listing.js';
import { getOutput, relatedSchema } from '../output.js';
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
  name: z.string().trim().min(1).max(100).optional().describe('Part of the project name (contains), e.g. "migration".'),
  projectNumber: z.string().trim().regex(PROJECT_NUMBER, 'A project number looks like P20261101.0001').optional().describe('Exact project number, e.g. P20261101.0001.'),
  companyID: z.number().int().nonnegative().optional().describe('Only projects of this company (search_companies gives ids; 0 = internal projects).'),
  status: picklistFilterInput.optional().describe('Project status id or label, or a list (e.g. "In Progress"). Unknown labels are answered with the valid list.'),
  openOnly: z.boolean().optional().describe('true: leave out finished projects (Complete and every status whose label means closed, from this tenant\'s status list).'),
  type: picklistFilterInput.optional().describe('Project type id or label, or a list (e.g. "Client", "Internal").'),
  projectLeadResourceID: idSchema.optional().describe('Only projects led by this resource (search_resources gives ids).'),
  startAfter: isoDateSchema.optional().describe('Start date on or after this ISO date.'),
  startBefore: isoDateSchema.optional().describe('Start date strictly before this ISO date.'),
  endAfter: isoDateSchema.optional().describe('End date on or after this ISO date.'),
  endBefore: isoDateSchema.optional().describe('End date strictly before this ISO date.'),
  ...orderedPaginationShape,
};

export const searchProjects = defineReadTool({
  name: 'search_projects',
  title: 'Search projects',
  description:
    'Find Autotask projects by name, number, company, status (id or label), open-only, type, project lead, and start/end date ranges. ' +
    'Newest first unless order is "oldest". Returns a page of projects (number, name, status, type, company, lead, dates, % complete) with names and labels, plus hasMore and nextCursor (pass it back as cursor with the same filters). ' +
    'get_project returns one project with its description and tasks; search_tasks lists tasks across projects.',
  toolset: 'projects',
  input: searchProjectsInput,
  output: { ...listOutput, excludedClosedStatuses: excludedClosedStatusesSchema },
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
  description:
    'One project by id or project number, with status/type labels, company and lead names, dates, progress, description (cut at 2000 characters unless fullText) and user-defined fields. ' +
    'includeTasks adds its tasks (up to 200, with status and assignee). Project notes: list_project_notes. States plainly when the project does not exist.',
  toolset: 'projects',
  input: {
    id: idSchema.optional().describe('Project id. Give id or projectNumber.'),
    projectNumber: z.string().trim().regex(PROJECT_NUMBER, 'A project number looks like P20261101.0001').optional().describe('Project number such as P20261101.0001. Give id or projectNumber.'),
    includeTasks: z.boolean().default(false).describe('Also list the project\'s tasks (up to 200).'),
    fullText: z.boolean().default(false).describe('Return the description whole instead of cut at 2000 characters.'),
  },
  output: getOutput('project', { tasks: relatedSchema }),
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
      if (typeof project[f] === 'string') project[f] = truncate(project[f] as string, args.fullText ? Number.POSITIVE_INFINITY : DESCRIPTION_PREVIEW, 'call get_project again with fullText: true');
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
