/** get_ticket: one ticket in full, optionally with its notes, time entries and attachment list. */
import { z } from 'zod';
import type { AutotaskApi, AutotaskRecord, FilterExpression, RequestOptions } from '../../autotask/types.js';
import { defineReadTool, type ToolContext } from '../types.js';
import { structuredResult, ToolInputError } from '../results.js';
import { idSchema, queryPage, truncate } from '../shared.js';
import { zoneOf } from '../tenant-zone.js';
import { TICKET_COLUMNS } from './common.js';
import { getOutput } from '../output.js';
import { day, field, instant, label, recordResult, ref, text, udfColumns, type Column, type Section } from '../rows.js';
import { ATTACHMENT_COLUMNS, ATTACHMENT_KINDS, attachedTo } from '../attachments/kinds.js';

const DESCRIPTION_PREVIEW = 2000;
const NOTE_PREVIEW = 500;
const RELATED_PAGE = 500; // Autotask's page size

const FULL_TEXT_HINT = 'call get_ticket again with fullText: true';

/** The ticket in full: the list row plus its classification, dates, estimate and text. */
const TICKET_DETAIL: Column[] = [
  ...TICKET_COLUMNS,
  label('issueType'),
  label('subIssueType'),
  label('ticketType'),
  label('source'),
  field('assignedResourceRoleID'),
  ref('projectID'),
  field('contractID'),
  instant('createDate'),
  instant('lastActivityDate'),
  instant('dueDateTime'),
  instant('completedDate'),
  field('estimatedHours'),
];
const LONG_TEXT: Column[] = [text('description', 'description', { long: true }), text('resolution', 'resolution', { long: true })];

const NOTE_COLUMNS: Column[] = [field('id'), instant('createDateTime'), ref('creatorResourceID'), ref('createdByContactID'), label('noteType'), label('publish'), text('title'), text('description')];
const TIME_COLUMNS: Column[] = [field('id'), day('dateWorked'), field('hoursWorked'), ref('resourceID'), text('summaryNotes'), text('internalNotes')];

export const getTicketInput = {
  id: idSchema.optional().describe('Give id or ticketNumber.'),
  ticketNumber: z.string().trim().min(3).max(50).optional().describe('E.g. T20261101.0042.'),
  includeNotes: z.boolean().default(false).describe('Add the newest notes (notesLimit).'),
  notesLimit: z.number().int().min(1).max(50).default(10).describe('list_notes pages through all.'),
  includeTimeEntries: z.boolean().default(false).describe('Add the newest 20 time entries.'),
  includeAttachments: z.boolean().default(false).describe("Add the attachment list, with those on its notes and time entries (get_attachment reads one)."),
  fullText: z.boolean().default(false).describe('Description and notes whole, not cut.'),
};

type Args = z.infer<z.ZodObject<typeof getTicketInput>>;

async function findTicket(api: AutotaskApi, args: Args, opts: RequestOptions): Promise<AutotaskRecord | null> {
  if (args.id !== undefined && args.ticketNumber !== undefined) throw new ToolInputError('Give either id or ticketNumber, not both.');
  if (args.id !== undefined) return api.get('Tickets', args.id, opts);
  if (args.ticketNumber === undefined) throw new ToolInputError('Give the ticket id or its ticketNumber (e.g. T20261101.0042). search_tickets finds both.');
  const { items } = await api.query('Tickets', { filter: [{ op: 'eq', field: 'ticketNumber', value: args.ticketNumber.toUpperCase() }], maxRecords: 2 }, opts);
  return items[0] ?? null;
}

/**
 * The newest `take` related records and their total. Most tickets have fewer than a page of
 * notes: then one query holds them all and is the total. Beyond that, a count gives the total
 * and newest-first paging finds the newest without walking every page.
 */
async function related(ctx: ToolContext, entity: string, field: string, ticketId: number, take: number, columns?: readonly Column[]) {
  const filter: FilterExpression[] = [{ op: 'eq', field, value: ticketId }];
  const opts = { signal: ctx.signal };
  const first = await ctx.api.query(entity, { filter, maxRecords: RELATED_PAGE }, opts);
  let items: AutotaskRecord[];
  let total: number;
  if (first.nextPageUrl === null) {
    total = first.items.length;
    items = first.items.sort((a, b) => b.id - a.id).slice(0, take);
  } else {
    total = await ctx.api.count(entity, filter, opts);
    items = (await queryPage(ctx.api, entity, filter, { limit: take, order: 'newest', signal: ctx.signal })).items;
  }
  await ctx.names.enrich(entity, items, ctx.signal, columns?.map((c) => c.key));
  return { items, total };
}

export const getTicket = defineReadTool({
  name: 'get_ticket',
  title: 'Get ticket',
  description: 'One ticket by id or number, with names and labels (company, contact, assignee, status, priority, queue, types); optionally its newest notes, time entries and attachments. Long text is cut with a marker.',
  toolset: 'tickets',
  input: getTicketInput,
  output: getOutput,
  async handler(args, ctx) {
    const opts = { signal: ctx.signal };
    const found = await findTicket(ctx.api, args, opts);
    const which = args.id !== undefined ? `id ${args.id}` : `number ${args.ticketNumber}`;
    if (!found) {
      return structuredResult({ found: false }, `No ticket with ${which} exists in Autotask (or the API user cannot see it). Use search_tickets to find tickets.`);
    }
    const ticket: Record<string, unknown> = { ...found };
    ctx.names.remember('Tickets', [found]); // its notes and time entries name it without a lookup
    await ctx.names.enrich('Tickets', [ticket], ctx.signal);
    const maxText = args.fullText ? Number.POSITIVE_INFINITY : DESCRIPTION_PREVIEW;
    for (const f of ['description', 'resolution']) {
      if (typeof ticket[f] === 'string') ticket[f] = truncate(ticket[f], maxText, FULL_TEXT_HINT);
    }
    const ticketId = found.id;
    const sections: Section[] = [];

    if (args.includeNotes) {
      const { items, total } = await related(ctx, 'TicketNotes', 'ticketID', ticketId, args.notesLimit, NOTE_COLUMNS);
      const noteMax = args.fullText ? Number.POSITIVE_INFINITY : NOTE_PREVIEW;
      for (const n of items) if (typeof n.description === 'string') n.description = truncate(n.description, noteMax, `get_note parentType=ticket id=${n.id} returns it whole`);
      sections.push({ key: 'notes', title: `Notes (${items.length} newest of ${total}):`, columns: NOTE_COLUMNS, records: items, empty: '(no notes on this ticket)', extra: { total } });
    }
    if (args.includeTimeEntries) {
      const { items, total } = await related(ctx, 'TimeEntries', 'ticketID', ticketId, 20, TIME_COLUMNS);
      for (const t of items) {
        for (const f of ['summaryNotes', 'internalNotes']) if (typeof t[f] === 'string') t[f] = truncate(t[f], NOTE_PREVIEW, `get_entity TimeEntries id ${t.id} returns it whole`);
      }
      sections.push({ key: 'timeEntries', title: `Time entries (${items.length} newest of ${total}):`, columns: TIME_COLUMNS, records: items, empty: '(no time entries on this ticket)', extra: { total } });
    }
    if (args.includeAttachments) {
      // By ticketID: that also returns the files on the ticket's notes and time entries (attachments/kinds.ts).
      const kind = ATTACHMENT_KINDS.ticket;
      const { items, total } = await related(ctx, kind.entity, kind.idField, ticketId, RELATED_PAGE);
      for (const a of items) {
        delete a.data;
        a.attachedTo = attachedTo(kind, a, ticketId);
      }
      const how = items.length ? `; get_attachment with parentType=ticket, parentId=${ticketId} and the id reads one` : '';
      sections.push({ key: 'attachments', title: `Attachments (${items.length}${how}):`, columns: ATTACHMENT_COLUMNS, records: items, empty: '(no attachments on this ticket)', extra: { total } });
    }
    return recordResult({
      head: `Ticket ${ticketId}:`,
      key: 'ticket',
      columns: [...TICKET_DETAIL, ...udfColumns([ticket]), ...LONG_TEXT],
      record: ticket,
      zone: await zoneOf(ctx),
      sections,
    });
  },
});
