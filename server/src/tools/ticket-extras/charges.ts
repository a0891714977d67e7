/**
 * Ticket charges (materials and products used on a ticket): list_ticket_charges and
 * add_ticket_charge, written through Tickets/{id}/Charges. A charge is billed once it has been
 * approved and posted (isBilled; official TicketCharges page: update and delete only while
 * isBilled is false).
 */
import { z } from 'zod';
import type { AutotaskRecord } from '../../autotask/types.js';
import { defineReadTool, defineWriteTool, type ToolContext } from '../types.js';
import { ToolInputError } from '../results.js';
import { idSchema, noneFound, paginationShape, queryPage } from '../shared.js';
import { dayIn, isoDateSchema, toCalendarDay } from '../dates.js';
import { listOutput } from '../output.js';
import { zoneOf } from '../tenant-zone.js';
import { resolvePicklistValue } from '../picklists.js';
import { picklistInput } from '../tickets/common.js';
import { day, field, flag, label, pageResult, text, type Column } from '../rows.js';
import { picklistDisplay } from '../updates.js';
import { requireRecord } from '../records.js';
import { closedTicketWarning, requireTicket, ticketIdInput, ticketName } from './common.js';

const COLUMNS: Column[] = [
  field('id'),
  day('datePurchased'),
  text('name'),
  label('chargeType'),
  label('status'),
  field('unitQuantity'),
  field('unitPrice'),
  field('billableAmount'),
  field('productID'),
  flag('billable', 'isBillableToCompany'),
  flag('billed', 'isBilled'),
];
const LIST_FIELDS = ['ticketID', 'datePurchased', 'name', 'chargeType', 'status', 'unitQuantity', 'unitPrice', 'billableAmount', 'productID', 'isBillableToCompany', 'isBilled'];

const round2 = (n: number) => Math.round(n * 100) / 100;

export const listTicketCharges = defineReadTool({
  name: 'list_ticket_charges',
  title: 'List ticket charges',
  description: 'Charges (products, materials) on a ticket: date, name, type, quantity, price, amount, billable, billed; plus the amounts of the page.',
  toolset: 'ticket_extras',
  input: { ticketID: ticketIdInput, ...paginationShape },
  output: listOutput,
  async handler(args, ctx) {
    const page = await queryPage(ctx.api, 'TicketCharges', [{ op: 'eq', field: 'ticketID', value: args.ticketID }], { limit: args.limit, cursor: args.cursor, includeFields: LIST_FIELDS, signal: ctx.signal });
    if (!page.items.length && !args.cursor) await requireTicket(ctx, args.ticketID);
    await ctx.names.enrich('TicketCharges', page.items, ctx.signal);
    const amount = (pred: (c: AutotaskRecord) => boolean) => round2(page.items.filter(pred).reduce((n, c) => n + (typeof c.billableAmount === 'number' ? c.billableAmount : 0), 0));
    const billable = amount((c) => c.isBillableToCompany === true);
    const unbilled = amount((c) => c.isBillableToCompany === true && c.isBilled !== true);
    return pageResult({
      what: `charges of ticket ${args.ticketID}`,
      columns: COLUMNS,
      records: page.items,
      zone: await zoneOf(ctx),
      page,
      empty: noneFound('charges', `ticket ${args.ticketID}${args.cursor ? ' after the cursor position' : ''}`),
      notes: page.items.length ? [`Billable on this page: ${billable}, of which not yet billed: ${unbilled}.`] : [],
      extra: { billableOnPage: billable, unbilledOnPage: unbilled },
    });
  },
});

/** The charge type: given (id or label) or the tenant's default; Autotask requires one. */
async function chargeType(ctx: ToolContext, given: number | string | undefined): Promise<number> {
  if (given !== undefined) return resolvePicklistValue(ctx.api, 'TicketCharges', 'chargeType', given, { signal: ctx.signal, forWrite: true });
  const values = await ctx.api.picklist('TicketCharges', 'chargeType', { signal: ctx.signal });
  const def = values.find((v) => v.isDefaultValue && v.isActive) ?? (values.filter((v) => v.isActive).length === 1 ? values.find((v) => v.isActive) : undefined);
  if (!def) throw new ToolInputError(`Give chargeType: Autotask requires it and this tenant has no default. Valid values: ${values.filter((v) => v.isActive).map((v) => `${v.value}=${v.label}`).join(', ') || 'none listed'}.`);
  return Number(def.value);
}

export const addTicketCharge = defineWriteTool({
  kind: 'create',
  name: 'add_ticket_charge',
  title: 'Add ticket charge',
  description: "Add a charge (product or material) to a ticket. Prices default to the product's; chargeType to the tenant's default.",
  toolset: 'ticket_extras',
  input: {
    ticketID: ticketIdInput,
    name: z.string().trim().min(1).max(100),
    quantity: z.number().positive().max(100_000),
    unitPrice: z.number().min(0).max(10_000_000).optional().describe('Per unit, billed to the client.'),
    unitCost: z.number().min(0).max(10_000_000).optional(),
    productID: idSchema.optional(),
    chargeType: picklistInput.optional(),
    billable: z.boolean().default(true),
    datePurchased: isoDateSchema.optional().describe('Day; default today.'),
    description: z.string().max(2000).optional(),
  },
  async plan(args, ctx) {
    const type = await chargeType(ctx, args.chargeType); // a bad label is refused before any record is read
    const ticket = await requireTicket(ctx, args.ticketID);
    const zone = await zoneOf(ctx);
    const body: Record<string, unknown> = {
      ticketID: args.ticketID,
      name: args.name,
      unitQuantity: args.quantity,
      chargeType: type,
      // A calendar day, stored as midnight UTC like other date-only fields.
      datePurchased: toCalendarDay(args.datePurchased ?? dayIn(ctx.now?.() ?? new Date(), zone), 'datePurchased'),
      isBillableToCompany: args.billable,
    };
    const notes: string[] = [];
    if (args.productID !== undefined) {
      const product = await requireRecord(ctx, 'Products', args.productID, 'product', 'query_entities on Products finds product ids.');
      body.productID = args.productID;
      for (const [arg, f] of [['unitPrice', 'unitPrice'], ['unitCost', 'unitCost']] as const) {
        if (args[arg] === undefined && typeof product[f] === 'number') {
          body[f] = product[f];
          notes.push(`${f} ${String(product[f])} from product ${args.productID}`);
        }
      }
    }
    if (args.unitPrice !== undefined) body.unitPrice = args.unitPrice;
    if (args.unitCost !== undefined) body.unitCost = args.unitCost;
    if (args.description !== undefined) body.description = args.description;
    const warnings = await closedTicketWarning(ctx, ticket);
    if (args.billable && body.unitPrice === undefined) warnings.push('No unit price: the charge is billed at whatever its billing code sets, possibly 0.');
    const price = typeof body.unitPrice === 'number' ? ` at ${body.unitPrice} each` : '';
    return {
      operation: 'create',
      entity: 'TicketCharges',
      parent: { entity: 'Tickets', id: args.ticketID },
      body,
      summary: `Add charge "${args.name}" x ${args.quantity}${price} to ${ticketName(ticket)} (${await picklistDisplay(ctx, 'TicketCharges', 'chargeType', type)}, ${args.billable ? 'billable' : 'not billable'})${notes.length ? `; ${notes.join(', ')}` : ''}.`,
      warnings,
    };
  },
});
