/**
 * report_waiting_customer. "Waiting on the customer" is the tenant's status of that label (or
 * the one given). Since when: lastActivityDate, not TicketHistory. TicketHistory takes only a
 * single ticketID eq filter (official SOAP TicketHistory page), so reading when each ticket
 * entered the status would cost one request per ticket; lastActivityDate is one filter on one
 * query. A status change is activity, so no activity for N days means the ticket has waited at
 * least N days [unverified: that every status change updates lastActivityDate]; a ticket that
 * waits longer but had other activity since (a note) is not counted, and the result says so.
 */
import { z } from 'zod';
import type { FilterExpression, PicklistValue } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { companyIdSchema, noneFound } from '../shared.js';
import { listOutput } from '../output.js';
import { zoneOf } from '../tenant-zone.js';
import { matchPicklistValue } from '../picklists.js';
import { ToolInputError } from '../results.js';
import { instantMs } from '../dates.js';
import { field, instant, type Column } from '../rows.js';
import { picklistInput, type PicklistInput, TICKET_COLUMNS, TICKET_LIST_FIELDS } from '../tickets/common.js';
import { PAGE, reportResult } from './common.js';
import { nowOf } from './days.js';

const DAY_MS = 86_400_000;
export const WAITING_STATUS_LABEL = 'Waiting Customer';
/** The tickets, then company, contact and resource names. */
export const WAITING_MAX_REQUESTS = 4;

const COLUMNS: Column[] = [...TICKET_COLUMNS, instant('lastActivityDate'), field('idleDays')];

/** The status asked for, or the tenant's "Waiting Customer" (refused with the valid ones when it has none). */
function waitingStatus(values: PicklistValue[], input: PicklistInput | undefined): PicklistValue {
  if (input !== undefined) return matchPicklistValue(values, input, 'Tickets.status');
  try {
    return matchPicklistValue(values, WAITING_STATUS_LABEL, 'Tickets.status');
  } catch (err) {
    if (!(err instanceof ToolInputError)) throw err;
    throw new ToolInputError(`This tenant has no ticket status labelled "${WAITING_STATUS_LABEL}": give status (the id or label of its waiting-on-customer status). ${err.message}`);
  }
}

export const reportWaitingCustomer = defineReadTool({
  name: 'report_waiting_customer',
  title: 'Report: tickets waiting on the customer',
  description: `Tickets in the "${WAITING_STATUS_LABEL}" status (or status) with no activity for at least \`days\` days, longest idle first. At most ${WAITING_MAX_REQUESTS} requests.`,
  toolset: 'reports',
  input: {
    days: z.number().int().min(1).max(365).default(3),
    status: picklistInput.optional().describe(`Id or label; default "${WAITING_STATUS_LABEL}".`),
    companyID: companyIdSchema.optional(),
    limit: z.number().int().min(1).max(PAGE).default(50),
  },
  output: listOutput,
  async handler(args, ctx) {
    const hit = waitingStatus(await ctx.api.picklist('Tickets', 'status', { signal: ctx.signal }), args.status);
    const status = Number(hit.value);
    const statusName = `"${hit.label}" (${hit.value})`;
    const now = nowOf(ctx).getTime();
    const before = new Date(now - args.days * DAY_MS).toISOString();
    const filter: FilterExpression[] = [
      { op: 'eq', field: 'status', value: status },
      { op: 'lt', field: 'lastActivityDate', value: before },
      ...(args.companyID !== undefined ? [{ op: 'eq' as const, field: 'companyID', value: args.companyID }] : []),
    ];
    const { items, nextPageUrl } = await ctx.api.query('Tickets', { filter, includeFields: TICKET_LIST_FIELDS, maxRecords: PAGE }, { signal: ctx.signal });
    const at = (r: Record<string, unknown>) => instantMs(r.lastActivityDate) ?? 0;
    const shown = [...items].sort((a, b) => at(a) - at(b) || a.id - b.id).slice(0, args.limit);
    for (const r of shown) r.idleDays = Math.floor((now - at(r)) / DAY_MS);
    await ctx.names.enrich('Tickets', shown, ctx.signal);
    const zone = await zoneOf(ctx);
    const notes = [
      ...(items.length > shown.length ? [`${shown.length} longest idle of ${items.length}${nextPageUrl ? '+' : ''} matching; a higher limit (up to ${PAGE}) shows more.`] : []),
      ...(nextPageUrl ? [`More than ${PAGE} tickets match: the ${PAGE} with the lowest ids (the oldest) were read; give companyID to narrow.`] : []),
    ];
    return reportResult({
      what: 'tickets waiting on the customer',
      columns: COLUMNS,
      records: shown,
      zone,
      order: 'longest idle',
      empty: noneFound('tickets waiting on the customer', `status ${statusName}, no activity since ${before}`),
      notes,
      cut: nextPageUrl !== null,
      extra: { status, lastActivityBefore: before, matched: items.length },
      coverage:
        `tickets in status ${statusName} whose lastActivityDate is before ${before} (${args.days} days ago); idle time is measured from the last activity, not from the status change ` +
        `(TicketHistory would cost one request per ticket), so a ticket with a note since is not counted. At most ${PAGE} tickets read; at most ${WAITING_MAX_REQUESTS} Autotask queries.`,
    });
  },
});
