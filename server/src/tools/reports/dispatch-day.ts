/**
 * A technician's service calls on a day. Calls name their technicians through two link levels
 * (ServiceCalls -> ServiceCallTickets / ServiceCallTasks -> ...Resources), so the day is read
 * from the top: the calls overlapping the day (one query), their ticket and task links (one
 * `in` query each), and the technician's rows among those links (one each, resourceID eq):
 * at most 5 requests whatever the technician's history.
 */
import type { AutotaskRecord, FilterExpression } from '../../autotask/types.js';
import type { ToolContext } from '../types.js';
import { idsOf, PAGE } from './common.js';

export const DISPATCH_REQUESTS = 5;

export interface DayCalls {
  calls: Array<Record<string, unknown>>;
  /** More than PAGE calls (or links) on the day: some may be missing. */
  cut: boolean;
}

const overlapping = (start: string, end: string): FilterExpression[] => [
  { op: 'lt', field: 'startDateTime', value: end },
  { op: 'gt', field: 'endDateTime', value: start },
];

export async function callsOfDay(ctx: ToolContext, resourceID: number, start: string, end: string): Promise<DayCalls> {
  const opts = { signal: ctx.signal };
  const q = (entity: string, filter: FilterExpression[], includeFields?: string[]) => ctx.api.query(entity, { filter, maxRecords: PAGE, ...(includeFields ? { includeFields } : {}) }, opts);
  const calls = await q('ServiceCalls', overlapping(start, end), ['companyID', 'description', 'startDateTime', 'endDateTime', 'status']);
  if (!calls.items.length) return { calls: [], cut: false };
  const callIds = idsOf(calls.items, 'id');
  const [tickets, tasks] = await Promise.all([
    q('ServiceCallTickets', [{ op: 'in', field: 'serviceCallID', value: callIds }]),
    q('ServiceCallTasks', [{ op: 'in', field: 'serviceCallID', value: callIds }]),
  ]);
  const mine = (links: AutotaskRecord[], entity: string, linkField: string) =>
    links.length ? q(entity, [{ op: 'in', field: linkField, value: idsOf(links, 'id') }, { op: 'eq', field: 'resourceID', value: resourceID }]) : Promise.resolve({ items: [] as AutotaskRecord[], nextPageUrl: null });
  const [ticketRes, taskRes] = await Promise.all([mine(tickets.items, 'ServiceCallTicketResources', 'serviceCallTicketID'), mine(tasks.items, 'ServiceCallTaskResources', 'serviceCallTaskID')]);
  const myTicketLinks = new Set(idsOf(ticketRes.items, 'serviceCallTicketID'));
  const myTaskLinks = new Set(idsOf(taskRes.items, 'serviceCallTaskID'));
  const out: Array<Record<string, unknown>> = [];
  for (const c of calls.items) {
    const t = tickets.items.filter((l) => l.serviceCallID === c.id && myTicketLinks.has(l.id));
    const k = tasks.items.filter((l) => l.serviceCallID === c.id && myTaskLinks.has(l.id));
    if (!t.length && !k.length) continue;
    out.push({ ...c, ticketID: t[0]?.ticketID ?? null, taskID: k[0]?.taskID ?? null });
  }
  out.sort((a, b) => String(a.startDateTime).localeCompare(String(b.startDateTime)) || Number(a.id) - Number(b.id));
  const cut = [calls, tickets, tasks, ticketRes, taskRes].some((p) => p.nextPageUrl !== null);
  return { calls: out, cut };
}
