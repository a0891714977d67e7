/**
 * A ticket's checklist: list_checklist_items, add_checklist_item, complete_checklist_item.
 * Items are written through the ticket (Tickets/{id}/ChecklistItems); a ticket holds at most 40
 * (official TicketChecklistItems page), so a 41st is refused before anything is sent.
 */
import { z } from 'zod';
import { defineReadTool, defineWriteTool } from '../types.js';
import { ToolInputError } from '../results.js';
import { idSchema, noneFound } from '../shared.js';
import { listOutput } from '../output.js';
import { zoneOf } from '../tenant-zone.js';
import { field, flag, instant, pageResult, ref, text, type Column } from '../rows.js';
import { requireRecord } from '../records.js';
import { closedTicketWarning, requireTicket, ticketChildren, ticketIdInput, ticketName } from './common.js';

export const CHECKLIST_MAX = 40;

const COLUMNS: Column[] = [
  field('id'),
  field('position'),
  text('itemName'),
  flag('important', 'isImportant'),
  flag('done', 'isCompleted'),
  ref('completedByResourceID'),
  instant('completedDateTime'),
];

const byPosition = (a: Record<string, unknown>, b: Record<string, unknown>) => Number(a.position ?? 0) - Number(b.position ?? 0) || Number(a.id) - Number(b.id);

export const listChecklistItems = defineReadTool({
  name: 'list_checklist_items',
  title: 'List ticket checklist',
  description: "A ticket's checklist in order: item, important, done, who completed it and when.",
  toolset: 'ticket_extras',
  input: { ticketID: ticketIdInput },
  output: listOutput,
  async handler(args, ctx) {
    const { items } = await ticketChildren(ctx, 'TicketChecklistItems', args.ticketID, CHECKLIST_MAX + 10);
    if (!items.length) await requireTicket(ctx, args.ticketID); // no items, or no such ticket?
    items.sort(byPosition);
    await ctx.names.enrich('TicketChecklistItems', items, ctx.signal);
    const done = items.filter((i) => i.isCompleted === true).length;
    return pageResult({
      what: `checklist items of ticket ${args.ticketID}`,
      columns: COLUMNS,
      records: items,
      zone: await zoneOf(ctx),
      page: { hasMore: false, nextCursor: null },
      empty: noneFound('checklist items', `ticket ${args.ticketID}`),
      notes: items.length ? [`${done} of ${items.length} done.`] : [],
      extra: { done, total: items.length },
    });
  },
});

export const addChecklistItem = defineWriteTool({
  kind: 'create',
  name: 'add_checklist_item',
  title: 'Add ticket checklist item',
  description: `Add an item to a ticket's checklist (at most ${CHECKLIST_MAX} per ticket); position inserts it there, default last.`,
  toolset: 'ticket_extras',
  input: {
    ticketID: ticketIdInput,
    itemName: z.string().trim().min(1).max(600),
    important: z.boolean().optional(),
    position: z.number().int().min(1).max(CHECKLIST_MAX).optional().describe('1 = first.'),
  },
  async plan(args, ctx) {
    const ticket = await requireTicket(ctx, args.ticketID);
    const { items, more } = await ticketChildren(ctx, 'TicketChecklistItems', args.ticketID, CHECKLIST_MAX + 10, ['id', 'itemName']);
    if (items.length >= CHECKLIST_MAX || more) {
      throw new ToolInputError(`${ticketName(ticket)} already has ${items.length} checklist items, the most Autotask allows (${CHECKLIST_MAX}). Nothing was sent. Complete or remove items in Autotask first.`);
    }
    if (args.position !== undefined && args.position > items.length + 1) {
      throw new ToolInputError(`position ${args.position} is past the end: the checklist has ${items.length} items, so give 1 to ${items.length + 1} (or omit it to add at the end).`);
    }
    const warnings = await closedTicketWarning(ctx, ticket);
    if (items.some((i) => String(i.itemName).trim().toLowerCase() === args.itemName.toLowerCase())) warnings.push(`The checklist already has an item "${args.itemName}".`);
    const body: Record<string, unknown> = { ticketID: args.ticketID, itemName: args.itemName };
    if (args.important !== undefined) body.isImportant = args.important;
    if (args.position !== undefined) body.position = args.position;
    return {
      operation: 'create',
      entity: 'TicketChecklistItems',
      parent: { entity: 'Tickets', id: args.ticketID },
      body,
      summary: `Add checklist item "${args.itemName}" to ${ticketName(ticket)} at position ${args.position ?? items.length + 1} of ${items.length + 1}.`,
      warnings,
    };
  },
});

export const completeChecklistItem = defineWriteTool({
  kind: 'update',
  name: 'complete_checklist_item',
  title: 'Complete ticket checklist item',
  description: 'Mark a checklist item done (or, with done=false, not done). list_checklist_items gives item ids.',
  toolset: 'ticket_extras',
  input: { id: idSchema, done: z.boolean().default(true) },
  async plan(args, ctx) {
    const item = await requireRecord(ctx, 'TicketChecklistItems', args.id, 'checklist item', 'list_checklist_items lists the items of a ticket.');
    const current = item.isCompleted === true;
    if (current === args.done) throw new ToolInputError(`Checklist item ${args.id} ("${String(item.itemName)}") is already ${args.done ? 'done' : 'not done'}. Nothing was sent.`);
    const ticketID = item.ticketID as number;
    return {
      operation: 'update',
      entity: 'TicketChecklistItems',
      parent: { entity: 'Tickets', id: ticketID },
      id: args.id,
      body: { id: args.id, isCompleted: args.done },
      summary: `Mark checklist item "${String(item.itemName)}" of ticket ${ticketID} ${args.done ? 'done' : 'not done'}.`,
      changes: [{ field: 'isCompleted', from: current, to: args.done }],
      expected: { isCompleted: item.isCompleted ?? null, ticketID },
    };
  },
});
