/**
 * The role rules of time entries and assignments (tools/time/roles.ts): roles must exist and be
 * active, and a resource without a given roleID needs one the tool can derive (default service
 * desk role, a default or only service desk role row, or an only department role). Four queries
 * of at most 500 rows each; a larger tenant is checked on its first 500 resources.
 */
import type { AutotaskRecord, FilterExpression } from '../../autotask/types.js';
import type { DoctorApi } from '../budget.js';
import { commonFix, explain, rethrowBudget } from '../explain.js';
import { fail, pass, warn, type Check, type CheckResult } from '../types.js';

const ACTIVE: FilterExpression[] = [{ op: 'eq', field: 'isActive', value: true }];
const MAX = 500;
const sample = (ids: number[]) => `${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ` and ${ids.length - 10} more` : ''}`;

async function rows(api: DoctorApi, entity: string, includeFields: string[]): Promise<{ items: AutotaskRecord[]; more: boolean }> {
  const page = await api.query(entity, { filter: ACTIVE, includeFields, maxRecords: MAX });
  return { items: page.items, more: page.nextPageUrl !== null };
}

export const checkRoles: Check = async ({ api, config, emit }) => {
  if (config.readOnly || !(['time', 'tickets', 'projects'] as const).some((t) => config.toolsets.includes(t))) return;
  let roles, resources, serviceDesk, department;
  try {
    roles = await rows(api, 'Roles', ['id', 'name', 'isActive']);
    resources = await rows(api, 'Resources', ['id', 'defaultServiceDeskRoleID']);
    serviceDesk = await rows(api, 'ResourceServiceDeskRoles', ['id', 'resourceID', 'roleID', 'isDefault']);
    department = await rows(api, 'ResourceRoles', ['id', 'resourceID', 'roleID']);
  } catch (err) {
    rethrowBudget(err);
    emit(fail('roles.active', `reading roles failed: ${explain(err)}`, commonFix(err) ?? 'Time entries and assignments need Roles, ResourceServiceDeskRoles and ResourceRoles; give the API user read access to them.'));
    return;
  }
  const active = new Map(roles.items.map((r) => [r.id, typeof r.name === 'string' ? r.name : `role ${r.id}`]));
  if (!active.size) {
    emit(fail('roles.active', 'There is no active role: Autotask refuses time entries and assignments without one.', 'Create or activate a role in Autotask and give it to your resources.'));
    return;
  }
  emit(pass('roles.active', `${active.size}${roles.more ? '+' : ''} active roles.`, { activeRoles: active.size }));
  emit(defaultsResult(resources, serviceDesk.items, department.items, active));
};

/**
 * Which active resources default to an inactive or missing role (their entries are refused), and
 * which have roles but none the tools can pick (the tools then ask for roleID). Resources without
 * any role (the API user, staff who log no time) cannot log time at all and are only counted.
 */
function defaultsResult(resources: { items: AutotaskRecord[]; more: boolean }, sd: AutotaskRecord[], dept: AutotaskRecord[], active: Map<number, string>): CheckResult {
  const byResource = (list: AutotaskRecord[], id: number) => list.filter((r) => r.resourceID === id && typeof r.roleID === 'number');
  const noRoles: number[] = [];
  const ambiguous: number[] = [];
  const inactive: Array<{ resource: number; role: number }> = [];
  for (const res of resources.items) {
    const own = byResource(sd, res.id);
    const only = byResource(dept, res.id);
    const fallback = own.find((r) => r.isDefault === true) ?? (own.length === 1 ? own[0] : undefined) ?? (only.length === 1 ? only[0] : undefined);
    const role = typeof res.defaultServiceDeskRoleID === 'number' ? res.defaultServiceDeskRoleID : (fallback?.roleID as number | undefined);
    if (role !== undefined) {
      if (!active.has(role)) inactive.push({ resource: res.id, role });
    } else if (own.length || only.length) ambiguous.push(res.id);
    else noRoles.push(res.id);
  }
  const scope = `${resources.items.length}${resources.more ? ` (first ${MAX})` : ''} active resources`;
  const details = { resources: resources.items.length, inactiveDefaultRole: inactive, noDefaultRole: ambiguous, withoutRoles: noRoles };
  if (inactive.length) {
    const list = inactive.slice(0, 10).map((x) => `${x.resource} -> role ${x.role}`).join(', ');
    return warn('roles.defaults', `Of ${scope}, ${inactive.length} default to a role that is inactive or missing (${list}): their time entries and assignments are refused unless another roleID is given.`, "Activate those roles, or change the resources' default service desk role in Autotask.", details);
  }
  const notes = [
    ambiguous.length ? `${ambiguous.length} have several roles and no default, so the tools ask for roleID (resources ${sample(ambiguous)})` : '',
    noRoles.length ? `${noRoles.length} have no role at all and cannot log time (e.g. the API user)` : '',
  ].filter(Boolean);
  return pass('roles.defaults', `every default role of the ${scope} is active${notes.length ? `; ${notes.join('; ')}` : ''}.`, details);
}
