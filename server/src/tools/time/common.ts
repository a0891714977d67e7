/** Time entry fields, the one-line rendering, and role/task names for a page (one batched query each). */
import type { ToolContext } from '../types.js';
import { untrusted, untrustedOr } from '../shared.js';
import { formatDay, formatInstant } from '../dates.js';

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

export const TIME_UNTRUSTED_FIELDS = ['summaryNotes', 'internalNotes', 'taskTitle'];

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

/** dateWorked is a calendar day (never shifted); start and end are shown in the tenant zone. */
export function timeEntryLine(t: Record<string, unknown>, zone: string): string {
  const on = t.ticketID
    ? `ticket ${t.ticketNumber ?? t.ticketID} (id ${t.ticketID})`
    : t.taskID
      ? `task ${t.taskID} ${untrusted(String(t.taskTitle ?? ''))}`
      : 'regular (no ticket or task)';
  const span = t.startDateTime && t.endDateTime ? ` ${formatInstant(t.startDateTime, zone)} to ${formatInstant(t.endDateTime, zone)}` : '';
  const parts = [
    `time entry ${t.id}`,
    `${formatDay(t.dateWorked)}${span}`,
    `${t.hoursWorked ?? '?'}h`,
    `by ${untrustedOr(t.resourceName, t.resourceID)} as ${untrustedOr(t.roleName, `role ${t.roleID ?? '-'}`)}`,
    on,
    t.isNonBillable === true ? 'non-billable' : 'billable',
  ];
  const lines = [`- ${parts.join(' | ')}`, `  summary: ${untrusted(String(t.summaryNotes ?? '')) || '(none)'}`];
  if (t.internalNotes) lines.push(`  internal notes: ${untrusted(String(t.internalNotes))}`);
  return lines.join('\n');
}
