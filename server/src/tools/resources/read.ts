/**
 * search_resources and get_resource: the technicians (Autotask "resources") that tickets and tasks
 * are assigned to and that log time. get_resource adds what assignment and time entry need: the
 * resource's roles (with the default) and the queues it works.
 */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool, type ToolContext } from '../types.js';
import { structuredResult } from '../results.js';
import { idSchema, noneFound, paginationShape } from '../shared.js';
import { picklistInput, resolveMany } from '../tickets/common.js';
import { containsAny, personNameFilter } from '../filters.js';
import { describeCriteria, listResult } from '../lists.js';
import { notFound } from '../records.js';
import { MAX_IN_LIST } from '../enrich.js';
import { getOutput, listOutput } from '../output.js';
import { derived, field, flag, label, recordResult, text, type Column } from '../rows.js';
import { UTC } from '../dates.js';
import { personName } from '../enrich.js';

/** internalCost is left out on purpose: cost rates are not needed to assign work. */
export const RESOURCE_FIELDS = ['firstName', 'lastName', 'email', 'userName', 'title', 'isActive', 'resourceType', 'userType', 'licenseType', 'locationID', 'officePhone', 'officeExtension', 'mobilePhone', 'defaultServiceDeskRoleID'];

/**
 * ResourceRoleQueues has a row per resource, role and queue, and ResourceServiceDeskRoles a row per
 * role: both are paged past Autotask's 500 per page up to these caps, and a result says when one
 * was hit. Beyond them the tenant is unusual enough that query_entities is the better tool.
 */
const QUEUE_LINKS_CAP = 2000;
const ROLES_CAP = 1000;

/** A resource row: who, and what assignment needs (active, security level, location, default role). */
const RESOURCE_COLUMNS: Column[] = [
  field('id'),
  derived('name', (r) => personName(r), { untrusted: true }),
  text('email'),
  field('userName'),
  text('title'),
  flag('isActive'),
  label('userType'),
  label('location', 'locationID'),
  field('defaultServiceDeskRoleID'),
];
/** get_resource adds the type and the phones. */
const RESOURCE_DETAIL: Column[] = [
  ...RESOURCE_COLUMNS,
  label('resourceType'),
  derived('officePhone', (r) => (r.officePhone ? `${r.officePhone}${r.officeExtension ? ` ext ${r.officeExtension}` : ''}` : null), { untrusted: true }),
  text('mobilePhone'),
];
const ROLE_COLUMNS: Column[] = [field('roleID'), field('roleName'), flag('isDefault'), flag('isActive')];
const QUEUE_COLUMNS: Column[] = [field('queueID'), field('queue', 'queueLabel')];

export const searchResources = defineReadTool({
  name: 'search_resources',
  title: 'Search resources (technicians)',
  description: 'Find resources (technicians, staff users; filters combine with AND): id, name, e-mail, user name, title, security level, location, default role. The id is assignedResourceID or resourceID elsewhere; get_resource adds roles and queues. API-only users cannot take work.',
  toolset: 'resources',
  input: {
    name: z.string().trim().min(1).max(100).optional().describe('One word: first or last name contains it; "First Last": both.'),
    email: z.string().trim().min(1).max(254).optional().describe('Part of the e-mail.'),
    userName: z.string().trim().min(1).max(32).optional().describe('Exact.'),
    active: z.boolean().optional().describe('true: can be assigned; false: leavers.'),
    queue: picklistInput.optional().describe('Ticket queue id or label they work.'),
    ...paginationShape,
  },
  output: listOutput,
  async handler(args, ctx) {
    const filter: FilterExpression[] = [];
    const notes: string[] = [];
    const truncated: string[] = [];
    if (args.name !== undefined) filter.push(personNameFilter(args.name));
    if (args.email !== undefined) filter.push(containsAny(['email'], args.email));
    if (args.userName !== undefined) filter.push({ op: 'eq', field: 'userName', value: args.userName });
    if (args.active !== undefined) filter.push({ op: 'eq', field: 'isActive', value: args.active });
    if (args.queue !== undefined) {
      const [queueId] = await resolveMany(ctx.api, 'Tickets', 'queueID', args.queue, { signal: ctx.signal });
      const { ids, cut } = await queueMembers(ctx, queueId);
      truncated.push(...cut);
      if (!ids.length) {
        return structuredResult(
          { columns: [], rows: [], hasMore: false, nextCursor: null, ...(truncated.length ? { truncated } : {}) },
          [`${noneFound('resources', describeCriteria(args))}\nNobody is linked to queue ${queueId} (ResourceRoleQueues).`, ...truncated].join('\n'),
        );
      }
      filter.push({ op: 'in', field: 'id', value: ids });
      notes.push(`Queue ${queueId}: ${ids.length} resource(s) work it (from ResourceRoleQueues).`, ...truncated);
    }
    const extra = truncated.length ? { truncated } : undefined;
    return listResult(ctx, { entity: 'Resources', what: 'resources', filter, args, includeFields: RESOURCE_FIELDS, columns: RESOURCE_COLUMNS, notes, extra });
  },
});

/** The queue's resource ids (at most MAX_IN_LIST: one `in` filter), and what was cut. */
async function queueMembers(ctx: ToolContext, queueId: number): Promise<{ ids: number[]; cut: string[] }> {
  const { items, truncated } = await ctx.api.queryAll('ResourceRoleQueues', { filter: [{ op: 'eq', field: 'queueID', value: queueId }], includeFields: ['id', 'resourceID'] }, QUEUE_LINKS_CAP, { signal: ctx.signal });
  const all = [...new Set(items.map((r) => r.resourceID).filter((v): v is number => typeof v === 'number'))].sort((a, b) => a - b);
  const cut: string[] = [];
  if (truncated) cut.push(`Queue ${queueId} has more than ${QUEUE_LINKS_CAP} resource links (ResourceRoleQueues); only resources in the first ${QUEUE_LINKS_CAP} were searched. Search by name without queue and check a resource's queues with get_resource.`);
  if (all.length > MAX_IN_LIST) cut.push(`Queue ${queueId} has ${all.length} resources; one Autotask filter takes ${MAX_IN_LIST} ids, so only the ${MAX_IN_LIST} lowest ids were searched. Search by name without queue and check a resource's queues with get_resource.`);
  return { ids: all.slice(0, MAX_IN_LIST), cut };
}

/** Role names in `in` lists of at most MAX_IN_LIST ids. */
async function roleNames(ctx: ToolContext, ids: number[]): Promise<Map<number, unknown>> {
  const names = new Map<number, unknown>();
  for (let i = 0; i < ids.length; i += MAX_IN_LIST) {
    const chunk = ids.slice(i, i + MAX_IN_LIST);
    const { items } = await ctx.api.query('Roles', { filter: [{ op: 'in', field: 'id', value: chunk }], includeFields: ['id', 'name'], maxRecords: MAX_IN_LIST }, { signal: ctx.signal });
    for (const r of items) names.set(r.id, r.name);
  }
  return names;
}

export const getResource = defineReadTool({
  name: 'get_resource',
  title: 'Get resource (technician)',
  description: 'One resource by id: name, e-mail, title, active, security level, location, and its service desk roles (default marked) and ticket queues, to pick assignedResourceRoleID or a time entry roleID.',
  toolset: 'resources',
  input: {
    id: idSchema,
    includeRolesAndQueues: z.boolean().default(true),
  },
  output: getOutput,
  async handler(args, ctx) {
    const opts = { signal: ctx.signal };
    const found = await ctx.api.get('Resources', args.id, opts);
    if (!found) return notFound('resource', args.id, 'Use search_resources to find technicians.');
    const resource: Record<string, unknown> = Object.fromEntries(Object.entries(found).filter(([k]) => k === 'id' || RESOURCE_FIELDS.includes(k)));
    await ctx.names.enrich('Resources', [resource], ctx.signal);
    const view = { head: `Resource ${args.id}:`, key: 'resource', columns: RESOURCE_DETAIL, record: resource, zone: UTC };
    if (!args.includeRolesAndQueues) return recordResult(view);
    const byResource: FilterExpression = { op: 'eq', field: 'resourceID', value: args.id };
    const [sd, queues, queueLabels] = await Promise.all([
      ctx.api.queryAll('ResourceServiceDeskRoles', { filter: [byResource] }, ROLES_CAP, opts),
      ctx.api.queryAll('ResourceRoleQueues', { filter: [byResource] }, QUEUE_LINKS_CAP, opts),
      ctx.api.picklist('Tickets', 'queueID', opts),
    ]);
    const truncated: string[] = [];
    if (sd.truncated) truncated.push(`Resource ${args.id} has more than ${ROLES_CAP} service desk roles; the first ${ROLES_CAP} are listed. query_entities on ResourceServiceDeskRoles with resourceID = ${args.id} pages through all of them.`);
    if (queues.truncated) truncated.push(`Resource ${args.id} has more than ${QUEUE_LINKS_CAP} queue links; the first ${QUEUE_LINKS_CAP} are listed. query_entities on ResourceRoleQueues with resourceID = ${args.id} pages through all of them.`);
    const roleIds = [...new Set([...sd.items.map((r) => r.roleID), resource.defaultServiceDeskRoleID].filter((v): v is number => typeof v === 'number'))];
    const names = await roleNames(ctx, roleIds);
    const roles = sd.items.map((r) => ({
      roleID: r.roleID,
      roleName: names.get(r.roleID as number) ?? null,
      isDefault: r.isDefault === true || r.roleID === resource.defaultServiceDeskRoleID,
      isActive: r.isActive !== false,
    }));
    if (typeof resource.defaultServiceDeskRoleID === 'number' && !roles.some((r) => r.roleID === resource.defaultServiceDeskRoleID)) {
      roles.push({ roleID: resource.defaultServiceDeskRoleID, roleName: names.get(resource.defaultServiceDeskRoleID) ?? null, isDefault: true, isActive: true });
    }
    const queueList = queues.items.map((q) => ({ queueID: q.queueID, queueLabel: queueLabels.find((v) => v.value === String(q.queueID))?.label ?? null }));
    return recordResult({
      ...view,
      sections: [
        { key: 'serviceDeskRoles', title: `Service desk roles (${roles.length}):`, columns: ROLE_COLUMNS, records: roles, empty: '(none: give roleID explicitly when logging time or assigning)' },
        { key: 'queues', title: `Queues (${queueList.length}):`, columns: QUEUE_COLUMNS, records: queueList, empty: '(none)' },
      ],
      tail: truncated,
      extra: truncated.length ? { truncated } : {},
    });
  },
});
