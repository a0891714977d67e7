/** Time entry fields, the one-line rendering, and role/task names for a page (one batched query each). */
import type { ToolContext } from '../types.js';
import { ROLE_LOOKUP } from '../enrich.js';
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
 * at roles and tasks. Role names come from the shared role cache, task titles from one `in`
 * query for the whole page.
 */
export async function addRoleAndTaskNames(ctx: ToolContext, items: Array<Record<string, unknown>>): Promise<void> {
  const idsOf = (field: string) => [...new Set(items.map((i) => i[field]).filter((v): v is number => typeof v === 'number'))];
  const fill = (idField: string, target: string, names: Map<number, unknown>) => {
    for (const i of items) if (typeof i[idField] === 'number' && names.has(i[idField] as number)) i[target] = names.get(i[idField] as number) ?? null;
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
