/**
 * Which role a resource works in. Autotask needs a roleID on ticket and task time entries (and on
 * task assignments), and it must be a role the resource actually has. When the caller gives none,
 * it is derived the way Autotask itself defaults it, in this order:
 *   1. the role the resource already has on the ticket/task (its assignment role);
 *   2. the resource's default service desk role (Resources.defaultServiceDeskRoleID);
 *   3. the default (or only) active row of ResourceServiceDeskRoles;
 *   4. the only active row of ResourceRoles (department/queue roles).
 * Otherwise the caller is asked to choose, with the valid roles listed.
 */
import type { AutotaskRecord } from '../../autotask/types.js';
import type { ToolContext } from '../types.js';
import { personName, ROLE_LOOKUP } from '../enrich.js';
import { ToolInputError } from '../results.js';
import { requireRecord } from '../records.js';

export interface RoleChoice {
  roleID: number;
  roleName: string | null;
  /** Where the role came from, in words for the preview. */
  source: string;
  warnings: string[];
}

export interface Assignment {
  resourceID: unknown;
  roleID: unknown;
  /** "ticket T20261101.0042" */
  what: string;
}

interface RoleRow {
  roleID: number;
  isDefault: boolean;
  from: 'ResourceServiceDeskRoles' | 'ResourceRoles';
}

/** Role rows read per resource and entity (every page up to here), and role ids named in an error. */
const ROLE_ROWS_CAP = 2000;
const ROLES_LISTED = 50;

async function rolesOf(ctx: ToolContext, entity: 'ResourceServiceDeskRoles' | 'ResourceRoles', resourceId: number): Promise<{ rows: RoleRow[]; cut: boolean }> {
  const { items, truncated } = await ctx.api.queryAll(
    entity,
    { filter: [{ op: 'eq', field: 'resourceID', value: resourceId }, { op: 'eq', field: 'isActive', value: true }] },
    ROLE_ROWS_CAP,
    { signal: ctx.signal },
  );
  return { rows: items.filter((r) => typeof r.roleID === 'number').map((r) => ({ roleID: r.roleID as number, isDefault: r.isDefault === true, from: entity })), cut: truncated };
}

/** A role's name and state, from the shared role cache (roles are tenant configuration). */
async function roleName(ctx: ToolContext, roleId: number): Promise<{ name: string | null; active: boolean; exists: boolean }> {
  const role = (await ctx.names.lookup(ROLE_LOOKUP, [roleId], ctx.signal)).get(roleId) ?? null;
  return { name: typeof role?.name === 'string' ? role.name : null, active: role?.isActive !== false, exists: role !== null };
}

async function listRoles(ctx: ToolContext, resourceId: number, rows: RoleRow[]): Promise<string> {
  const ids = [...new Set(rows.map((r) => r.roleID))];
  if (!ids.length) return 'none found';
  const shown = ids.slice(0, ROLES_LISTED);
  const found = await ctx.names.lookup(ROLE_LOOKUP, shown, ctx.signal);
  const names = new Map([...found].map(([id, r]) => [id, r?.name]));
  const more = ids.length - shown.length;
  return `${shown.map((id) => `${id} (${names.get(id) ?? 'unnamed role'})`).join(', ')}${more > 0 ? ` and ${more} more (get_resource ${resourceId} lists them)` : ''}`;
}

/** The role for `resource`, checked (when given) or derived; throws a ToolInputError listing valid roles otherwise. */
export async function chooseRole(ctx: ToolContext, resource: AutotaskRecord, given: number | undefined, assignment?: Assignment): Promise<RoleChoice> {
  const resourceId = resource.id;
  const warnings: string[] = [];
  const assigned = assignment && assignment.resourceID === resourceId && typeof assignment.roleID === 'number' ? (assignment.roleID) : undefined;
  let sd: RoleRow[] | undefined;
  let dept: RoleRow[] | undefined;
  let cut = false as boolean; // a cap was hit (set inside load()): a role not seen may still be the resource's
  const load = async (entity: 'ResourceServiceDeskRoles' | 'ResourceRoles') => {
    const r = await rolesOf(ctx, entity, resourceId);
    cut ||= r.cut;
    return r.rows;
  };
  const serviceDesk = async () => (sd ??= await load('ResourceServiceDeskRoles'));
  const department = async () => (dept ??= await load('ResourceRoles'));

  let roleID: number;
  let source: string;
  if (given !== undefined) {
    roleID = given;
    source = 'given';
    const known = given === assigned || given === resource.defaultServiceDeskRoleID || (await serviceDesk()).some((r) => r.roleID === given) || (await department()).some((r) => r.roleID === given);
    if (!known && cut) {
      warnings.push(`Resource ${resourceId} has more than ${ROLE_ROWS_CAP} active role rows; role ${given} was not among the first ${ROLE_ROWS_CAP} checked. Autotask refuses the entry if the resource does not have it.`);
    } else if (!known) {
      const all = [...(await serviceDesk()), ...(await department())];
      if (all.length || typeof resource.defaultServiceDeskRoleID === 'number') {
        const valid = await listRoles(ctx, resourceId, typeof resource.defaultServiceDeskRoleID === 'number' ? [...all, { roleID: resource.defaultServiceDeskRoleID, isDefault: true, from: 'ResourceServiceDeskRoles' }] : all);
        throw new ToolInputError(`Role ${given} is not one of resource ${resourceId}'s roles. Valid roleID values: ${valid}. Nothing was sent.`);
      }
      warnings.push(`Could not verify role ${given} against resource ${resourceId}'s roles (none are listed); Autotask refuses the entry if the resource does not have it.`);
    }
  } else if (assigned !== undefined) {
    roleID = assigned;
    source = `the role resource ${resourceId} has on ${assignment?.what}`;
  } else if (typeof resource.defaultServiceDeskRoleID === 'number') {
    roleID = resource.defaultServiceDeskRoleID;
    source = `resource ${resourceId}'s default service desk role`;
  } else {
    const rows = await serviceDesk();
    const pick = rows.find((r) => r.isDefault) ?? (rows.length === 1 ? rows[0] : undefined);
    const deptRows = pick ? [] : await department();
    const chosen = pick ?? (deptRows.length === 1 ? deptRows[0] : undefined);
    if (!chosen) {
      const options = await listRoles(ctx, resourceId, [...rows, ...deptRows]);
      throw new ToolInputError(`Resource ${resourceId} has no default role: give roleID. Roles of this resource: ${options}. Nothing was sent.`);
    }
    roleID = chosen.roleID;
    source = chosen.from === 'ResourceServiceDeskRoles' ? `resource ${resourceId}'s ${chosen.isDefault ? 'default' : 'only'} service desk role` : `resource ${resourceId}'s only role`;
  }
  const role = await roleName(ctx, roleID);
  if (!role.exists) throw new ToolInputError(`Role ${roleID} does not exist in Autotask. Give a valid roleID (get_resource lists a resource's roles). Nothing was sent.`);
  if (!role.active) throw new ToolInputError(`Role ${roleID} (${role.name ?? 'unnamed'}) is inactive. Give another roleID (get_resource lists a resource's roles). Nothing was sent.`);
  return { roleID, roleName: role.name, source, warnings };
}

/**
 * The role to assign `resourceId` with (a ticket's primary resource, a task's assignee): the
 * resource must exist and be active, and the role follows chooseRole. `current` is the record
 * being reassigned: the same resource keeps the role it already has there.
 */
export async function assignmentRole(
  ctx: ToolContext,
  resourceId: number,
  roleId: number | undefined,
  current?: { record: AutotaskRecord; what: string },
): Promise<RoleChoice & { resource: AutotaskRecord }> {
  const resource = await requireRecord(ctx, 'Resources', resourceId, 'resource', 'Use search_resources to find technicians.');
  if (resource.isActive === false) throw new ToolInputError(`Resource ${resourceId} is inactive and cannot be assigned. Nothing was sent.`);
  ctx.names.remember('Resources', [resource]); // the preview names the new assignee
  const assignment = current ? { resourceID: current.record.assignedResourceID, roleID: current.record.assignedResourceRoleID, what: current.what } : undefined;
  return { ...(await chooseRole(ctx, resource, roleId, assignment)), resource };
}

/** "Priya Raman", or "resource 123" when the record has no name. */
/** A resource for a preview: its name (../enrich.ts personName), or "resource 29682904" without one. */
export const resourceLabel = (r: AutotaskRecord): string => personName(r) ?? `resource ${r.id}`;

/** "role 29683355 (Service Desk Technician) - the resource's default service desk role" for previews. */
export function describeRole(r: RoleChoice): string {
  return `role ${r.roleID}${r.roleName ? ` (${r.roleName})` : ''}${r.source === 'given' ? '' : ` - ${r.source}`}`;
}
