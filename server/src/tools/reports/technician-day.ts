/**
 * report_technician_day: one technician's day in the tenant time zone. Time entries by their work
 * day (dateWorked, a calendar day), the tickets they are primary on that are open or were
 * completed that day, the tasks assigned to them whose schedule overlaps the day, their
 * appointments and service calls overlapping the day. Each list is one query (at most 500 rows),
 * names come from the batched enrichment; the total is stated.
 */
import { z } from 'zod';
import type { AutotaskRecord, FilterExpression } from '../../autotask/types.js';
import { defineReadTool, type ToolContext } from '../types.js';
import { ToolInputError } from '../results.js';
import { idSchema, truncate } from '../shared.js';
import { getOutput } from '../output.js';
import { zoneOf } from '../tenant-zone.js';
import { dayAsStored, dayIn, isoDateSchema, toCalendarDay, toInstant } from '../dates.js';
import { LOOKUPS } from '../enrich.js';
import { personNameFilter } from '../filters.js';
import { field, instant, label, recordResult, ref, text, type Column } from '../rows.js';
import { closedStatusValues, TICKET_COLUMNS, TICKET_LIST_FIELDS } from '../tickets/common.js';
import { addRoleAndTaskNames, TIME_COLUMNS, TIME_LIST_FIELDS } from '../time/common.js';
import { num, PAGE, round2 } from './common.js';
import { nextDay, nowOf } from './days.js';
import { callsOfDay, DISPATCH_REQUESTS } from './dispatch-day.js';

/** The resource, five lists, the call links, and names (tickets, companies, contacts, projects, roles, tasks, resources). */
export const DAY_MAX_REQUESTS = 1 + 4 + DISPATCH_REQUESTS + 8;
const NAME_MATCHES = 5;

const SUMMARY: Column[] = [ref('resourceID'), field('day'), field('hoursLogged'), field('billableHours'), field('timeEntries'), field('tickets'), field('tasks'), field('appointments'), field('serviceCalls')];
const TASK_COLUMNS: Column[] = [field('id'), text('title'), label('status'), ref('projectID'), instant('startDateTime'), instant('endDateTime'), field('estimatedHours')];
const APPOINTMENT_COLUMNS: Column[] = [field('id'), instant('startDateTime'), instant('endDateTime'), text('title')];
const CALL_COLUMNS: Column[] = [field('id'), instant('startDateTime'), instant('endDateTime'), label('status'), ref('companyID'), ref('ticketID'), ref('taskID', 'taskID', 'taskTitle'), text('description')];

type Who = { id: number; name: string };

const fullName = (r: AutotaskRecord) => [r.firstName, r.lastName].filter((p) => typeof p === 'string' && p !== '').join(' ');

async function resolveResource(ctx: ToolContext, args: { resourceID?: number; resource?: string }): Promise<Who> {
  if (args.resourceID !== undefined) {
    const hit = (await ctx.names.lookup(LOOKUPS.resource, [args.resourceID], ctx.signal)).get(args.resourceID);
    if (!hit) throw new ToolInputError(`No resource with id ${args.resourceID} exists. search_resources finds technicians.`);
    return { id: hit.id, name: fullName(hit) };
  }
  const name = args.resource as string;
  const { items } = await ctx.api.query('Resources', { filter: [personNameFilter(name)], includeFields: ['firstName', 'lastName'], maxRecords: NAME_MATCHES + 1 }, { signal: ctx.signal });
  const exact = items.filter((r) => fullName(r).toLowerCase() === name.toLowerCase());
  const found = exact.length === 1 ? exact : items;
  if (!found.length) throw new ToolInputError(`No resource is named "${name}". search_resources finds technicians; give resourceID.`);
  if (found.length > 1) {
    const listed = found.slice(0, NAME_MATCHES).map((r) => `${fullName(r)} (${r.id})`).join(', ');
    throw new ToolInputError(`"${name}" matches ${found.length > NAME_MATCHES ? `more than ${NAME_MATCHES}` : found.length} resources: ${listed}. Give resourceID.`);
  }
  const [who] = found as [AutotaskRecord];
  ctx.names.remember('Resources', [who]);
  return { id: who.id, name: fullName(who) };
}

export const reportTechnicianDay = defineReadTool({
  name: 'report_technician_day',
  title: "Report: a technician's day",
  description: `One technician's day (tenant time zone): time logged, open tickets they are primary on (and those completed that day), tasks scheduled over it, appointments and service calls. At most ${DAY_MAX_REQUESTS} requests.`,
  toolset: 'reports',
  input: {
    resourceID: idSchema.optional(),
    resource: z.string().trim().min(1).max(100).optional().describe('Name, instead of resourceID.'),
    day: isoDateSchema.optional().describe('Default today.'),
  },
  output: getOutput,
  async handler(args, ctx) {
    if ((args.resourceID === undefined) === (args.resource === undefined)) throw new ToolInputError('Give resourceID or resource (a name), one of them.');
    if (args.day !== undefined) toCalendarDay(args.day, 'day'); // a day, not a time: refused before anything is sent
    const zone = await zoneOf(ctx);
    const day = args.day?.trim().slice(0, 10) ?? dayIn(nowOf(ctx), zone);
    const start = toInstant(day, zone);
    const end = toInstant(nextDay(day), zone);
    const who = await resolveResource(ctx, args);
    const opts = { signal: ctx.signal };
    const closed = await closedStatusValues(ctx.api, opts, ctx.config.closedStatuses);
    const q = (entity: string, filter: FilterExpression[], includeFields: string[]) => ctx.api.query(entity, { filter, includeFields, maxRecords: PAGE }, opts);
    const completedToday: FilterExpression = { op: 'and', items: [{ op: 'gte', field: 'completedDate', value: start }, { op: 'lt', field: 'completedDate', value: end }] };
    const [time, tickets, tasks, appointments, calls] = await Promise.all([
      q('TimeEntries', [{ op: 'eq', field: 'resourceID', value: who.id }, { op: 'gte', field: 'dateWorked', value: dayAsStored(day) }, { op: 'lt', field: 'dateWorked', value: dayAsStored(nextDay(day)) }], TIME_LIST_FIELDS),
      q('Tickets', [{ op: 'eq', field: 'assignedResourceID', value: who.id }, closed.length ? { op: 'or', items: [{ op: 'notIn', field: 'status', value: closed.map((v) => Number(v.value)) }, completedToday] } : { op: 'gte', field: 'id', value: 0 }], [...TICKET_LIST_FIELDS, 'completedDate']),
      q('Tasks', [{ op: 'eq', field: 'assignedResourceID', value: who.id }, { op: 'lt', field: 'startDateTime', value: end }, { op: 'gte', field: 'endDateTime', value: start }], ['title', 'status', 'projectID', 'startDateTime', 'endDateTime', 'estimatedHours']),
      q('Appointments', [{ op: 'eq', field: 'resourceID', value: who.id }, { op: 'lt', field: 'startDateTime', value: end }, { op: 'gt', field: 'endDateTime', value: start }], ['title', 'startDateTime', 'endDateTime']),
      callsOfDay(ctx, who.id, start, end),
    ]);
    const entries: Array<Record<string, unknown>> = [...time.items].sort((a, b) => String(a.startDateTime ?? '').localeCompare(String(b.startDateTime ?? '')) || a.id - b.id);
    for (const e of entries) for (const f of ['summaryNotes', 'internalNotes']) if (typeof e[f] === 'string') e[f] = truncate(e[f], 300, `get_entity TimeEntries id ${e.id} returns it whole`);
    const byStart = (a: AutotaskRecord, b: AutotaskRecord) => String(a.startDateTime ?? '').localeCompare(String(b.startDateTime ?? '')) || a.id - b.id;
    const taskRows = [...tasks.items].sort(byStart);
    const appointmentRows = [...appointments.items].sort(byStart);
    // One after another, so each lookup reuses the names the ones before it cached (a fixed count).
    ctx.names.remember('Tickets', tickets.items);
    await ctx.names.enrich('TimeEntries', entries, ctx.signal);
    await addRoleAndTaskNames(ctx, [...entries, ...calls.calls]);
    await ctx.names.enrich('Tickets', tickets.items, ctx.signal);
    await ctx.names.enrich('Tasks', taskRows, ctx.signal);
    await ctx.names.enrich('ServiceCalls', calls.calls, ctx.signal);
    await ctx.names.enrich('ServiceCallTickets', calls.calls, ctx.signal);
    const summary = {
      resourceID: who.id, resourceName: who.name, day,
      hoursLogged: round2(entries.reduce((n, e) => n + num(e.hoursWorked), 0)),
      billableHours: round2(entries.filter((e) => e.isNonBillable !== true).reduce((n, e) => n + num(e.hoursToBill), 0)),
      timeEntries: entries.length, tickets: tickets.items.length, tasks: taskRows.length, appointments: appointmentRows.length, serviceCalls: calls.calls.length,
    };
    const cut = [time, tickets, tasks, appointments].some((p) => p.nextPageUrl !== null) || calls.cut;
    const coverage =
      `${day} from ${start} to ${end} (${zone}): time entries worked that day, tickets they are primary resource on that are open now or were completed that day, tasks assigned to them scheduled over the day, ` +
      `their appointments and service calls. Not counted: tickets or tasks where they are a secondary resource. At most ${PAGE} of each; at most ${DAY_MAX_REQUESTS} Autotask queries.`;
    const section = (key: string, title: string, columns: Column[], records: Array<Record<string, unknown>>) => ({ key, title: `${title} (${records.length}):`, columns, records, empty: 'none' });
    return recordResult({
      head: `${who.name} (${who.id}) on ${day}:`,
      key: 'day',
      columns: SUMMARY,
      record: summary,
      zone,
      sections: [
        section('timeEntries', 'Time entries', TIME_COLUMNS, entries),
        section('tickets', 'Tickets', [...TICKET_COLUMNS, instant('completedDate')], tickets.items),
        section('tasks', 'Tasks', TASK_COLUMNS, taskRows),
        section('appointments', 'Appointments', APPOINTMENT_COLUMNS, appointmentRows),
        section('serviceCalls', 'Service calls', CALL_COLUMNS, calls.calls),
      ],
      tail: [...(cut ? [`Some list had more than ${PAGE} rows: only the first ${PAGE} are shown.`] : []), `Covers: ${coverage}`],
      extra: { coverage, complete: !cut, from: start, to: end },
    });
  },
});
