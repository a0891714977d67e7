/** get_ticket: one ticket in full, optionally with its notes, time entries and attachment list. */
import { z } from 'zod';
import type { AutotaskApi, AutotaskRecord, FilterExpression, RequestOptions } from '../../autotask/types.js';
import { defineReadTool, type ToolContext } from '../types.js';
import { structuredResult, ToolInputError } from '../results.js';
import { idSchema, queryPage, truncate, untrusted, untrustedFieldsOf, untrustedOr, UNTRUSTED_NOTICE } from '../shared.js';
import { formatDay, formatInstant } from '../dates.js';
import { zoneOf } from '../tenant-zone.js';
import { TICKET_UNTRUSTED_FIELDS, ticketLine } from './common.js';
import { getOutput } from '../output.js';
import { ATTACHMENT_KINDS, attachedTo, attachedToText, type AttachedTo } from '../attachments/kinds.js';

const DESCRIPTION_PREVIEW = 2000;
const NOTE_PREVIEW = 500;
const RELATED_PAGE = 500; // Autotask's page size

const FULL_TEXT_HINT = 'call get_ticket again with fullText: true';

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
async function related(ctx: ToolContext, entity: string, field: string, ticketId: number, take: number) {
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
  await ctx.names.enrich(entity, items, ctx.signal);
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
      if (typeof ticket[f] === 'string') ticket[f] = truncate(ticket[f] as string, maxText, FULL_TEXT_HINT);
    }
    const ticketId = found.id;
    const structured: Record<string, unknown> = { found: true, ticket };
    const zone = await zoneOf(ctx);
    const lines = [ticketLine(ticket, zone), `  description: ${untrusted((ticket.description as string | null) ?? '') || '(none)'}`];
    if (ticket.resolution) lines.push(`  resolution: ${untrusted(ticket.resolution as string)}`);
    const untrustedFields = untrustedFieldsOf(TICKET_UNTRUSTED_FIELDS, [ticket]);

    if (args.includeNotes) {
      const { items, total } = await related(ctx, 'TicketNotes', 'ticketID', ticketId, args.notesLimit);
      const noteMax = args.fullText ? Number.POSITIVE_INFINITY : NOTE_PREVIEW;
      for (const n of items) if (typeof n.description === 'string') n.description = truncate(n.description, noteMax, `get_note parentType=ticket id=${n.id} returns it whole`);
      structured.notes = { items, total };
      untrustedFields.push(...untrustedFieldsOf(['title', 'description'], items, 'notes.'));
      lines.push(`Notes (${items.length} newest of ${total}):`);
      if (!items.length) lines.push('  (no notes on this ticket)');
      for (const n of items) {
        lines.push(`  - note ${n.id} ${formatInstant(n.createDateTime, zone)} by ${untrustedOr(n.creatorResourceName ?? n.createdByContactName, n.creatorResourceID ?? n.createdByContactID ?? 'unknown')} [${n.publishLabel ?? n.publish}, ${n.noteTypeLabel ?? n.noteType}]: ${untrusted(`${n.title ? `${n.title}: ` : ''}${n.description ?? ''}`)}`);
      }
    }
    if (args.includeTimeEntries) {
      const { items, total } = await related(ctx, 'TimeEntries', 'ticketID', ticketId, 20);
      for (const t of items) {
        for (const f of ['summaryNotes', 'internalNotes']) if (typeof t[f] === 'string') t[f] = truncate(t[f] as string, NOTE_PREVIEW, `get_entity TimeEntries id ${t.id} returns it whole`);
      }
      structured.timeEntries = { items, total };
      untrustedFields.push(...untrustedFieldsOf(['summaryNotes', 'internalNotes'], items, 'timeEntries.'));
      lines.push(`Time entries (${items.length} newest of ${total}):`);
      if (!items.length) lines.push('  (no time entries on this ticket)');
      for (const t of items) lines.push(`  - time entry ${t.id} ${formatDay(t.dateWorked)} ${t.hoursWorked ?? '?'}h by ${untrustedOr(t.resourceName, t.resourceID)}: ${untrusted((t.summaryNotes as string) ?? '')}`);
    }
    if (args.includeAttachments) {
      // By ticketID: that also returns the files on the ticket's notes and time entries (attachments/kinds.ts).
      const kind = ATTACHMENT_KINDS.ticket;
      const { items, total } = await related(ctx, kind.entity, kind.idField, ticketId, RELATED_PAGE);
      for (const a of items) {
        delete a.data;
        a.attachedTo = attachedTo(kind, a, ticketId);
      }
      structured.attachments = { items, total };
      untrustedFields.push(...untrustedFieldsOf(['title', 'fullPath'], items, 'attachments.'));
      lines.push(`Attachments (${items.length}):`);
      if (!items.length) lines.push('  (no attachments on this ticket)');
      for (const a of items) {
        const on = attachedToText(kind, a.attachedTo as AttachedTo);
        lines.push(`  - attachment ${a.id} on ${on}: ${untrusted(String(a.fullPath ?? a.title ?? ''))} ${a.contentType ?? ''} ${a.fileSize ?? '?'} bytes (get_attachment parentType=ticket parentId=${ticketId} attachmentId=${a.id})`);
      }
    }
    structured.untrustedFields = untrustedFields;
    structured.notice = UNTRUSTED_NOTICE;
    lines.push(UNTRUSTED_NOTICE);
    return structuredResult(structured, lines.join('\n'));
  },
});
