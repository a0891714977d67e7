/**
 * get_service_call: the call with its tickets, tasks and the technicians assigned to each (the
 * links read in one query per entity, ticket and task details in one `in` query each, names
 * batched), so "who goes where when" is one answer.
 */
import { defineReadTool } from '../types.js';
import { idSchema } from '../shared.js';
import { getOutput } from '../output.js';
import { zoneOf } from '../tenant-zone.js';
import { field, label, recordResult, ref, text, type Column } from '../rows.js';
import { notFound } from '../records.js';
import { LOOKUPS } from '../enrich.js';
import { inBatches, LINKS, linksOf, SERVICE_CALL_COLUMNS } from './common.js';

const DETAIL: Column[] = [...SERVICE_CALL_COLUMNS.filter((c) => c.key !== 'description'), field('duration'), ref('creatorResourceID'), text('description', 'description', { long: true })];
const TICKETS: Column[] = [field('serviceCallTicketID', 'id'), ref('ticketID'), text('title'), label('status'), ref('assignedResourceID')];
const TASKS: Column[] = [field('serviceCallTaskID', 'id'), ref('taskID', 'taskID', 'taskTitle'), ref('projectID'), label('status')];
const PEOPLE: Column[] = [field('id'), ref('ticketID'), ref('taskID', 'taskID', 'taskTitle'), ref('resourceID')];

export const getServiceCall = defineReadTool({
  name: 'get_service_call',
  title: 'Get service call',
  description: 'One service call with its tickets, tasks and the technicians assigned to each.',
  toolset: 'service_calls',
  input: { id: idSchema },
  output: getOutput,
  async handler(args, ctx) {
    const found = await ctx.api.get('ServiceCalls', args.id, { signal: ctx.signal });
    if (!found) return notFound('service call', args.id, 'Use search_service_calls to find service calls.');
    const call: Record<string, unknown> = { ...found };
    const links = await linksOf(ctx, args.id);
    const [ticketPeople, taskPeople, tickets, tasks] = await Promise.all([
      inBatches(ctx, LINKS.ticket.resources, LINKS.ticket.linkField, links.tickets.map((l) => l.id)),
      inBatches(ctx, LINKS.task.resources, LINKS.task.linkField, links.tasks.map((l) => l.id)),
      inBatches(ctx, 'Tickets', 'id', links.tickets.map((l) => l.ticketID as number), ['ticketNumber', 'title', 'status', 'assignedResourceID']),
      inBatches(ctx, 'Tasks', 'id', links.tasks.map((l) => l.taskID as number), ['title', 'status', 'projectID']),
    ]);
    const ticketOf = new Map(tickets.map((t) => [t.id, t]));
    const taskOf = new Map(tasks.map((t) => [t.id, t]));
    const ticketRows = links.tickets.map((l) => {
      const t = ticketOf.get(l.ticketID as number);
      return { id: l.id, ticketID: l.ticketID, ticketNumber: t?.ticketNumber ?? null, title: t?.title ?? null, status: t?.status ?? null, assignedResourceID: t?.assignedResourceID ?? null };
    });
    const taskRows = links.tasks.map((l) => {
      const t = taskOf.get(l.taskID as number);
      return { id: l.id, taskID: l.taskID, taskTitle: t?.title ?? null, projectID: t?.projectID ?? null, status: t?.status ?? null };
    });
    const ticketByLink = new Map(ticketRows.map((r) => [r.id, r]));
    const taskByLink = new Map(taskRows.map((r) => [r.id, r]));
    const people = [
      ...ticketPeople.map((p) => ({ id: p.id, ticketID: ticketByLink.get(p.serviceCallTicketID as number)?.ticketID ?? null, ticketNumber: ticketByLink.get(p.serviceCallTicketID as number)?.ticketNumber ?? null, resourceID: p.resourceID })),
      ...taskPeople.map((p) => ({ id: p.id, taskID: taskByLink.get(p.serviceCallTaskID as number)?.taskID ?? null, taskTitle: taskByLink.get(p.serviceCallTaskID as number)?.taskTitle ?? null, resourceID: p.resourceID })),
    ];
    // One batch for every technician named on the page, so the enrichments below find them cached.
    const resourceIds = [call.creatorResourceID, ...ticketRows.map((r) => r.assignedResourceID), ...people.map((p) => p.resourceID)].filter((v): v is number => Number.isInteger(v));
    await ctx.names.lookup(LOOKUPS.resource, resourceIds, ctx.signal).catch((err: unknown) => {
      if (ctx.signal.aborted) throw err;
    });
    await Promise.all([
      ctx.names.enrich('ServiceCalls', [call], ctx.signal),
      ctx.names.enrich('Tickets', ticketRows, ctx.signal),
      ctx.names.enrich('Tasks', taskRows, ctx.signal),
      ctx.names.enrich('ServiceCallTicketResources', people, ctx.signal),
    ]);
    return recordResult({
      head: `Service call ${args.id}:`,
      key: 'serviceCall',
      columns: DETAIL,
      record: call,
      zone: await zoneOf(ctx),
      sections: [
        { key: 'tickets', title: `Tickets (${ticketRows.length}):`, columns: TICKETS, records: ticketRows, empty: '(no tickets: add_service_call_ticket links one)' },
        { key: 'tasks', title: `Tasks (${taskRows.length}):`, columns: TASKS, records: taskRows, empty: '(no tasks)' },
        { key: 'technicians', title: `Technicians (${people.length}):`, columns: PEOPLE, records: people, empty: '(nobody assigned: assign_service_call_resource)' },
      ],
    });
  },
});
