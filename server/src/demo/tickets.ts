/**
 * Tickets of the demo tenant with their notes, attachments and time entries. Dates spread over
 * six months before `now`, denser recently; old tickets are mostly closed, recent ones mostly open.
 */
import type { SeedRecord } from '../fake/types.js';
import { add, DAY, HOUR, iso, isoDate, quarterHours, workingTime, workingTimeBefore, ymd, type DemoContext } from './context.js';
import type { Org, Technician } from './org.js';
import { API_USER_RESOURCE_ID } from './org.js';
import {
  NOTE_TYPE,
  PERSON_TYPE,
  QUEUE,
  TICKET_PRIORITY,
  TICKET_NOTE_PUBLISH,
  TICKET_SOURCE,
  TICKET_STATUS,
  TICKET_TYPE,
  TIME_ENTRY_TYPE,
} from './picklists.js';
import {
  DEVICES,
  INJECTION_NOTE_TEXT,
  INJECTION_TICKET_DESCRIPTION,
  INJECTION_TICKET_TITLE,
  LONG_DESCRIPTION_TICKET_TITLE,
  longDiagnosticDescription,
  TICKET_SCENARIOS,
  type TicketScenario,
} from './text.js';
import { attachmentFor } from './attachments.js';

export interface TicketCounters {
  noteId: number;
  timeEntryId: number;
  attachmentId: number;
}

const S = TICKET_STATUS;
const CLOSED: readonly number[] = [S.Complete, S.Cancelled];
const SLA_HOURS: Record<number, number> = { [TICKET_PRIORITY.Critical]: 4, [TICKET_PRIORITY.High]: 8, [TICKET_PRIORITY.Medium]: 24, [TICKET_PRIORITY.Low]: 72 };

function statusForAge(ctx: DemoContext, ageDays: number): number {
  if (ageDays < 2)
    return ctx.rng.weighted([[S.New, 35], [S.InProgress, 28], [S.WaitingCustomer, 8], [S.Scheduled, 5], [S.Escalated, 5], [S.CustomerNoteAdded, 5], [S.Complete, 14]] as const);
  if (ageDays < 14)
    return ctx.rng.weighted([[S.New, 5], [S.InProgress, 15], [S.WaitingCustomer, 15], [S.WaitingVendor, 8], [S.OnHold, 5], [S.Escalated, 4], [S.Scheduled, 4], [S.Complete, 40], [S.Cancelled, 4]] as const);
  return ctx.rng.weighted([[S.Complete, 85], [S.Cancelled, 6], [S.WaitingVendor, 3], [S.OnHold, 3], [S.InProgress, 2], [S.WaitingCustomer, 1]] as const);
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? k);
}

function techFor(ctx: DemoContext, org: Org, queue: number): Technician {
  const able = org.technicians.filter((t) => t.queues.includes(queue));
  return ctx.rng.pick(able.length > 0 ? able : org.technicians);
}

/** A moment uniformly between a and b (b >= a). */
function between(ctx: DemoContext, a: number, b: number): number {
  return a + Math.floor(ctx.rng.next() * Math.max(0, b - a));
}

interface Draft {
  created: number;
  scenario: TicketScenario;
  company: SeedRecord;
}

function draftTickets(ctx: DemoContext, org: Org, count: number): Draft[] {
  const companyWeights = [
    ...org.customers.map((c, i): readonly [SeedRecord, number] => [c, 2 + (i % 5)]),
    [org.msp, 2] as const,
  ];
  const scenarioWeights = TICKET_SCENARIOS.map((s): readonly [TicketScenario, number] => [s, s.weight]);
  const drafts: Draft[] = [];
  for (let i = 0; i < count; i++) {
    // Skewed towards recent days: most MSP boards hold recent work plus a long closed tail.
    const ageMs = Math.pow(ctx.rng.next(), 1.7) * 180 * DAY;
    const created = workingTimeBefore(ctx.now - ageMs - 15 * 60_000, ctx.rng);
    drafts.push({ created, scenario: ctx.rng.weighted(scenarioWeights), company: ctx.rng.weighted(companyWeights) });
  }
  return drafts.sort((a, b) => a.created - b.created);
}

function buildTicket(ctx: DemoContext, org: Org, d: Draft, id: number, ticketNumber: string): SeedRecord {
  const { rng } = ctx;
  const { scenario, company } = d;
  const companyId = company.id;
  const contacts = (org.contactsByCompany.get(companyId) ?? []).filter((c) => c.isActive === 1);
  const contact = contacts.length > 0 && rng.chance(0.9) ? rng.pick(contacts) : undefined;
  const isAlert = scenario.ticketType === TICKET_TYPE.Alert;
  const ageDays = (ctx.now - d.created) / DAY;
  const status = statusForAge(ctx, ageDays);
  const priority = isAlert
    ? rng.weighted([[TICKET_PRIORITY.High, 3], [TICKET_PRIORITY.Medium, 5], [TICKET_PRIORITY.Critical, 1]] as const)
    : rng.weighted([[TICKET_PRIORITY.Critical, 4], [TICKET_PRIORITY.High, 18], [TICKET_PRIORITY.Medium, 50], [TICKET_PRIORITY.Low, 28]] as const);
  const source = isAlert
    ? TICKET_SOURCE.MonitoringAlert
    : rng.weighted([[TICKET_SOURCE.Phone, 35], [TICKET_SOURCE.Email, 35], [TICKET_SOURCE.ClientPortal, 20], [TICKET_SOURCE.WebForm, 5], [TICKET_SOURCE.InPerson, 5]] as const);
  const queue = source === TICKET_SOURCE.ClientPortal && status === S.New ? QUEUE.ClientPortal : scenario.queue;
  const assigned = status === S.New ? rng.chance(0.5) : rng.chance(0.97) || CLOSED.includes(status);
  const tech = assigned ? techFor(ctx, org, queue) : undefined;
  const byContact = contact !== undefined && (source === TICKET_SOURCE.Email || source === TICKET_SOURCE.ClientPortal || source === TICKET_SOURCE.WebForm);
  const user = contact ? `${contact.firstName} ${contact.lastName}` : 'a member of staff';
  const vars = { user, device: rng.pick(DEVICES), company: String(company.companyName) };
  const cis = org.cisByCompany.get(companyId) ?? [];
  const due = d.created + SLA_HOURS[priority] * HOUR;
  let completed: number | null = null;
  let lastActivity: number;
  if (status === S.Complete) {
    completed = Math.min(ctx.now - 5 * 60_000, d.created + between(ctx, HOUR / 2, Math.min(ageDays, 9) * DAY + HOUR));
    lastActivity = completed;
  } else if (status === S.Cancelled) {
    lastActivity = Math.min(ctx.now, d.created + between(ctx, HOUR, 3 * DAY));
  } else {
    lastActivity = between(ctx, d.created, ctx.now);
  }
  const lastByContact = status === S.CustomerNoteAdded || status === S.WaitingCustomer ? contact : undefined;
  return {
    id,
    ticketNumber,
    title: fill(rng.pick(scenario.titles), vars),
    description: fill(scenario.description, vars),
    companyID: companyId,
    companyLocationID: org.locationByCompany.get(companyId) ?? null,
    contactID: contact?.id ?? null,
    status,
    priority,
    queueID: queue,
    issueType: scenario.issueType,
    subIssueType: scenario.subIssueType,
    ticketType: scenario.ticketType,
    ticketCategory: isAlert ? 3 : 2,
    source,
    assignedResourceID: tech?.id ?? null,
    assignedResourceRoleID: tech?.roleId ?? null,
    billingCodeID: tech?.onsite ? org.billingCode.onsite : org.billingCode.remote,
    contractID: companyId === 0 ? null : org.contractByCompany.get(companyId) ?? null,
    serviceLevelAgreementID: org.contractByCompany.has(companyId) ? (priority === TICKET_PRIORITY.Critical ? 2 : 1) : null,
    configurationItemID: cis.length > 0 && rng.chance(0.4) ? rng.pick(cis).id : null,
    createDate: iso(d.created),
    creatorType: byContact ? PERSON_TYPE.Contact : PERSON_TYPE.Resource,
    creatorResourceID: byContact ? null : isAlert ? API_USER_RESOURCE_ID : techFor(ctx, org, QUEUE.ServiceDesk).id,
    createdByContactID: byContact ? contact.id : null,
    dueDateTime: iso(due),
    estimatedHours: quarterHours(rng.next() * 3 + 0.25),
    hoursToBeScheduled: 0,
    completedDate: completed === null ? null : iso(completed),
    completedByResourceID: completed === null ? null : tech?.id ?? null,
    resolvedDateTime: completed === null ? null : iso(completed - rng.int(1, 30) * 60_000),
    resolution: completed === null ? '' : scenario.resolution,
    lastActivityDate: iso(lastActivity),
    lastActivityPersonType: lastByContact ? PERSON_TYPE.Contact : PERSON_TYPE.Resource,
    lastActivityResourceID: lastByContact ? null : tech?.id ?? API_USER_RESOURCE_ID,
    externalID: '',
    purchaseOrderNumber: '',
    isAssignedToComanaged: false,
    isVisibleToComanaged: false,
    userDefinedFields: [
      { name: 'Affected Users', value: String(rng.weighted([[1, 8], [2, 2], [5, 1], [25, 1]] as const)) },
      { name: 'Customer Reference', value: rng.chance(0.15) ? `PO-${rng.int(1000, 9999)}` : null },
    ],
  };
}

function addNotes(ctx: DemoContext, ticket: SeedRecord, scenario: TicketScenario, counters: TicketCounters): void {
  const { rng } = ctx;
  const start = Date.parse(ticket.createDate as string);
  const end = Date.parse(ticket.lastActivityDate as string);
  const tech = ticket.assignedResourceID as number | null;
  const closed = CLOSED.includes(ticket.status as number);
  const note = (at: number, fields: Record<string, unknown>) =>
    add(ctx, 'TicketNotes', { id: counters.noteId++, ticketID: ticket.id, createDateTime: iso(at), lastActivityDate: iso(at), createdByContactID: null, creatorResourceID: tech, ...fields });
  if (tech !== null) {
    for (const text of scenario.workNotes.slice(0, closed ? scenario.workNotes.length : rng.int(0, scenario.workNotes.length))) {
      note(between(ctx, start, end), { title: 'Work note', description: text, noteType: NOTE_TYPE.InternalTechnical, publish: TICKET_NOTE_PUBLISH.InternalProjectTeam });
    }
  }
  if (ticket.contactID !== null && rng.chance(0.45)) {
    note(between(ctx, start, end), {
      title: 'Update from client', description: rng.pick(['Thanks, that seems to be working now.', 'Still happening this morning, can someone call me?', 'I will be out of the office until Thursday.']),
      noteType: NOTE_TYPE.ClientCommunication, publish: TICKET_NOTE_PUBLISH.AllAutotaskUsers, createdByContactID: ticket.contactID, creatorResourceID: null,
    });
  }
  if (ticket.status === TICKET_STATUS.Complete) {
    note(end, { title: 'Resolution', description: ticket.resolution, noteType: NOTE_TYPE.Resolution, publish: TICKET_NOTE_PUBLISH.AllAutotaskUsers });
  }
}

function addTime(ctx: DemoContext, org: Org, ticket: SeedRecord, scenario: TicketScenario, counters: TicketCounters): void {
  const { rng } = ctx;
  const tech = org.technicians.find((t) => t.id === ticket.assignedResourceID);
  if (!tech) return;
  const status = ticket.status as number;
  const n = status === S.Complete ? rng.int(1, 3) : status === S.New || status === S.Cancelled ? (rng.chance(0.15) ? 1 : 0) : rng.int(0, 2);
  const from = Date.parse(ticket.createDate as string) + 10 * 60_000;
  const to = Date.parse(ticket.lastActivityDate as string);
  for (let k = 0; k < n; k++) {
    const worker = k === 1 && rng.chance(0.3) ? rng.pick(org.technicians) : tech;
    const hours = quarterHours(rng.weighted([[0.25, 4], [0.5, 5], [0.75, 3], [1, 3], [1.5, 2], [2.5, 1]] as const));
    // Work happens between creation and the last activity (completion for closed tickets).
    const begin = Math.max(from, Math.min(workingTime(between(ctx, from, to), rng), to - hours * HOUR));
    const finish = begin + hours * HOUR;
    if (finish > ctx.now) continue;
    const internal = ticket.companyID === 0;
    const nonBillable = internal || rng.chance(0.08);
    add(ctx, 'TimeEntries', {
      id: counters.timeEntryId++, ticketID: ticket.id, taskID: null, resourceID: worker.id, roleID: worker.roleId,
      dateWorked: isoDate(begin), startDateTime: iso(begin), endDateTime: iso(finish), hoursWorked: hours, hoursToBill: nonBillable ? 0 : hours,
      summaryNotes: scenario.timeSummary, internalNotes: rng.chance(0.3) ? scenario.workNotes[0] : '',
      isNonBillable: nonBillable, showOnInvoice: !nonBillable, timeEntryType: TIME_ENTRY_TYPE.Ticket,
      billingCodeID: internal ? org.billingCode.internal : worker.onsite ? org.billingCode.onsite : org.billingCode.remote,
      contractID: ticket.contractID, createDateTime: iso(Math.min(ctx.now, finish + 5 * 60_000)),
      lastModifiedDateTime: iso(Math.min(ctx.now, finish + 5 * 60_000)), creatorUserID: worker.id, lastModifiedUserID: worker.id,
    });
  }
}

/** Turn two recent open tickets into the untrusted-text and long-text fixtures. */
function addFixtures(ctx: DemoContext, tickets: SeedRecord[], counters: TicketCounters): void {
  const open = tickets.filter((t) => !CLOSED.includes(t.status as number) && t.contactID !== null);
  const injection = open.at(-1);
  const long = open.at(-2);
  if (!injection || !long) return;
  Object.assign(injection, { title: INJECTION_TICKET_TITLE, description: INJECTION_TICKET_DESCRIPTION });
  Object.assign(long, { title: LONG_DESCRIPTION_TICKET_TITLE, description: longDiagnosticDescription() });
  const at = Date.parse(injection.lastActivityDate as string);
  add(ctx, 'TicketNotes', {
    id: counters.noteId++, ticketID: injection.id, title: 'Re: email problems', description: INJECTION_NOTE_TEXT,
    noteType: NOTE_TYPE.ClientCommunication, publish: TICKET_NOTE_PUBLISH.AllAutotaskUsers, createdByContactID: injection.contactID,
    creatorResourceID: null, createDateTime: iso(at), lastActivityDate: iso(at),
  });
}

/** Generate `count` tickets (ids ascending with creation time) and everything hanging off them. */
export function buildTickets(ctx: DemoContext, org: Org, count: number, counters: TicketCounters): SeedRecord[] {
  const drafts = draftTickets(ctx, org, count);
  const perDay = new Map<string, number>();
  const tickets: SeedRecord[] = [];
  drafts.forEach((d, i) => {
    const day = ymd(d.created);
    const seq = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, seq);
    const ticket = add(ctx, 'Tickets', buildTicket(ctx, org, d, 41000 + i, `T${day}.${String(seq).padStart(4, '0')}`));
    tickets.push(ticket);
    addNotes(ctx, ticket, d.scenario, counters);
    addTime(ctx, org, ticket, d.scenario, counters);
    if (ctx.rng.chance(0.09)) add(ctx, 'TicketAttachments', attachmentFor(ctx, ticket, counters.attachmentId++));
  });
  addFixtures(ctx, tickets, counters);
  return tickets;
}
