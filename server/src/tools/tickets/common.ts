/**
 * Pieces shared by the ticket tools: picklist inputs (id or label), the tenant's closed statuses,
 * the fields a ticket list returns, and the compact row of a ticket (./rows.ts).
 */
import { z } from 'zod';
import type { AutotaskApi, PicklistValue, RequestOptions } from '../../autotask/types.js';
import { AutotaskError } from '../../autotask/errors.js';
import { resolvePicklistValue } from '../picklists.js';
import { ToolInputError } from '../results.js';
import { field, label, ref, text, type Column } from '../rows.js';

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

/** Output member of openOnly searches: the statuses left out, as the tenant names them. */
export const excludedClosedStatusesSchema = z.array(z.object({ value: z.string(), label: z.string() })).optional();

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

/** Fields a ticket list asks Autotask for: the row, and the dates a date filter shows. */
export const TICKET_LIST_FIELDS = ['ticketNumber', 'title', 'status', 'priority', 'queueID', 'companyID', 'contactID', 'assignedResourceID', 'createDate', 'lastActivityDate', 'dueDateTime'];

/** Client-authored ticket text (the autotask:// resources list it). */
export const TICKET_UNTRUSTED_FIELDS = ['title', 'description', 'resolution'];

/**
 * A ticket row: what a list needs to answer and to call the next tool (ids for companyID,
 * contactID, assignedResourceID; picklists as labels, which every ticket tool accepts back).
 */
export const TICKET_COLUMNS: Column[] = [
  field('id'),
  field('ticketNumber'),
  text('title'),
  label('status'),
  label('priority'),
  label('queue', 'queueID'),
  ref('companyID'),
  ref('contactID'),
  ref('assignedResourceID'),
];
