/**
 * get_configuration_item: one device with every field it has, its user-defined fields, and its
 * newest tickets: those with it as the primary device (Tickets.configurationItemID) and those
 * listing it as an additional one (TicketAdditionalConfigurationItems).
 */
import { z } from 'zod';
import type { AutotaskRecord } from '../../autotask/types.js';
import { getEntity } from '../../catalogue/index.js';
import { defineReadTool, type ToolContext } from '../types.js';
import { idSchema, queryPage } from '../shared.js';
import { zoneOf } from '../tenant-zone.js';
import { getOutput } from '../output.js';
import { notFound } from '../records.js';
import { autoColumns, compactRecord, untrustedFieldNames } from '../query/render.js';
import { day, derived, instant, recordResult, type Column, type Section } from '../rows.js';
import { TICKET_COLUMNS, TICKET_LIST_FIELDS } from '../tickets/common.js';
import { namedRef } from '../named.js';
import { nameDevices } from './common.js';

const NOTES_PREVIEW = 2000;
/** Autotask's page: ids of tickets naming the device as an additional one. */
const ADDITIONAL_MAX = 500;

const TICKET_ROW: Column[] = [...TICKET_COLUMNS.filter((c) => c.key !== 'companyID'), instant('createDate')];

/** The newest `take` tickets of a device, primary or additional, and whether more exist. */
async function deviceTickets(ctx: ToolContext, id: number, take: number): Promise<{ items: AutotaskRecord[]; more: boolean }> {
  const opts = { signal: ctx.signal };
  const [primary, links] = await Promise.all([
    queryPage(ctx.api, 'Tickets', [{ op: 'eq', field: 'configurationItemID', value: id }], { limit: take, order: 'newest', includeFields: TICKET_LIST_FIELDS, signal: ctx.signal }),
    ctx.api.query('TicketAdditionalConfigurationItems', { filter: [{ op: 'eq', field: 'configurationItemID', value: id }], includeFields: ['ticketID'], maxRecords: ADDITIONAL_MAX }, opts),
  ]);
  const have = new Set(primary.items.map((t) => t.id));
  const extraIds = [...new Set(links.items.map((l) => l.ticketID).filter((t): t is number => typeof t === 'number' && !have.has(t)))].sort((a, b) => b - a);
  const wanted = extraIds.slice(0, take);
  const extra = wanted.length
    ? (await ctx.api.query('Tickets', { filter: [{ op: 'in', field: 'id', value: wanted }], includeFields: ['id', ...TICKET_LIST_FIELDS, 'configurationItemID'], maxRecords: wanted.length }, opts)).items
    : [];
  const all = [...primary.items.map((t) => ({ ...t, configurationItemID: id })), ...extra].sort((a, b) => b.id - a.id);
  return { items: all.slice(0, take), more: all.length > take || primary.hasMore || extraIds.length > wanted.length || links.nextPageUrl !== null };
}

export const getConfigurationItem = defineReadTool({
  name: 'get_configuration_item',
  title: 'Get device',
  description: 'One device (configuration item) by id with every set field, labels, names and user-defined fields, and its newest tickets (primary or additional device).',
  toolset: 'configuration_items',
  input: {
    id: idSchema,
    ticketsLimit: z.number().int().min(0).max(50).default(10).describe('Newest tickets to add; 0: none.'),
  },
  output: getOutput,
  async handler(args, ctx) {
    const found = await ctx.api.get('ConfigurationItems', args.id, { signal: ctx.signal });
    if (!found) return notFound('device', args.id, 'Use search_configuration_items to find devices.');
    await ctx.names.enrich('ConfigurationItems', [found], ctx.signal);
    await nameDevices(ctx, [found]);
    const device = compactRecord(found, { maxText: NOTES_PREVIEW, howToGetAll: `get_entity ConfigurationItems id ${args.id} returns it whole` });
    const spec = getEntity('ConfigurationItems');
    const auto = autoColumns([device], new Set(spec ? untrustedFieldNames(spec) : []));
    // Products and contracts are named under their own kinds, as in search_configuration_items.
    // A Map: field names come from Autotask ("constructor" must not find Object's).
    const named = new Map<string, Column>([
      ['productID', namedRef('productID', 'products')],
      ['contractID', namedRef('contractID', 'contracts')],
      // Date-only fields (midnight UTC): the day, never shifted.
      ['installDate', day('installDate')],
      ['warrantyExpirationDate', day('warrantyExpirationDate')],
    ]);
    const columns = auto.map((c) => named.get(c.key) ?? c);
    const sections: Section[] = [];
    if (args.ticketsLimit > 0) {
      const { items, more } = await deviceTickets(ctx, args.id, args.ticketsLimit);
      await ctx.names.enrich('Tickets', items, ctx.signal);
      const rows = [...TICKET_ROW, derived('device', (r) => (r.configurationItemID === args.id ? 'primary' : 'additional'))];
      const hint = more ? `; more exist: query_entities on Tickets with configurationItemID = ${args.id}` : '';
      sections.push({ key: 'tickets', title: `Tickets (${items.length} newest${hint}):`, columns: rows, records: items, empty: '(no tickets name this device)', extra: { more } });
    }
    return recordResult({ head: `Device ${args.id}:`, key: 'configurationItem', columns, record: device, zone: await zoneOf(ctx), sections });
  },
});
