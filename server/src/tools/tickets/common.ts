/**
 * Pieces shared by the ticket tools: picklist inputs (id or label), the tenant's closed statuses,
 * the fields a ticket list returns, and the one-line text rendering of a ticket.
 */
import { z } from 'zod';
import type { AutotaskApi, PicklistValue, RequestOptions } from '../../autotask/types.js';
import { AutotaskError } from '../../autotask/errors.js';
import { resolvePicklistValue } from '../picklists.js';
import { ToolInputError } from '../results.js';
import { untrusted, untrustedOr } from '../shared.js';
import { formatInstant } from '../dates.js';

/** A picklist value as its numeric id or its label ("In Progress"). */
export const picklistInput = z.union([z.number().int().nonnegative(), z.string().trim().min(1).max(100)]);
export type PicklistInput = z.infer<typeof picklistInput>;

/** One value or a list of values (any of them matches). */
export const picklistFilterInput = z.union([picklistInput, z.array(picklistInput).min(1).max(100)]);

export async function resolveMany(api: AutotaskApi, entity: string, field: string, input: PicklistInput | PicklistInput[], opts?: RequestOptions): Promise<number[]> {
  const list = Array.isArray(input) ? input : [input];
  const values: number[] = [];
  for (const v of list) values.push(await resolvePicklistValue(api, entity, field, v, opts));
  return [...new Set(values)];
}

/** Autotask's system "Complete" status (value 5) is always closed, whatever its label. */
export const SYSTEM_COMPLETE_STATUS = '5';
const CLOSED_WORDS = /\b(complete|completed|closed|cancel+ed|resolved)\b/i;

/**
 * Statuses that mean the ticket is finished, derived from the tenant's picklist (never a fixed
 * list of open ids): the system Complete value plus every status whose label says it is closed.
 * `configured` (AUTOTASK_CLOSED_STATUSES, ticket statuses only) replaces the label rule; an
 * entry the picklist does not have is a configuration error, never silently ignored.
 */
export function closedStatuses(values: PicklistValue[], configured: readonly string[] = []): PicklistValue[] {
  if (!configured.length) return values.filter((v) => v.value === SYSTEM_COMPLETE_STATUS || CLOSED_WORDS.test(v.label));
  const { matched, unknown } = matchConfiguredStatuses(values, configured);
  if (unknown.length) throw new AutotaskError('config', unknownClosedStatusesMessage(values, unknown));
  return values.filter((v) => v.value === SYSTEM_COMPLETE_STATUS || matched.includes(v));
}

/** AUTOTASK_CLOSED_STATUSES entries matched to picklist values by id or label (case-insensitive). */
export function matchConfiguredStatuses(values: PicklistValue[], configured: readonly string[]): { matched: PicklistValue[]; unknown: string[] } {
  const matched: PicklistValue[] = [];
  const unknown: string[] = [];
  for (const entry of configured) {
    const e = entry.trim().toLowerCase();
    const hit = values.find((v) => v.value === e) ?? values.find((v) => v.label.toLowerCase() === e);
    if (hit) matched.push(hit);
    else unknown.push(entry);
  }
  return { matched, unknown };
}

export function unknownClosedStatusesMessage(values: PicklistValue[], unknown: string[]): string {
  const valid = values.map((v) => `${v.value}=${v.label}`).join(', ');
  return `AUTOTASK_CLOSED_STATUSES names ${unknown.map((u) => `"${u}"`).join(', ')}, which this tenant's ticket status list does not have. Valid statuses: ${valid}. Fix AUTOTASK_CLOSED_STATUSES in .env and restart (autotask-mcp doctor checks it).`;
}

/**
 * openOnly leaves closed statuses out, so asking for a closed status as well could only answer
 * "nothing found", which a model would report as fact. Refuse the contradiction instead.
 */
export function assertNoClosedStatus(statuses: number[] | undefined, closed: PicklistValue[]): void {
  const clash = closed.filter((c) => statuses?.includes(Number(c.value)));
  if (!clash.length) return;
  const names = clash.map((c) => `"${c.label}" (${c.value})`).join(', ');
  throw new ToolInputError(
    `status ${names} ${clash.length > 1 ? 'are closed statuses' : 'is a closed status'}, and openOnly=true leaves closed statuses out, so this search could only find nothing. Drop openOnly to search closed records, or drop the closed status.`,
  );
}

export async function closedStatusValues(api: AutotaskApi, opts?: RequestOptions, configured?: readonly string[]): Promise<PicklistValue[]> {
  return closedStatuses(await api.picklist('Tickets', 'status', opts), configured);
}

/** Fields a ticket list returns (no description: lists stay compact; get_ticket has it). */
export const TICKET_LIST_FIELDS = [
  'ticketNumber',
  'title',
  'status',
  'priority',
  'queueID',
  'issueType',
  'subIssueType',
  'ticketType',
  'source',
  'companyID',
  'contactID',
  'assignedResourceID',
  'projectID',
  'createDate',
  'lastActivityDate',
  'dueDateTime',
  'completedDate',
];

/** Client-authored ticket text: wrapped in untrusted markers in text renderings. */
export const TICKET_UNTRUSTED_FIELDS = ['title', 'description', 'resolution'];

const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/** One compact line per ticket, names and labels instead of bare ids. */
export function ticketLine(t: Record<string, unknown>, zone: string): string {
  const parts = [
    `${str(t.ticketNumber) ?? '(no number)'} (id ${t.id})`,
    `status: ${str(t.statusLabel) ?? str(t.status) ?? '-'}`,
    `priority: ${str(t.priorityLabel) ?? str(t.priority) ?? '-'}`,
  ];
  if (t.queueID !== undefined) parts.push(`queue: ${str(t.queueLabel) ?? str(t.queueID) ?? '-'}`);
  parts.push(`company: ${untrustedOr(t.companyName, t.companyID)}`);
  if (t.contactID) parts.push(`contact: ${untrustedOr(t.contactName, t.contactID)}`);
  parts.push(`assigned: ${t.assignedResourceID ? untrustedOr(t.assignedResourceName, t.assignedResourceID) : 'unassigned'}`);
  if (t.dueDateTime) parts.push(`due: ${formatInstant(t.dueDateTime, zone)}`);
  if (t.lastActivityDate) parts.push(`last activity: ${formatInstant(t.lastActivityDate, zone)}`);
  return `- ${parts.join(' | ')}\n  title: ${untrusted(str(t.title) ?? '')}`;
}
