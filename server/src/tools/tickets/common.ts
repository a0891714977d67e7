/**
 * Pieces shared by the ticket tools: picklist inputs (id or label), openOnly's closed-status checks (the rule: autotask/closed-statuses.ts),
 * the fields a ticket list returns, and the compact row of a ticket (./rows.ts).
 */
import { z } from 'zod';
import type { AutotaskApi, PicklistValue, RequestOptions } from '../../autotask/types.js';
import { closedStatuses } from '../../autotask/closed-statuses.js';
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
