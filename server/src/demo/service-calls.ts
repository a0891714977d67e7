/**
 * Dispatch in the demo tenant: service calls (onsite visits booked against tickets, a few against
 * project tasks) with the technicians sent, and the technicians' appointments (stand-ups,
 * training, time out). Past calls are done, later ones are scheduled; every record is created
 * before it starts and no later than "now", and ids follow creation.
 */
import type { SeedRecord } from '../fake/types.js';
import { add, DAY, HOUR, iso, quarterHours, workingTime, type DemoContext } from './context.js';
import type { Org } from './org.js';
import { TICKET_STATUS } from './picklists.js';

export const SERVICE_CALL_STATUS = { Scheduled: 1, Complete: 2, New: 3, Cancelled: 4 } as const;

const CLOSED: readonly number[] = [TICKET_STATUS.Complete, TICKET_STATUS.Cancelled];
const ms = (v: unknown) => Date.parse(String(v));

interface CallDraft {
  created: number;
  start: number;
  hours: number;
  companyID: number;
  companyLocationID: number | null;
  description: string;
  complete: boolean;
  creator: number;
  ticketID?: number;
  taskID?: number;
  resources: number[];
}

function ticketCalls(ctx: DemoContext, org: Org, dispatcher: number): CallDraft[] {
  const { rng } = ctx;
  const drafts: CallDraft[] = [];
  const field = org.technicians.filter((t) => t.onsite).map((t) => t.id);
  for (const t of ctx.records.Tickets ?? []) {
    const createdAt = ms(t.createDate);
    if (t.companyID === 0 || t.assignedResourceID === null || t.status === TICKET_STATUS.Cancelled || ctx.now - createdAt > 60 * DAY || !rng.chance(0.25)) continue;
    const closed = CLOSED.includes(t.status as number);
    const booked = Math.min(ctx.now - 10 * 60_000, createdAt + rng.int(30, 24 * 60) * 60_000);
    const until = closed ? ms(t.completedDate) - HOUR : ctx.now + 10 * DAY;
    const start = workingTime(booked + rng.int(2, 96) * HOUR, rng);
    if (start + HOUR > until) continue;
    const hours = quarterHours(rng.weighted([[1, 3], [1.5, 3], [2, 2], [3, 1]] as const));
    const resources = [t.assignedResourceID as number];
    const helpers = field.filter((f) => f !== t.assignedResourceID);
    if (helpers.length && rng.chance(0.3)) resources.push(rng.pick(helpers));
    drafts.push({
      created: booked, start, hours, companyID: t.companyID as number, companyLocationID: (t.companyLocationID as number | null) ?? null,
      description: `Onsite visit: ${String(t.title)}`, complete: start + hours * HOUR <= ctx.now && (closed || rng.chance(0.6)),
      creator: rng.chance(0.6) ? dispatcher : (t.assignedResourceID as number), ticketID: t.id, resources,
    });
  }
  return drafts;
}

/** Two visits for project work (rack and build, install), booked against the task. */
function taskCalls(ctx: DemoContext, dispatcher: number): CallDraft[] {
  const projects = new Map((ctx.records.Projects ?? []).map((p) => [p.id, p]));
  const tasks = (ctx.records.Tasks ?? []).filter((t) => t.assignedResourceID !== null && /rack|install/i.test(String(t.title)));
  return tasks.slice(0, 2).flatMap((task): CallDraft[] => {
    const project = projects.get(task.projectID as number);
    if (!project || project.companyID === 0 || !task.startDateTime) return [];
    const booked = Math.min(ctx.now - HOUR, ms(project.createDateTime) + 2 * DAY);
    const start = workingTime(Math.max(booked + DAY, ms(task.startDateTime)), ctx.rng);
    return [{ created: booked, start, hours: 4, companyID: project.companyID as number, companyLocationID: null, description: `Project visit: ${String(task.title)}`, complete: start + 4 * HOUR <= ctx.now, creator: dispatcher, taskID: task.id, resources: [task.assignedResourceID as number] }];
  });
}

function addServiceCalls(ctx: DemoContext, org: Org): void {
  const dispatcher = org.technicians[0]?.id ?? org.accountManagerId;
  const drafts = [...ticketCalls(ctx, org, dispatcher), ...taskCalls(ctx, dispatcher)].sort((a, b) => a.created - b.created || a.start - b.start);
  const ids = { call: 48000, ticket: 48500, ticketResource: 49000, task: 49500, taskResource: 49700 };
  for (const d of drafts) {
    const end = d.start + d.hours * HOUR;
    const status = d.complete ? SERVICE_CALL_STATUS.Complete : d.start > ctx.now ? SERVICE_CALL_STATUS.Scheduled : SERVICE_CALL_STATUS.New;
    const call = add(ctx, 'ServiceCalls', {
      id: ids.call++, companyID: d.companyID, companyLocationID: d.companyLocationID, description: d.description, startDateTime: iso(d.start), endDateTime: iso(end),
      duration: d.hours, status, isComplete: d.complete ? 1 : 0, createDateTime: iso(d.created), creatorResourceID: d.creator,
      lastModifiedDateTime: iso(d.complete ? Math.min(ctx.now, end + HOUR) : d.created), canceledDateTime: null, canceledByResourceID: null,
    });
    if (d.ticketID !== undefined) {
      const link = add(ctx, 'ServiceCallTickets', { id: ids.ticket++, serviceCallID: call.id, ticketID: d.ticketID });
      for (const r of d.resources) add(ctx, 'ServiceCallTicketResources', { id: ids.ticketResource++, serviceCallTicketID: link.id, resourceID: r });
    }
    if (d.taskID !== undefined) {
      const link = add(ctx, 'ServiceCallTasks', { id: ids.task++, serviceCallID: call.id, taskID: d.taskID });
      for (const r of d.resources) add(ctx, 'ServiceCallTaskResources', { id: ids.taskResource++, serviceCallTaskID: link.id, resourceID: r });
    }
  }
}

const APPOINTMENTS: Array<[title: string, hours: number, description: string]> = [
  ['Vendor training: firewall certification', 2, 'Online course, module 3.'],
  ['Lunch and learn: PowerShell basics', 1, 'Meeting room 2.'],
  ['Dentist', 1.5, ''],
  ['1:1 with the service desk manager', 0.5, 'Monthly check-in.'],
  ['Client QBR preparation', 1, 'Prepare ticket trends and patch compliance figures.'],
];

/** Monday stand-ups and one or two other entries a week per technician, three weeks back and one ahead. */
function addAppointments(ctx: DemoContext, org: Org): void {
  const { rng } = ctx;
  const drafts: SeedRecord[] = [];
  const firstDay = Math.floor((ctx.now - 21 * DAY) / DAY) * DAY;
  for (let day = firstDay; day < ctx.now + 8 * DAY; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const tech of org.technicians) {
      if (weekday === 1) drafts.push(draft(ctx, tech.id, 'Service desk stand-up', day + 9 * HOUR, 0.5, 'Weekly queue review.', day - 28 * DAY));
      if (rng.chance(0.3)) {
        const [title, hours, description] = rng.pick(APPOINTMENTS);
        const start = workingTime(day, rng);
        drafts.push(draft(ctx, tech.id, title, Math.min(start, day + 16 * HOUR), hours, description, start - rng.int(1, 10) * DAY));
      }
    }
  }
  drafts.sort((a, b) => ms(a.createDateTime) - ms(b.createDateTime) || ms(a.startDateTime) - ms(b.startDateTime) || (a.resourceID as number) - (b.resourceID as number));
  let id = 47000;
  for (const d of drafts) add(ctx, 'Appointments', { ...d, id: id++ });
}

function draft(ctx: DemoContext, resourceID: number, title: string, start: number, hours: number, description: string, created: number): SeedRecord {
  const at = iso(Math.min(created, ctx.now - HOUR));
  return { id: 0, resourceID, title, description, startDateTime: iso(start), endDateTime: iso(start + hours * HOUR), createDateTime: at, updateDateTime: at, creatorResourceID: resourceID };
}

export function buildServiceCalls(ctx: DemoContext, org: Org): void {
  addServiceCalls(ctx, org);
  addAppointments(ctx, org);
}
