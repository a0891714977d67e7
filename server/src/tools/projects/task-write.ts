/**
 * create_task and update_task. Autotask creates and updates tasks only through their project
 * (POST/PATCH Projects/{projectId}/Tasks) and requires taskType and status on create: both are
 * always sent, from the caller or the tenant's picklist defaults, and the preview says which.
 */
import { z } from 'zod';
import { defineWriteTool, type ToolContext, type WritePlan } from '../types.js';
import { ToolInputError } from '../results.js';
import { idSchema, optionalFields } from '../shared.js';
import { instantMs, isoDateSchema, toInstant } from '../dates.js';
import { zoneOf } from '../tenant-zone.js';
import { resolvePicklistValue } from '../picklists.js';
import { picklistInput } from '../tickets/common.js';
import { closedStatuses } from '../../autotask/closed-statuses.js';
import { checkBillingCode, requireRecord } from '../records.js';
import { assertChanges, diffUpdate, picklistDisplay } from '../updates.js';
import { assignmentRole } from '../time/roles.js';

/** Picklist arguments of a task -> Autotask field. */
const PICKLISTS = { status: 'status', taskType: 'taskType', priority: 'priorityLabel', department: 'departmentID' } as const;
type PicklistArg = keyof typeof PICKLISTS;

const fields = {
  title: z.string().trim().min(1).max(255),
  description: z.string().max(8000),
  status: picklistInput,
  taskType: picklistInput,
  priority: picklistInput,
  department: picklistInput,
  assignedResourceID: idSchema.describe('search_resources gives ids.'),
  assignedResourceRoleID: idSchema.describe("Default: the resource's default service desk role."),
  phaseID: idSchema.describe('A phase of the same project.'),
  billingCodeID: idSchema.describe('Work type for time on this task.'),
  estimatedHours: z.number().min(0).max(10_000),
  startDateTime: isoDateSchema,
  endDateTime: isoDateSchema.describe('Due; after the start.'),
};

const optionalTaskFields = optionalFields(fields);

export const createTaskInput = {
  projectID: idSchema.describe('search_projects gives ids.'),
  ...optionalTaskFields,
  title: fields.title,
};

export const updateTaskInput = {
  id: idSchema,
  ...optionalTaskFields,
};

type PicklistArgs = Partial<Record<PicklistArg, number | string>>;

async function resolvePicklists(ctx: ToolContext, args: PicklistArgs, defaults: PicklistArg[]): Promise<{ values: Record<string, number>; defaulted: string[] }> {
  const values: Record<string, number> = {};
  const defaulted: string[] = [];
  for (const [arg, field] of Object.entries(PICKLISTS) as Array<[PicklistArg, string]>) {
    const given = args[arg];
    if (given !== undefined) {
      values[field] = await resolvePicklistValue(ctx.api, 'Tasks', field, given, { signal: ctx.signal, forWrite: true });
    } else if (defaults.includes(arg)) {
      const list = await ctx.api.picklist('Tasks', field, { signal: ctx.signal });
      const def = list.find((v) => v.isDefaultValue && v.isActive);
      if (!def) throw new ToolInputError(`Give ${arg}: Autotask requires it on new tasks and this tenant has no default. Valid values: ${list.filter((v) => v.isActive).map((v) => `${v.value}=${v.label}`).join(', ')}.`);
      values[field] = Number(def.value);
      defaulted.push(`${arg} ${def.label} (${def.value}, the tenant's default)`);
    }
  }
  return { values, defaulted };
}

async function checkPhase(ctx: ToolContext, phaseId: number, projectId: number): Promise<void> {
  const phase = await requireRecord(ctx, 'Phases', phaseId, 'phase', 'get_project lists the project\'s tasks and their phaseID values.');
  if (phase.projectID !== projectId) throw new ToolInputError(`Phase ${phaseId} belongs to project ${phase.projectID}, not to project ${projectId}. Nothing was sent.`);
}

function checkDates(start: unknown, end: unknown): void {
  const [s, e] = [instantMs(start), instantMs(end)];
  if (s !== null && e !== null && e <= s) {
    throw new ToolInputError(`endDateTime (${end}) must be after startDateTime (${start}). Nothing was sent.`);
  }
}

const display = (ctx: ToolContext) => (field: string, value: unknown) =>
  Object.values(PICKLISTS).includes(field as never) ? picklistDisplay(ctx, 'Tasks', field, value) : Promise.resolve(value);

export const createTask = defineWriteTool({
  kind: 'create',
  name: 'create_task',
  title: 'Create project task',
  description: "Add a task to a project. Picklists (status, taskType, priority, department) take an id or label; taskType and status default to the tenant's defaults, named in the preview.",
  toolset: 'projects',
  input: createTaskInput,
  async plan(args, ctx) {
    const project = await requireRecord(ctx, 'Projects', args.projectID, 'project', 'Use search_projects to find the project id.');
    if (args.assignedResourceRoleID !== undefined && args.assignedResourceID === undefined) throw new ToolInputError('assignedResourceRoleID needs assignedResourceID.');
    if (args.phaseID !== undefined) await checkPhase(ctx, args.phaseID, args.projectID);
    await checkBillingCode(ctx, args.billingCodeID);
    const { values, defaulted } = await resolvePicklists(ctx, args, ['taskType', 'status']);
    const body: Record<string, unknown> = { projectID: args.projectID, title: args.title, ...values };
    for (const k of ['description', 'phaseID', 'billingCodeID', 'estimatedHours'] as const) if (args[k] !== undefined) body[k] = args[k];
    const zone = await zoneOf(ctx);
    if (args.startDateTime !== undefined) body.startDateTime = toInstant(args.startDateTime, zone, 'startDateTime');
    if (args.endDateTime !== undefined) body.endDateTime = toInstant(args.endDateTime, zone, 'endDateTime');
    checkDates(body.startDateTime, body.endDateTime);
    const warnings: string[] = [];
    let roleText = '';
    if (args.assignedResourceID !== undefined) {
      const role = await assignmentRole(ctx, args.assignedResourceID, args.assignedResourceRoleID);
      body.assignedResourceID = args.assignedResourceID;
      body.assignedResourceRoleID = role.roleID;
      warnings.push(...role.warnings);
      roleText = ` Assigned to resource ${args.assignedResourceID} as role ${role.roleID}${role.roleName ? ` (${role.roleName})` : ''}: ${role.source}.`;
    }
    const closed = closedStatuses(await ctx.api.picklist('Projects', 'status', { signal: ctx.signal })).map((v) => Number(v.value));
    if (closed.includes(project.status as number)) warnings.push(`Project ${args.projectID} is already complete.`);
    return {
      operation: 'create',
      entity: 'Tasks',
      parent: { entity: 'Projects', id: args.projectID },
      body,
      summary:
        `Add task "${args.title}" to project ${project.projectNumber ?? args.projectID} (type ${await picklistDisplay(ctx, 'Tasks', 'taskType', body.taskType)}, status ${await picklistDisplay(ctx, 'Tasks', 'status', body.status)}).` +
        (defaulted.length ? ` Defaulted: ${defaulted.join('; ')}.` : '') +
        roleText,
      warnings,
    } satisfies WritePlan;
  },
});

export const updateTask = defineWriteTool({
  kind: 'update',
  name: 'update_task',
  title: 'Update project task',
  description: 'Change fields of a project task; picklists take an id or label. Only changed fields are sent; the preview shows current -> new.',
  toolset: 'projects',
  input: updateTaskInput,
  async plan(args, ctx) {
    const current = await requireRecord(ctx, 'Tasks', args.id, 'task', 'Use search_tasks to find it.');
    const projectId = current.projectID as number;
    if (args.assignedResourceRoleID !== undefined && args.assignedResourceID === undefined) throw new ToolInputError('assignedResourceRoleID needs assignedResourceID.');
    if (args.phaseID !== undefined) await checkPhase(ctx, args.phaseID, projectId);
    if (args.billingCodeID !== current.billingCodeID) await checkBillingCode(ctx, args.billingCodeID);
    const { values } = await resolvePicklists(ctx, args, []);
    const wanted: Record<string, unknown> = { ...values };
    for (const k of ['title', 'description', 'phaseID', 'billingCodeID', 'estimatedHours'] as const) if (args[k] !== undefined) wanted[k] = args[k];
    const zone = await zoneOf(ctx);
    if (args.startDateTime !== undefined) wanted.startDateTime = toInstant(args.startDateTime, zone, 'startDateTime');
    if (args.endDateTime !== undefined) wanted.endDateTime = toInstant(args.endDateTime, zone, 'endDateTime');
    checkDates(wanted.startDateTime ?? current.startDateTime, wanted.endDateTime ?? current.endDateTime);
    const warnings: string[] = [];
    if (args.assignedResourceID !== undefined) {
      const role = await assignmentRole(ctx, args.assignedResourceID, args.assignedResourceRoleID, { record: current, what: `task ${current.id}` });
      wanted.assignedResourceID = args.assignedResourceID;
      wanted.assignedResourceRoleID = role.roleID;
      warnings.push(...role.warnings);
    }
    const { body, changes, expected } = await diffUpdate(args.id, current, wanted, display(ctx));
    const name = `task ${current.taskNumber ?? args.id}`;
    assertChanges(changes, name, Object.keys(wanted).length);
    if (body.status !== undefined) {
      const closed = closedStatuses(await ctx.api.picklist('Tasks', 'status', { signal: ctx.signal })).map((v) => Number(v.value));
      if (closed.includes(body.status as number)) warnings.push('This completes the task; Autotask sets its remaining hours to 0.');
    }
    return {
      operation: 'update',
      entity: 'Tasks',
      parent: { entity: 'Projects', id: projectId },
      id: args.id,
      body,
      summary: `Update ${name} of project ${projectId}: ${changes.map((c) => c.field).join(', ')}.`,
      changes,
      // The route names the project; a new start or end was checked against the other one.
      expected: { ...expected, projectID: projectId, startDateTime: current.startDateTime ?? null, endDateTime: current.endDateTime ?? null },
      warnings,
    } satisfies WritePlan;
  },
});
