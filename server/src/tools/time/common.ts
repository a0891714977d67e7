/** Time entry fields, the compact row, and role/task names for a page (one batched query each). */
import type { ToolContext } from '../types.js';
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
 * at roles and tasks. Their names come from one `in` query per entity for the whole page.
 */
export async function addRoleAndTaskNames(ctx: ToolContext, items: Array<Record<string, unknown>>): Promise<void> {
  const lookups: Array<[entity: string, idField: string, target: string, nameField: string]> = [
    ['Roles', 'roleID', 'roleName', 'name'],
    ['Tasks', 'taskID', 'taskTitle', 'title'],
  ];
  await Promise.all(
    lookups.map(async ([entity, idField, target, nameField]) => {
      const ids = [...new Set(items.map((i) => i[idField]).filter((v): v is number => typeof v === 'number'))];
      if (!ids.length) return;
      const { items: found } = await ctx.api.query(entity, { filter: [{ op: 'in', field: 'id', value: ids }], includeFields: ['id', nameField], maxRecords: 500 }, { signal: ctx.signal });
      const names = new Map(found.map((r) => [r.id, r[nameField]]));
      for (const i of items) if (typeof i[idField] === 'number' && names.has(i[idField] as number)) i[target] = names.get(i[idField] as number) ?? null;
    }),
  );
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
