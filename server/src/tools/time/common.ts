/** Time entry fields, the compact row, and role/task names for a page (one batched query each). */
import type { ToolContext } from '../types.js';
import { ROLE_LOOKUP } from '../enrich.js';
import { day, field, flag, ref, text, type Column } from '../rows.js';

export const TIME_LIST_FIELDS = [
  'dateWorked',
  'startDateTime',
  'endDateTime',
  'hoursWorked',
  'hoursToBill',
  'resourceID',
  'roleID',
  'ticketID',
  'taskID',
  'timeEntryType',
  'summaryNotes',
  'internalNotes',
  'isNonBillable',
  'billingCodeID',
  'contractID',
];

/**
 * Enrichment knows companies, contacts, resources, projects and tickets; time entries also point
 * at roles and tasks. Role names come from the shared role cache, task titles from one `in`
 * query for the whole page.
 */
export async function addRoleAndTaskNames(ctx: ToolContext, items: Array<Record<string, unknown>>): Promise<void> {
  const idsOf = (field: string) => [...new Set(items.map((i) => i[field]).filter((v): v is number => typeof v === 'number'))];
  const fill = (idField: string, target: string, names: Map<number, unknown>) => {
    for (const i of items) if (typeof i[idField] === 'number' && names.has(i[idField])) i[target] = names.get(i[idField]) ?? null;
  };
  const roles = async () => {
    const ids = idsOf('roleID');
    if (!ids.length) return;
    const found = await ctx.names.lookup(ROLE_LOOKUP, ids, ctx.signal);
    fill('roleID', 'roleName', new Map([...found].filter(([, r]) => r !== null).map(([id, r]) => [id, r?.name])));
  };
  const tasks = async () => {
    const ids = idsOf('taskID');
    if (!ids.length) return;
    const { items: found } = await ctx.api.query('Tasks', { filter: [{ op: 'in', field: 'id', value: ids }], includeFields: ['id', 'title'], maxRecords: 500 }, { signal: ctx.signal });
    fill('taskID', 'taskTitle', new Map(found.map((r) => [r.id, r.title])));
  };
  await Promise.all([roles(), tasks()]);
}

/**
 * A time entry row: the day worked (a calendar day, never shifted), how long, who in which role,
 * on what, billable or not, and the summary. Start and end times: get_entity TimeEntries.
 */
export const TIME_COLUMNS: Column[] = [
  field('id'),
  day('dateWorked'),
  field('hoursWorked'),
  ref('resourceID'),
  ref('roleID', 'roleID', 'roleName'),
  ref('ticketID'),
  ref('taskID', 'taskID', 'taskTitle'),
  flag('billable', 'isNonBillable', (v) => v !== true),
  text('summaryNotes'),
  text('internalNotes'),
];
