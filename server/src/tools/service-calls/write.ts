/**
 * Booking a visit takes one write per request, as Autotask's routes do: create_service_call
 * (POST ServiceCalls), add_service_call_ticket (POST ServiceCalls/{id}/Tickets) and
 * assign_service_call_resource (POST ServiceCallTickets/{id}/Resources, or ServiceCallTasks/{id}/
 * Resources for a task), each previewed and confirmed on its own.
 */
import { z } from 'zod';
import type { AutotaskRecord } from '../../autotask/types.js';
import { defineWriteTool, type ToolContext, type WritePlan } from '../types.js';
import { ToolInputError } from '../results.js';
import { companyIdSchema, idSchema } from '../shared.js';
import { formatInstant, instantMs, isoDateSchema, toInstant } from '../dates.js';
import { zoneOf } from '../tenant-zone.js';
import { resolvePicklistValue } from '../picklists.js';
import { picklistInput } from '../tickets/common.js';
import { picklistDisplay } from '../updates.js';
import { requireRecord } from '../records.js';
import { resourceLabel } from '../time/roles.js';
import { doneResult } from '../preview.js';
import { closedTicketWarning, ticketName } from '../ticket-extras/common.js';
import { inBatches, LINKS, linksOf, type LinkKind } from './common.js';

const MAX_HOURS = 24;

function requireCall(ctx: ToolContext, id: number): Promise<AutotaskRecord> {
  return requireRecord(ctx, 'ServiceCalls', id, 'service call', 'Use search_service_calls to find it, or create_service_call to book one.');
}

export const createServiceCall = defineWriteTool({
  kind: 'create',
  name: 'create_service_call',
  title: 'Create service call',
  description: 'Book a service call (a visit) for a company from start to end. Then add_service_call_ticket links its ticket and assign_service_call_resource sends a technician.',
  toolset: 'service_calls',
  input: {
    companyID: companyIdSchema.describe('search_companies gives ids.'),
    startDateTime: isoDateSchema,
    endDateTime: isoDateSchema,
    description: z.string().trim().min(1).max(2000).optional(),
    status: picklistInput.optional().describe("Default: the tenant's default."),
    companyLocationID: idSchema.optional().describe('A location of the company.'),
  },
  async plan(args, ctx) {
    const zone = await zoneOf(ctx);
    const start = toInstant(args.startDateTime, zone, 'startDateTime');
    const end = toInstant(args.endDateTime, zone, 'endDateTime');
    const hours = ((instantMs(end) ?? 0) - (instantMs(start) ?? 0)) / 3_600_000;
    if (hours <= 0) throw new ToolInputError(`endDateTime (${end}) must be after startDateTime (${start}). Nothing was sent.`);
    if (hours > MAX_HOURS) throw new ToolInputError(`The service call would last ${Math.round(hours)} hours; book visits of at most ${MAX_HOURS} hours (several calls for longer work). Nothing was sent.`);
    const status = args.status !== undefined ? await resolvePicklistValue(ctx.api, 'ServiceCalls', 'status', args.status, { signal: ctx.signal, forWrite: true }) : undefined;
    const company = await requireRecord(ctx, 'Companies', args.companyID, 'company', 'Use search_companies to find the company id.');
    const warnings: string[] = [];
    if (company.isActive === false) warnings.push(`Company ${args.companyID} is inactive.`);
    if ((instantMs(start) ?? 0) < (ctx.now?.() ?? new Date()).getTime()) warnings.push('The service call starts in the past.');
    if (args.companyLocationID !== undefined) {
      const location = await requireRecord(ctx, 'CompanyLocations', args.companyLocationID, 'company location', 'get_company with includeLocations lists them.');
      if (location.companyID !== args.companyID) throw new ToolInputError(`Location ${args.companyLocationID} belongs to company ${String(location.companyID)}, not to company ${args.companyID}. Nothing was sent.`);
    }
    const body: Record<string, unknown> = { companyID: args.companyID, startDateTime: start, endDateTime: end };
    if (args.description !== undefined) body.description = args.description;
    if (status !== undefined) body.status = status;
    if (args.companyLocationID !== undefined) body.companyLocationID = args.companyLocationID;
    const name = typeof company.companyName === 'string' ? `${company.companyName} (${args.companyID})` : `company ${args.companyID}`;
    return {
      operation: 'create',
      entity: 'ServiceCalls',
      body,
      summary: `Book a service call for ${name} from ${formatInstant(start, zone)} to ${formatInstant(end, zone)} (${Math.round(hours * 100) / 100} h)${status !== undefined ? `, status ${await picklistDisplay(ctx, 'ServiceCalls', 'status', status)}` : ''}.`,
      warnings,
    } satisfies WritePlan;
  },
  async done({ id, plan }) {
    return doneResult({ status: 'done', operation: 'create', entity: 'ServiceCalls', id }, `Created service call ${id}. Next: add_service_call_ticket links its ticket; assign_service_call_resource then sends a technician.`, plan);
  },
});

export const addServiceCallTicket = defineWriteTool({
  kind: 'create',
  name: 'add_service_call_ticket',
  title: 'Add ticket to service call',
  description: 'Link a ticket to a service call (the work the visit is for).',
  toolset: 'service_calls',
  input: { serviceCallID: idSchema, ticketID: idSchema.describe('Numeric ticket id (search_tickets).') },
  async plan(args, ctx) {
    const call = await requireCall(ctx, args.serviceCallID);
    const ticket = await requireRecord(ctx, 'Tickets', args.ticketID, 'ticket', 'Use search_tickets to find the ticket id.');
    const { tickets } = await linksOf(ctx, args.serviceCallID);
    if (tickets.some((l) => l.ticketID === args.ticketID)) throw new ToolInputError(`${ticketName(ticket)} is already on service call ${args.serviceCallID}. Nothing was sent.`);
    const warnings = await closedTicketWarning(ctx, ticket);
    // [unverified] whether Autotask refuses a ticket of another company; the UI offers the call's company's tickets only.
    if (ticket.companyID !== call.companyID) warnings.push(`${ticketName(ticket)} is for company ${String(ticket.companyID)}, the service call for company ${String(call.companyID)}.`);
    if (call.isComplete === 1) warnings.push(`Service call ${args.serviceCallID} is already complete.`);
    return {
      operation: 'create',
      entity: LINKS.ticket.entity,
      parent: { entity: 'ServiceCalls', id: args.serviceCallID },
      body: { serviceCallID: args.serviceCallID, ticketID: args.ticketID },
      summary: `Link ${ticketName(ticket)} to service call ${args.serviceCallID}.`,
      warnings,
    } satisfies WritePlan;
  },
});

/** The ticket or task link the technician is assigned through: the one named, or the call's only one. */
function chooseLink(serviceCallId: number, links: { tickets: AutotaskRecord[]; tasks: AutotaskRecord[] }, ticketID?: number, taskID?: number): { kind: LinkKind; link: AutotaskRecord } {
  if (ticketID !== undefined && taskID !== undefined) throw new ToolInputError('Give ticketID or taskID, not both.');
  if (ticketID !== undefined || taskID !== undefined) {
    const kind: LinkKind = ticketID !== undefined ? 'ticket' : 'task';
    const wanted = ticketID ?? taskID;
    const link = (kind === 'ticket' ? links.tickets : links.tasks).find((l) => l[LINKS[kind].idField] === wanted);
    if (!link) throw new ToolInputError(`${kind === 'ticket' ? 'Ticket' : 'Task'} ${wanted} is not on service call ${serviceCallId}${kind === 'ticket' ? ': link it first with add_service_call_ticket' : ''}. Nothing was sent.`);
    return { kind, link };
  }
  const all = [...links.tickets.map((link) => ({ kind: 'ticket' as const, link })), ...links.tasks.map((link) => ({ kind: 'task' as const, link }))];
  if (all.length === 1) return all[0];
  if (!all.length) throw new ToolInputError(`Service call ${serviceCallId} has no ticket or task yet: link its ticket with add_service_call_ticket first, then assign the technician to it. Nothing was sent.`);
  const listed = all.map((a) => `${a.kind}ID ${String(a.link[LINKS[a.kind].idField])}`).join(', ');
  throw new ToolInputError(`Service call ${serviceCallId} has several tickets or tasks (${listed}): give ticketID or taskID. Nothing was sent.`);
}

export const assignServiceCallResource = defineWriteTool({
  kind: 'create',
  name: 'assign_service_call_resource',
  title: 'Assign technician to service call',
  description: "Send a technician on a service call, assigned to one of its tickets (or tasks); ticketID/taskID may be left out when the call has only one.",
  toolset: 'service_calls',
  input: {
    serviceCallID: idSchema,
    resourceID: idSchema.describe('search_resources gives ids.'),
    ticketID: idSchema.optional(),
    taskID: idSchema.optional(),
  },
  async plan(args, ctx) {
    const call = await requireCall(ctx, args.serviceCallID);
    const { kind, link } = chooseLink(args.serviceCallID, await linksOf(ctx, args.serviceCallID), args.ticketID, args.taskID);
    const spec = LINKS[kind];
    const resource = await requireRecord(ctx, 'Resources', args.resourceID, 'resource', 'Use search_resources to find technicians.');
    const who = `${resourceLabel(resource)} (${args.resourceID})`;
    // Errors are not fenced: they name the resource by id only.
    if (resource.isActive === false) throw new ToolInputError(`Resource ${args.resourceID} is inactive and cannot be assigned. Nothing was sent.`);
    const assigned = await inBatches(ctx, spec.resources, spec.linkField, [link.id], ['resourceID']);
    if (assigned.some((a) => a.resourceID === args.resourceID)) throw new ToolInputError(`Resource ${args.resourceID} is already assigned to ${kind} ${String(link[spec.idField])} on service call ${args.serviceCallID}. Nothing was sent.`);
    const warnings: string[] = [];
    if (call.isComplete === 1) warnings.push(`Service call ${args.serviceCallID} is already complete.`);
    // A clash with the technician's appointments is worth a look before confirming (one query).
    const { items: clashes } = await ctx.api.query('Appointments', {
      filter: [{ op: 'eq', field: 'resourceID', value: args.resourceID }, { op: 'lt', field: 'startDateTime', value: String(call.endDateTime) }, { op: 'gt', field: 'endDateTime', value: String(call.startDateTime) }],
      includeFields: ['id', 'title', 'startDateTime'],
      maxRecords: 5,
    }, { signal: ctx.signal });
    const zone = await zoneOf(ctx);
    if (clashes.length) warnings.push(`${who} has ${clashes.length === 5 ? '5 or more appointments' : `${clashes.length} appointment(s)`} overlapping the call: ${clashes.map((c) => `"${String(c.title)}" at ${formatInstant(c.startDateTime, zone)}`).join(', ')}.`);
    ctx.names.remember('Resources', [resource]);
    return {
      operation: 'create',
      entity: spec.resources,
      parent: { entity: spec.entity, id: link.id },
      body: { [spec.linkField]: link.id, resourceID: args.resourceID },
      summary: `Send ${who} on service call ${args.serviceCallID} (${formatInstant(call.startDateTime, zone)} to ${formatInstant(call.endDateTime, zone)}), assigned to ${kind} ${String(link[spec.idField])}.`,
      warnings,
    } satisfies WritePlan;
  },
});
