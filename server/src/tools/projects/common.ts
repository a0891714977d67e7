/** Project and task fields, text renderings, and the closed-status rule shared by the project tools. */
import type { FilterExpression } from '../../autotask/types.js';
import type { ToolContext } from '../types.js';
import { assertNoClosedStatus, closedStatuses } from '../tickets/common.js';
import { untrusted, untrustedOr } from '../shared.js';
import { formatInstant } from '../dates.js';

export const PROJECT_LIST_FIELDS = [
  'projectName',
  'projectNumber',
  'companyID',
  'status',
  'projectType',
  'projectLeadResourceID',
  'startDateTime',
  'endDateTime',
  'completedPercentage',
  'completedDateTime',
  'lastActivityDateTime',
  'department',
  'contractID',
];

export const TASK_LIST_FIELDS = [
  'title',
  'taskNumber',
  'projectID',
  'phaseID',
  'status',
  'taskType',
  'priorityLabel',
  'assignedResourceID',
  'assignedResourceRoleID',
  'startDateTime',
  'endDateTime',
  'estimatedHours',
  // Not remainingHours: Autotask documents it "will return an error when queried"; get_task reads it by id.
  'completedDateTime',
  'departmentID',
  'billingCodeID',
];

export const PROJECT_UNTRUSTED_FIELDS = ['projectName', 'description', 'statusDetail'];
export const TASK_UNTRUSTED_FIELDS = ['title', 'description'];

const s = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

export function projectLine(p: Record<string, unknown>, zone: string): string {
  const parts = [
    `${s(p.projectNumber) ?? '(no number)'} (id ${p.id})`,
    `status: ${s(p.statusLabel) ?? s(p.status) ?? '-'}`,
    `type: ${s(p.projectTypeLabel) ?? s(p.projectType) ?? '-'}`,
    `company: ${untrustedOr(p.companyName, p.companyID)}`,
    `lead: ${p.projectLeadResourceID ? untrustedOr(p.projectLeadResourceName, p.projectLeadResourceID) : 'none'}`,
    `dates: ${formatInstant(p.startDateTime, zone)} to ${formatInstant(p.endDateTime, zone)}`,
  ];
  if (typeof p.completedPercentage === 'number') parts.push(`${p.completedPercentage}% complete`);
  return `- ${parts.join(' | ')}\n  name: ${untrusted(s(p.projectName) ?? '')}`;
}

export function taskLine(t: Record<string, unknown>, zone: string): string {
  const parts = [
    `${s(t.taskNumber) ?? '(no number)'} (id ${t.id})`,
    `project: ${untrustedOr(t.projectName, t.projectID)} (id ${t.projectID})`,
    `status: ${s(t.statusLabel) ?? s(t.status) ?? '-'}`,
    `assigned: ${t.assignedResourceID ? untrustedOr(t.assignedResourceName, t.assignedResourceID) : 'unassigned'}`,
  ];
  if (t.endDateTime) parts.push(`due: ${formatInstant(t.endDateTime, zone)}`);
  if (typeof t.estimatedHours === 'number') parts.push(`estimate: ${t.estimatedHours}h${typeof t.remainingHours === 'number' ? `, ${t.remainingHours}h remaining` : ''}`);
  return `- ${parts.join(' | ')}\n  title: ${untrusted(s(t.title) ?? '')}`;
}

/**
 * `notIn` the entity's finished statuses (read from the tenant's picklist), and which they were.
 * `statuses` asked for as well must not be closed ones (a contradiction is refused).
 */
export async function openOnlyFilter(ctx: ToolContext, entity: 'Projects' | 'Tasks', statuses?: number[]): Promise<{ term: FilterExpression | null; excluded: Array<{ value: string; label: string }> }> {
  const closed = closedStatuses(await ctx.api.picklist(entity, 'status', { signal: ctx.signal }));
  assertNoClosedStatus(statuses, closed);
  const excluded = closed.map((v) => ({ value: v.value, label: v.label }));
  return { term: closed.length ? { op: 'notIn', field: 'status', value: closed.map((v) => Number(v.value)) } : null, excluded };
}
