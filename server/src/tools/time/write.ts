/**
 * create_time_entry and update_time_entry. Time is always written through the ROOT TimeEntries
 * URL (Autotask has no Tickets/{id}/TimeEntries or Tasks/{id}/TimeEntries route); the entry
 * links to its ticket or task by ticketID / taskID, and always carries a roleID (./roles.ts).
 */
import { z } from 'zod';
import type { AutotaskRecord } from '../../autotask/types.js';
import { defineWriteTool, type ToolContext, type WritePlan } from '../types.js';
import { ToolInputError } from '../results.js';
import { idSchema } from '../shared.js';
import { dayIn, formatDay, isoDateSchema } from '../dates.js';
import { zoneOf } from '../tenant-zone.js';
import { closedStatuses } from '../../autotask/closed-statuses.js';
import { checkBillingCode, requireRecord } from '../records.js';
import { assertChanges, diffUpdate } from '../updates.js';
import { chooseRole, describeRole, resourceLabel, type RoleChoice } from './roles.js';
import { MAX_HOURS, midnightAdvice, resolveWorked } from './worked.js';

const fields = {
  resourceID: idSchema.describe('Technician who did the work (search_resources).'),
  roleID: idSchema.describe("Default: the resource's role on the ticket/task, else its default service desk role."),
  dateWorked: isoDateSchema.describe('Default: the day of startDateTime.'),
  startDateTime: isoDateSchema.describe('ISO; with endDateTime.'),
  endDateTime: isoDateSchema.describe('At most 24 hours after the start.'),
  hoursWorked: z.number().gt(0, 'hoursWorked must be more than 0').max(MAX_HOURS, `hoursWorked is at most ${MAX_HOURS}`).describe('Default: the span from start to end.'),
  summaryNotes: z.string().trim().min(1).max(32000).describe('What was done; clients can see it (invoices, ticket time).'),
  internalNotes: z.string().max(32000).describe('Staff only.'),
  isNonBillable: z.boolean(),
  billingCodeID: idSchema.describe('Work type, if the tenant requires one.'),
};

export const createTimeEntryInput = {
  ticketID: idSchema.optional().describe('Give ticketID or taskID.'),
  taskID: idSchema.optional(),
  resourceID: fields.resourceID.optional().describe("Technician who did the work (search_resources); default: the caller's own."),
  roleID: fields.roleID.optional(),
  dateWorked: fields.dateWorked.optional(),
  startDateTime: fields.startDateTime.optional(),
  endDateTime: fields.endDateTime.optional(),
  hoursWorked: fields.hoursWorked.optional(),
  summaryNotes: fields.summaryNotes,
  internalNotes: fields.internalNotes.optional(),
  isNonBillable: fields.isNonBillable.optional(),
  billingCodeID: fields.billingCodeID.optional(),
};

export const updateTimeEntryInput = {
  id: idSchema,
  roleID: fields.roleID.optional().describe("One of the resource's roles."),
  dateWorked: fields.dateWorked.optional(),
  startDateTime: fields.startDateTime.optional(),
  endDateTime: fields.endDateTime.optional(),
  hoursWorked: fields.hoursWorked.optional().describe('When only start/end change, hours follow the new span.'),
  summaryNotes: fields.summaryNotes.optional(),
  internalNotes: fields.internalNotes.optional(),
  isNonBillable: fields.isNonBillable.optional(),
  billingCodeID: fields.billingCodeID.optional(),
};

async function activeResource(ctx: ToolContext, id: number): Promise<AutotaskRecord> {
  const resource = await requireRecord(ctx, 'Resources', id, 'resource', 'Use search_resources to find technicians.');
  if (resource.isActive === false) throw new ToolInputError(`Resource ${id} is inactive and cannot log time. Nothing was sent.`);
  return resource;
}


export const createTimeEntry = defineWriteTool({
  kind: 'create',
  name: 'create_time_entry',
  title: 'Log time',
  description: 'Log time on a ticket or a project task: hoursWorked with dateWorked, or startDateTime and endDateTime (a time without offset is in the tenant time zone). The preview names the role used.',
  toolset: 'time',
  input: createTimeEntryInput,
  async plan(args, ctx) {
    if ((args.ticketID === undefined) === (args.taskID === undefined)) throw new ToolInputError('Give exactly one of ticketID or taskID: time is logged on a ticket or on a project task. Nothing was sent.');
    const zone = await zoneOf(ctx);
    const worked = resolveWorked(args, zone);
    // A technician's token names their resource: their own time needs no resourceID.
    const resourceID = args.resourceID ?? ctx.principal.resourceId;
    if (resourceID === null) throw new ToolInputError('resourceID is required: name the technician who did the work (search_resources finds their id). Nothing was sent.');
    const resource = await activeResource(ctx, resourceID);
    const warnings: string[] = [];
    let target: string;
    let role: RoleChoice;
    const body: Record<string, unknown> = {};
    if (args.ticketID !== undefined) {
      const ticket = await requireRecord(ctx, 'Tickets', args.ticketID, 'ticket', 'Use search_tickets to find the numeric ticket id.');
      target = `ticket ${ticket.ticketNumber ?? args.ticketID}`;
      role = await chooseRole(ctx, resource, args.roleID, { resourceID: ticket.assignedResourceID, roleID: ticket.assignedResourceRoleID, what: target });
      body.ticketID = args.ticketID;
      const closed = closedStatuses(await ctx.api.picklist('Tickets', 'status', { signal: ctx.signal }), ctx.config.closedStatuses).map((v) => Number(v.value));
      if (closed.includes(ticket.status as number)) warnings.push(`${target} is already complete.`);
    } else {
      const task = await requireRecord(ctx, 'Tasks', args.taskID as number, 'task', 'Use search_tasks to find the task id.');
      target = `task ${task.taskNumber ?? args.taskID} of project ${task.projectID}`;
      role = await chooseRole(ctx, resource, args.roleID, { resourceID: task.assignedResourceID, roleID: task.assignedResourceRoleID, what: `task ${args.taskID}` });
      body.taskID = args.taskID;
    }
    warnings.push(...role.warnings);
    await checkBillingCode(ctx, args.billingCodeID);
    Object.assign(body, { resourceID, roleID: role.roleID, ...worked, summaryNotes: args.summaryNotes });
    for (const k of ['internalNotes', 'isNonBillable', 'billingCodeID'] as const) if (args[k] !== undefined) body[k] = args[k];
    if (worked.dateWorked.slice(0, 10) > dayIn(ctx.now?.() ?? new Date(), zone)) warnings.push(`dateWorked ${worked.dateWorked.slice(0, 10)} is in the future.`);
    const midnight = midnightAdvice(worked, zone);
    if (midnight) warnings.push(midnight.warning);
    return {
      operation: 'create',
      entity: 'TimeEntries',
      body,
      summary: `Log ${worked.hoursWorked}h on ${target} for ${resourceLabel(resource)} on ${worked.dateWorked.slice(0, 10)} as ${describeRole(role)}.`,
      warnings,
      ...(midnight ? { ifRefused: midnight.ifRefused } : {}),
    } satisfies WritePlan;
  },
});

export const updateTimeEntry = defineWriteTool({
  kind: 'update',
  name: 'update_time_entry',
  title: 'Update time entry',
  description: 'Change a time entry; the rules of create_time_entry apply to the result. Only changed fields are sent; the preview shows current -> new.',
  toolset: 'time',
  input: updateTimeEntryInput,
  async plan(args, ctx) {
    const { id, roleID, ...rest } = args;
    const current = await requireRecord(ctx, 'TimeEntries', id, 'time entry', 'Use search_time_entries to find it.');
    const given = Object.values(rest as Record<string, unknown>).filter((v) => v !== undefined).length + (roleID !== undefined ? 1 : 0);
    const wanted: Record<string, unknown> = {};
    const timing = ['dateWorked', 'startDateTime', 'endDateTime', 'hoursWorked'] as const;
    let midnight: ReturnType<typeof midnightAdvice> = null;
    if (timing.some((k) => args[k] !== undefined)) {
      // Validate the entry as it will be after the change; what Autotask already holds stays as it is.
      const zone = await zoneOf(ctx);
      const worked = resolveWorked({ startDateTime: args.startDateTime, endDateTime: args.endDateTime, hoursWorked: args.hoursWorked, dateWorked: args.dateWorked }, zone, current);
      Object.assign(wanted, worked);
      if (args.startDateTime !== undefined || args.endDateTime !== undefined) midnight = midnightAdvice(worked, zone);
    }
    if (args.billingCodeID !== current.billingCodeID) await checkBillingCode(ctx, args.billingCodeID);
    for (const k of ['summaryNotes', 'internalNotes', 'isNonBillable', 'billingCodeID'] as const) if (args[k] !== undefined) wanted[k] = args[k];
    const warnings: string[] = [];
    if (roleID !== undefined) {
      const resource = await requireRecord(ctx, 'Resources', current.resourceID as number, 'resource', '');
      const role = await chooseRole(ctx, resource, roleID);
      wanted.roleID = role.roleID;
      warnings.push(...role.warnings);
    }
    const { body, changes, expected } = await diffUpdate(id, current, wanted);
    assertChanges(changes, `time entry ${id}`, given);
    if (midnight) warnings.push(midnight.warning);
    return {
      operation: 'update',
      entity: 'TimeEntries',
      id,
      body,
      summary: `Update time entry ${id} (${current.hoursWorked}h on ${current.ticketID ? `ticket ${current.ticketID}` : current.taskID ? `task ${current.taskID}` : formatDay(current.dateWorked)}): ${changes.map((c) => c.field).join(', ')}.`,
      changes,
      expected,
      warnings,
      ...(midnight ? { ifRefused: midnight.ifRefused } : {}),
    } satisfies WritePlan;
  },
});
