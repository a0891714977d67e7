/**
 * Service calls and how they connect (official ServiceCalls page): a ServiceCall is a booked
 * visit for a company; tickets and tasks join it as ServiceCallTickets / ServiceCallTasks, and
 * technicians are assigned to those links (ServiceCallTicketResources / ServiceCallTaskResources),
 * never to the call itself. Shared here: the row, and the links of calls read in batches.
 */
import type { AutotaskRecord } from '../../autotask/types.js';
import type { ToolContext } from '../types.js';
import { MAX_IN_LIST } from '../enrich.js';
import { flag, instant, label, ref, field, text, type Column } from '../rows.js';

export const SERVICE_CALL_FIELDS = ['companyID', 'companyLocationID', 'description', 'startDateTime', 'endDateTime', 'duration', 'status', 'isComplete', 'createDateTime'];

export const SERVICE_CALL_COLUMNS: Column[] = [
  field('id'),
  instant('startDateTime'),
  instant('endDateTime'),
  label('status'),
  flag('complete', 'isComplete'),
  ref('companyID'),
  text('description'),
];

/** The two kinds of link a technician is assigned through. */
export const LINKS = {
  ticket: { entity: 'ServiceCallTickets', idField: 'ticketID', resources: 'ServiceCallTicketResources', linkField: 'serviceCallTicketID', segment: 'Resources' },
  task: { entity: 'ServiceCallTasks', idField: 'taskID', resources: 'ServiceCallTaskResources', linkField: 'serviceCallTaskID', segment: 'Resources' },
} as const;
export type LinkKind = keyof typeof LINKS;

/** Records of `entity` whose `field` is one of `ids`, in `in` batches of at most 500 (one request each). */
export async function inBatches(ctx: ToolContext, entity: string, field: string, ids: readonly number[], includeFields?: string[]): Promise<AutotaskRecord[]> {
  const out: AutotaskRecord[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += MAX_IN_LIST) {
    const chunk = unique.slice(i, i + MAX_IN_LIST);
    const { items } = await ctx.api.query(entity, { filter: [chunk.length === 1 ? { op: 'eq', field, value: chunk[0] } : { op: 'in', field, value: chunk }], maxRecords: 500, ...(includeFields ? { includeFields } : {}) }, { signal: ctx.signal });
    out.push(...items);
  }
  return out.sort((a, b) => a.id - b.id);
}

/** The ticket and task links of one service call (one query each; a call holds few). */
export async function linksOf(ctx: ToolContext, serviceCallId: number): Promise<{ tickets: AutotaskRecord[]; tasks: AutotaskRecord[] }> {
  const [tickets, tasks] = await Promise.all([
    inBatches(ctx, LINKS.ticket.entity, 'serviceCallID', [serviceCallId]),
    inBatches(ctx, LINKS.task.entity, 'serviceCallID', [serviceCallId]),
  ]);
  return { tickets, tasks };
}
