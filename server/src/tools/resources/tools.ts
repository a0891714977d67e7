/**
 * search_resources and get_resource: the technicians (Autotask "resources") that tickets and tasks
 * are assigned to and that log time. get_resource adds what assignment and time entry need: the
 * resource's roles (with the default) and the queues it works.
 */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool, type ToolContext } from '../types.js';
import { structuredResult } from '../results.js';
import { idSchema, noneFound, paginationShape, untrusted, untrustedFieldsOf, untrustedOr, UNTRUSTED_NOTICE } from '../shared.js';
import { picklistInput, resolveMany } from '../tickets/common.js';
import { containsAny, describeCriteria, listOutput, listResult, notFound, personNameFilter } from '../companies/listing.js';
import { MAX_IN_LIST } from '../enrich.js';
import { getOutput } from '../output.js';

/** internalCost is left out on purpose: cost rates are not needed to assign work. */
export const RESOURCE_FIELDS = ['firstName', 'lastName', 'email', 'userName', 'title', 'isActive', 'resourceType', 'userType', 'licenseType', 'locationID', 'officePhone', 'officeExtension', 'mobilePhone', 'defaultServiceDeskRoleID'];

const s = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/** Typed by administrators or the people themselves: shown inside untrusted markers. */
const RESOURCE_UNTRUSTED_FIELDS = ['firstName', 'lastName', 'email', 'title', 'officePhone', 'officeExtension', 'mobilePhone'];

function resourceLine(r: Record<string, unknown>): string {
  const parts = [
    `resource ${r.id}`,
    r.isActive === false ? 'INACTIVE' : 'active',
    `email: ${untrustedOr(r.email)}`,
    `user: ${s(r.userName) ?? '-'}`,
  ];
  if (r.title) parts.push(`title: ${untrustedOr(r.title)}`);
  if (r.resourceType) parts.push(`type: ${s(r.resourceTypeLabel) ?? r.resourceType}`);
  if (r.userType !== undefined) parts.push(`security level: ${s(r.userTypeLabel) ?? r.userType}`);
  if (r.locationID !== undefined) parts.push(`location: ${s(r.locationLabel) ?? r.locationID}`);
  if (r.officePhone) parts.push(`phone: ${untrusted(`${r.officePhone}${r.officeExtension ? ` ext ${r.officeExtension}` : ''}`)}`);
  if (r.mobilePhone) parts.push(`mobile: ${untrustedOr(r.mobilePhone)}`);
  if (typeof r.defaultServiceDeskRoleID === 'number') parts.push(`default role: ${r.defaultServiceDeskRoleID}`);
  return `- ${untrustedOr([r.firstName, r.lastName].map(s).filter(Boolean).join(' '), '(no name)')} | ${parts.join(' | ')}`;
}

export const searchResources = defineReadTool({
  name: 'search_resources',
  title: 'Search resources (technicians)',
  description:
    'Find Autotask resources (technicians and other staff users) by name, e-mail, user name, active state, or a ticket queue they work. ' +
    'Returns a page of resources (id, name, e-mail, user name, title, security level, location, default role) plus hasMore and nextCursor (pass it back as cursor with the same filters). ' +
    'Use the id as assignedResourceID (create_ticket, update_ticket, create_task) or resourceID (create_time_entry); get_resource lists its roles and queues. API-only users cannot be assigned work.',
  toolset: 'resources',
  input: {
    name: z.string().trim().min(1).max(100).optional().describe('Name: one word matches first or last name (contains); "First Last" matches both.'),
    email: z.string().trim().min(1).max(254).optional().describe('Part of the e-mail address (contains).'),
    userName: z.string().trim().min(1).max(32).optional().describe('Exact Autotask user name.'),
    active: z.boolean().optional().describe('true: only active resources (the ones that can be assigned); false: only inactive ones (leavers).'),
    queue: picklistInput.optional().describe('Only resources who work this ticket queue (queue id or label, e.g. "Service Desk").'),
    ...paginationShape,
  },
  output: listOutput,
  async handler(args, ctx) {
    const filter: FilterExpression[] = [];
    const notes: string[] = [];
    if (args.name !== undefined) filter.push(personNameFilter(args.name));
    if (args.email !== undefined) filter.push(containsAny(['email'], args.email));
    if (args.userName !== undefined) filter.push({ op: 'eq', field: 'userName', value: args.userName });
    if (args.active !== undefined) filter.push({ op: 'eq', field: 'isActive', value: args.active });
    if (args.queue !== undefined) {
      const [queueId] = await resolveMany(ctx.api, 'Tickets', 'queueID', args.queue, { signal: ctx.signal });
      const ids = await queueMembers(ctx, queueId as number);
      if (!ids.length) {
        return structuredResult(
          { items: [], count: 0, hasMore: false, nextCursor: null, filter: [], untrustedFields: [], notice: '' },
          `${noneFound('resources', describeCriteria(args))}\nNobody is linked to queue ${queueId} (ResourceRoleQueues).`,
        );
      }
      filter.push({ op: 'in', field: 'id', value: ids });
      notes.push(`Queue ${queueId}: ${ids.length} resource(s) work it (from ResourceRoleQueues).`);
    }
    return listResult(ctx, { entity: 'Resources', what: 'resources', filter, args, includeFields: RESOURCE_FIELDS, untrustedFields: RESOURCE_UNTRUSTED_FIELDS, line: resourceLine, notes });
  },
});

async function queueMembers(ctx: ToolContext, queueId: number): Promise<number[]> {
  const { items } = await ctx.api.query('ResourceRoleQueues', { filter: [{ op: 'eq', field: 'queueID', value: queueId }], includeFields: ['id', 'resourceID'], maxRecords: MAX_IN_LIST }, { signal: ctx.signal });
  return [...new Set(items.map((r) => r.resourceID).filter((v): v is number => typeof v === 'number'))].sort((a, b) => a - b);
}

export const getResource = defineReadTool({
  name: 'get_resource',
  title: 'Get resource (technician)',
  description:
    'One resource by id: name, e-mail, title, active, security level, location, and (by default) its service desk roles with the default marked and the ticket queues it works - what you need to pick assignedResourceRoleID or a time entry roleID. ' +
    'States plainly when the resource does not exist. search_resources finds ids.',
  toolset: 'resources',
  input: {
    id: idSchema.describe('Resource id (search_resources gives it).'),
    includeRolesAndQueues: z.boolean().default(true).describe('Also list its service desk roles and queues (two or three small queries).'),
  },
  output: getOutput('resource', {
    serviceDeskRoles: z.array(z.object({ roleID: z.unknown(), roleName: z.unknown(), isDefault: z.boolean(), isActive: z.boolean() })),
    queues: z.array(z.object({ queueID: z.unknown(), queueLabel: z.string().nullable() })),
  }),
  async handler(args, ctx) {
    const opts = { signal: ctx.signal };
    const found = await ctx.api.get('Resources', args.id, opts);
    if (!found) return notFound('resource', args.id, 'Use search_resources to find technicians.');
    const resource: Record<string, unknown> = Object.fromEntries(Object.entries(found).filter(([k]) => k === 'id' || RESOURCE_FIELDS.includes(k)));
    await ctx.names.enrich('Resources', [resource], ctx.signal);
    const structured: Record<string, unknown> = { found: true, resource, untrustedFields: untrustedFieldsOf(RESOURCE_UNTRUSTED_FIELDS, [resource]), notice: UNTRUSTED_NOTICE };
    const lines = [resourceLine(resource)];
    if (args.includeRolesAndQueues) {
      const byResource: FilterExpression = { op: 'eq', field: 'resourceID', value: args.id };
      const [sd, queues, queueLabels] = await Promise.all([
        ctx.api.query('ResourceServiceDeskRoles', { filter: [byResource], maxRecords: 100 }, opts),
        ctx.api.query('ResourceRoleQueues', { filter: [byResource], maxRecords: 100 }, opts),
        ctx.api.picklist('Tickets', 'queueID', opts),
      ]);
      const roleIds = [...new Set([...sd.items.map((r) => r.roleID), resource.defaultServiceDeskRoleID].filter((v): v is number => typeof v === 'number'))];
      const names = roleIds.length
        ? new Map((await ctx.api.query('Roles', { filter: [{ op: 'in', field: 'id', value: roleIds }], includeFields: ['id', 'name'], maxRecords: 500 }, opts)).items.map((r) => [r.id, r.name]))
        : new Map();
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
      structured.serviceDeskRoles = roles;
      structured.queues = queueList;
      lines.push(`Service desk roles (${roles.length}):`);
      if (!roles.length) lines.push('  (none: give roleID explicitly when logging time or assigning)');
      for (const r of roles) lines.push(`  - role ${r.roleID} ${r.roleName ?? ''}${r.isDefault ? ' (default)' : ''}${r.isActive ? '' : ' INACTIVE'}`);
      lines.push(`Queues (${queueList.length}): ${queueList.map((q) => `${q.queueLabel ?? 'unknown'} (${q.queueID})`).join(', ') || 'none'}`);
    }
    return structuredResult(structured, lines.join('\n'));
  },
});
