/**
 * get_ticket_history. TicketHistory answers only a query with one filter, ticketID eq (official
 * SOAP TicketHistory page; anything else is an error), and its other fields cannot be queried, so
 * the query carries nothing else (no paging bounds, no IncludeFields). Autotask returns it in id
 * order, oldest first: to show the newest, the pages are walked (at most HISTORY_PAGES) and the
 * result says when the walk stopped before the end.
 */
import { z } from 'zod';
import type { AutotaskRecord, QueryRequest } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { noneFound } from '../shared.js';
import { listOutput } from '../output.js';
import { zoneOf } from '../tenant-zone.js';
import { instantMs } from '../dates.js';
import { field, instant, pageResult, ref, text, type Column } from '../rows.js';
import { requireTicket, ticketIdInput } from './common.js';

const PAGE = 500;
export const HISTORY_PAGES = 4;

const COLUMNS: Column[] = [field('id'), instant('date'), ref('resourceID'), text('action'), text('detail')];

export const getTicketHistory = defineReadTool({
  name: 'get_ticket_history',
  title: 'Get ticket history',
  description: "A ticket's change history (field changes, assignments, status moves), newest first: when, who, action, detail.",
  toolset: 'ticket_extras',
  input: { ticketID: ticketIdInput, limit: z.number().int().min(1).max(500).default(50) },
  output: listOutput,
  async handler(args, ctx) {
    const q: QueryRequest = { filter: [{ op: 'eq', field: 'ticketID', value: args.ticketID }], maxRecords: PAGE };
    const opts = { signal: ctx.signal };
    let page = await ctx.api.query('TicketHistory', q, opts);
    const read: AutotaskRecord[] = [...page.items];
    for (let n = 1; n < HISTORY_PAGES && page.nextPageUrl; n++) {
      page = await ctx.api.queryNext('TicketHistory', page.nextPageUrl, q, opts);
      read.push(...page.items);
    }
    const stopped = page.nextPageUrl !== null;
    // Every ticket has at least its "created" entry: none means no such ticket (or no access).
    if (!read.length) await requireTicket(ctx, args.ticketID);
    const at = (r: AutotaskRecord) => instantMs(r.date) ?? 0;
    const newest = read.sort((a, b) => at(b) - at(a) || b.id - a.id).slice(0, args.limit);
    await ctx.names.enrich('TicketHistory', newest, ctx.signal);
    const notes = [
      `${newest.length} newest of ${read.length} history entries read${stopped ? '' : ' (all of them)'}${read.length > newest.length ? '; a higher limit (up to 500) shows more' : ''}.`,
      ...(stopped ? [`The ticket has more than ${HISTORY_PAGES * PAGE} history entries; these are the newest of the first ${HISTORY_PAGES * PAGE} Autotask returned (its oldest). Read the rest in Autotask.`] : []),
    ];
    return pageResult({
      what: `history entries of ticket ${args.ticketID}`,
      columns: COLUMNS,
      records: newest,
      zone: await zoneOf(ctx),
      page: { hasMore: false, nextCursor: null },
      order: 'newest',
      empty: noneFound('history entries', `ticket ${args.ticketID}`),
      notes,
      extra: { read: read.length, complete: !stopped },
    });
  },
});
