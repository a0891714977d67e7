/**
 * create_ticket and update_ticket. Plans only: the registry previews, confirms and executes.
 * Picklist fields accept ids or labels; update sends a PATCH with only the fields that change.
 */
import { z } from 'zod';
import type { AutotaskApi, AutotaskRecord, PicklistValue, RequestOptions } from '../../autotask/types.js';
import { defineWriteTool, type ToolContext, type WritePlan } from '../types.js';
import { ToolInputError } from '../results.js';
import { idSchema, optionalFields } from '../shared.js';
import { isoDateSchema, toInstant } from '../dates.js';
import { zoneOf } from '../tenant-zone.js';
import { resolvePicklistValue } from '../picklists.js';
import { picklistInput, type PicklistInput } from './common.js';
import { closedStatuses } from '../../autotask/closed-statuses.js';
import { assertChanges, diffUpdate, picklistDisplay, referenceDisplay } from '../updates.js';
import { assignmentRole, describeRole, resourceLabel } from '../time/roles.js';
import { ROLE_LOOKUP } from '../enrich.js';

/** Picklist inputs of a ticket: tool argument -> Autotask field. */
const PICKLISTS = {
  status: 'status',
  priority: 'priority',
  queue: 'queueID',
  issueType: 'issueType',
  subIssueType: 'subIssueType',
  ticketType: 'ticketType',
  source: 'source',
} as const;
type PicklistArg = keyof typeof PICKLISTS;
const ASSIGNMENT_FIELDS = ['assignedResourceID', 'assignedResourceRoleID'];

const ticketFields = {
  title: z.string().trim().min(1).max(255).describe('Short summary (max 255 characters).'),
  description: z.string().max(8000),
  status: picklistInput,
  priority: picklistInput,
  queue: picklistInput,
  issueType: picklistInput,
  subIssueType: picklistInput.describe('Must belong to issueType.'),
  ticketType: picklistInput,
  source: picklistInput,
  contactID: idSchema.describe("Of the ticket's company (search_contacts)."),
  assignedResourceID: idSchema.describe('Technician (search_resources).'),
  assignedResourceRoleID: idSchema.describe("Default: the resource's default service desk role."),
  dueDateTime: isoDateSchema,
  estimatedHours: z.number().min(0).max(10_000),
};

const optionalTicketFields = optionalFields(ticketFields);

export const createTicketInput = {
  companyID: z.number().int().nonnegative().describe('search_companies gives ids; 0 is your own company.'),
  ...optionalTicketFields,
  title: ticketFields.title,
};

export const updateTicketInput = {
  id: idSchema,
  ...optionalTicketFields,
  resolution: z.string().max(32000).optional(),
  unassign: z.boolean().optional().describe('true: remove the primary resource and its role (not with assignedResourceID).'),
};

type PicklistArgs = Partial<Record<PicklistArg, PicklistInput>>;

/** Resolve every picklist argument given; for create, fill required ones from the picklist default. */
async function resolvePicklists(api: AutotaskApi, args: PicklistArgs, forCreate: boolean, opts: RequestOptions): Promise<Partial<Record<string, number>>> {
  const out: Partial<Record<string, number>> = {};
  const fields = forCreate ? await api.fields('Tickets', opts) : [];
  for (const [arg, field] of Object.entries(PICKLISTS) as Array<[PicklistArg, string]>) {
    const given = args[arg];
    if (given !== undefined) {
      out[field] = await resolvePicklistValue(api, 'Tickets', field, given, { ...opts, forWrite: true });
      continue;
    }
    const meta = fields.find((f) => f.name.toLowerCase() === field.toLowerCase());
    if (forCreate && meta?.isRequired) {
      const values = await api.picklist('Tickets', field, opts);
      const def = values.find((v) => v.isDefaultValue && v.isActive);
      if (!def) throw new ToolInputError(`This tenant requires ${arg} on new tickets and has no default. Valid values: ${activeList(values)}.`);
      out[field] = Number(def.value);
    }
  }
  return out;
}

const activeList = (values: PicklistValue[]) => values.filter((v) => v.isActive).map((v) => `${v.value}=${v.label}`).join(', ');

/** subIssueType is a dependent picklist: its value must belong to the ticket's issue type. */
async function checkSubIssue(api: AutotaskApi, subIssue: number | undefined | null, issue: number | undefined | null, opts: RequestOptions): Promise<void> {
  if (subIssue === undefined || subIssue === null) return;
  const values = await api.picklist('Tickets', 'subIssueType', opts);
  const hit = values.find((v) => v.value === String(subIssue));
  if (!hit?.parentValue || hit.parentValue === String(issue)) return;
  const fitting = values.filter((v) => v.isActive && v.parentValue === String(issue)).map((v) => `${v.value}=${v.label}`);
  throw new ToolInputError(
    `Sub-issue type "${hit.label}" belongs to issue type ${hit.parentValue}, not to ${issue ?? 'none'}. ${fitting.length ? `Sub-issue types of issue type ${issue}: ${fitting.join(', ')}.` : 'Set issueType as well.'}`,
  );
}

/**
 * Autotask refuses a new ticket with neither a queue nor an assigned resource and role
 * ("assignedResourceID, assignedResourceRoleID, and queueID cannot all be empty", sandbox log).
 */
async function refuseOwnerless(api: AutotaskApi, opts: RequestOptions): Promise<never> {
  const queues = activeList(await api.picklist('Tickets', 'queueID', opts));
  throw new ToolInputError(
    'A new ticket needs a queue or an assignee: Autotask refuses one with neither. Give queue (id or label) or assignedResourceID (search_resources; its role is derived). ' +
      `${queues ? `Queues: ${queues}.` : 'This tenant lists no queues: give assignedResourceID.'} Nothing was sent.`,
  );
}

async function checkContact(api: AutotaskApi, contactId: number, companyId: number, opts: RequestOptions): Promise<void> {
  const contact = await api.get('Contacts', contactId, opts);
  if (!contact) throw new ToolInputError(`No contact with id ${contactId} exists. Use search_contacts to find contacts.`);
  if (contact.companyID !== companyId) throw new ToolInputError(`Contact ${contactId} belongs to company ${contact.companyID}, not to the ticket's company ${companyId}.`);
}

export const createTicket = defineWriteTool({
  kind: 'create',
  name: 'create_ticket',
  title: 'Create ticket',
  description:
    "Create a ticket. Needs companyID, title, and a queue or an assignee. Picklists (status, priority, queue, types, source) take an id or label; required ones default to the tenant's defaults.",
  toolset: 'tickets',
  input: createTicketInput,
  async plan(args, ctx) {
    const opts = { signal: ctx.signal };
    const company = await ctx.api.get('Companies', args.companyID, opts);
    if (!company) throw new ToolInputError(`No company with id ${args.companyID} exists. Use search_companies to find the company id.`);
    if (args.contactID !== undefined) await checkContact(ctx.api, args.contactID, args.companyID, opts);
    if (args.assignedResourceRoleID !== undefined && args.assignedResourceID === undefined) throw new ToolInputError('assignedResourceRoleID needs assignedResourceID.');
    const picklists = await resolvePicklists(ctx.api, args, true, opts);
    await checkSubIssue(ctx.api, picklists.subIssueType, picklists.issueType, opts);
    if (picklists.queueID === undefined && args.assignedResourceID === undefined) await refuseOwnerless(ctx.api, opts);
    const body: Record<string, unknown> = { companyID: args.companyID, title: args.title, ...picklists };
    if (args.description !== undefined) body.description = args.description;
    if (args.contactID !== undefined) body.contactID = args.contactID;
    let assigned = '';
    const warnings: string[] = [];
    if (args.assignedResourceID !== undefined) {
      const role = await assignmentRole(ctx, args.assignedResourceID, args.assignedResourceRoleID);
      body.assignedResourceID = args.assignedResourceID;
      body.assignedResourceRoleID = role.roleID;
      warnings.push(...role.warnings);
      assigned = ` Assigned to ${resourceLabel(role.resource)} as ${describeRole(role)}.`;
    }
    if (args.dueDateTime !== undefined) body.dueDateTime = toInstant(args.dueDateTime, await zoneOf(ctx), 'dueDateTime');
    if (args.estimatedHours !== undefined) body.estimatedHours = args.estimatedHours;
    const status = await picklistDisplay(ctx, 'Tickets', 'status', body.status);
    const priority = await picklistDisplay(ctx, 'Tickets', 'priority', body.priority);
    return {
      operation: 'create',
      entity: 'Tickets',
      body,
      summary: `Create a ticket for ${company.companyName ?? `company ${args.companyID}`} (status ${status}, priority ${priority}): "${args.title}".${assigned}`,
      warnings,
    } satisfies WritePlan;
  },
});

export const updateTicket = defineWriteTool({
  kind: 'update',
  name: 'update_ticket',
  title: 'Update ticket',
  description: 'Change fields of a ticket; picklists take an id or label. Only changed fields are sent; the preview shows current -> new.',
  toolset: 'tickets',
  input: updateTicketInput,
  async plan(args, ctx) {
    if (args.unassign === true) {
      for (const f of ['assignedResourceID', 'assignedResourceRoleID'] as const) {
        if (args[f] !== undefined) throw new ToolInputError(`unassign=true and ${f} contradict each other: give one of them. Nothing was sent.`);
      }
    }
    const opts = { signal: ctx.signal };
    const current = await ctx.api.get('Tickets', args.id, opts);
    if (!current) throw new ToolInputError(`No ticket with id ${args.id} exists. Use search_tickets to find it.`);
    if (args.assignedResourceRoleID !== undefined && args.assignedResourceID === undefined) throw new ToolInputError('assignedResourceRoleID needs assignedResourceID.');

    const wanted: Record<string, unknown> = { ...(await resolvePicklists(ctx.api, args, false, opts)) };
    await checkSubIssue(ctx.api, (wanted.subIssueType as number | undefined) ?? (args.issueType !== undefined ? (current.subIssueType as number | undefined) : undefined), (wanted.issueType as number | undefined) ?? (current.issueType as number | undefined), opts);
    for (const f of ['title', 'description', 'estimatedHours', 'resolution', 'contactID'] as const) if (args[f] !== undefined) wanted[f] = args[f];
    if (args.dueDateTime !== undefined) wanted.dueDateTime = toInstant(args.dueDateTime, await zoneOf(ctx), 'dueDateTime');
    if (args.contactID !== undefined) await checkContact(ctx.api, args.contactID, current.companyID as number, opts);
    const ticketName = `ticket ${current.ticketNumber ?? args.id}`;
    let role: Awaited<ReturnType<typeof assignmentRole>> | undefined;
    if (args.assignedResourceID !== undefined) {
      role = await assignmentRole(ctx, args.assignedResourceID, args.assignedResourceRoleID, { record: current, what: ticketName });
      wanted.assignedResourceID = args.assignedResourceID;
      wanted.assignedResourceRoleID = role.roleID;
    }
    const unassigning = args.unassign === true ? await unassignment(ctx, current, ticketName) : undefined;
    if (unassigning) Object.assign(wanted, { assignedResourceID: null, assignedResourceRoleID: null });
    const picklistFields: string[] = Object.values(PICKLISTS);
    const { body, changes, expected } = await diffUpdate(args.id, current, wanted, (field, value) =>
      picklistFields.includes(field) ? picklistDisplay(ctx, 'Tickets', field, value) : ASSIGNMENT_FIELDS.includes(field) && value === null ? Promise.resolve('none') : field === 'assignedResourceRoleID' ? roleDisplay(ctx, value) : referenceDisplay(ctx, 'Tickets', field, value),
    );
    assertChanges(changes, ticketName, Object.keys(wanted).length);

    const warnings: string[] = [];
    if (role && body.assignedResourceID !== undefined) warnings.push(...role.warnings);
    if (unassigning && !(body.queueID ?? current.queueID)) warnings.push(`${ticketName} has no queue: once unassigned, nobody owns it until it is assigned or queued again.`);
    if (body.status !== undefined) {
      const closed = closedStatuses(await ctx.api.picklist('Tickets', 'status', opts), ctx.config.closedStatuses).map((v) => Number(v.value));
      if (closed.includes(body.status as number)) warnings.push('This closes the ticket; the client may be notified depending on the tenant\'s notification settings.');
    }
    return {
      operation: 'update',
      entity: 'Tickets',
      id: args.id,
      body,
      summary: `Update ${ticketName}: ${changes.map((c) => c.field).join(', ')}.${role && body.assignedResourceID !== undefined ? ` Assigned to ${resourceLabel(role.resource)} as ${describeRole(role)}.` : ''}${unassigning ? ` ${unassigning}` : ''}`,
      changes,
      // Also what the checks read: the issue type a sub-issue type must belong to, the company of a contact.
      expected: { ...expected, issueType: current.issueType ?? null, companyID: current.companyID ?? null },
      warnings,
    };
  },
});

/**
 * "Unassign Priya Raman (resource 29682904, role 29683355 Service Desk Technician) from ticket
 * T...": who loses the ticket, named for the preview. Refuses a ticket that has nobody assigned.
 */
async function unassignment(ctx: ToolContext, current: AutotaskRecord, ticketName: string): Promise<string> {
  const resourceId = current.assignedResourceID;
  if (typeof resourceId !== 'number') throw new ToolInputError(`Nothing to change: ${ticketName} already has no assigned resource. Nothing was sent.`);
  const roleId = current.assignedResourceRoleID;
  const [resource, roles] = await Promise.all([
    ctx.api.get('Resources', resourceId, { signal: ctx.signal }),
    typeof roleId === 'number' ? ctx.names.lookup(ROLE_LOOKUP, [roleId], ctx.signal) : Promise.resolve(new Map<number, null>()),
  ]);
  const role = typeof roleId === 'number' ? roles.get(roleId) : null;
  if (resource) ctx.names.remember('Resources', [resource]); // the preview's "from" names it
  const roleText = typeof current.assignedResourceRoleID === 'number' ? `, role ${current.assignedResourceRoleID}${typeof role?.name === 'string' ? ` ${role.name}` : ''}` : '';
  return `Unassign ${resource ? resourceLabel(resource) : 'a resource'} (resource ${resourceId}${roleText}) from ${ticketName}.`;
}

/** "Service Desk Technician (29683355)" for a role id in previews. */
async function roleDisplay(ctx: ToolContext, value: unknown): Promise<unknown> {
  if (typeof value !== 'number') return value;
  const role = (await ctx.names.lookup(ROLE_LOOKUP, [value], ctx.signal)).get(value);
  return typeof role?.name === 'string' ? `${role.name} (${value})` : value;
}
