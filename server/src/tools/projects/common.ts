/** Project and task fields, compact rows, and the closed-status rule shared by the project tools. */
import type { FilterExpression } from '../../autotask/types.js';
import type { ToolContext } from '../types.js';
import { assertNoClosedStatus } from '../tickets/common.js';
import { closedStatuses } from '../../autotask/closed-statuses.js';
import { field, instant, label, ref, text, type Column } from '../rows.js';

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

/** A project row: number, name, state, whose, who leads it, when. */
export const PROJECT_COLUMNS: Column[] = [
  field('id'),
  field('projectNumber'),
  text('projectName'),
  label('status'),
  label('projectType'),
  ref('companyID'),
  ref('projectLeadResourceID'),
  instant('startDateTime'),
  instant('endDateTime'),
  field('completedPercentage'),
];

/** A task row: what create_time_entry (taskID) and update_task need, and who has it until when. */
export const TASK_COLUMNS: Column[] = [
  field('id'),
  field('taskNumber'),
  text('title'),
  ref('projectID'),
  label('status'),
  ref('assignedResourceID'),
  instant('endDateTime'),
  field('estimatedHours'),
];

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
