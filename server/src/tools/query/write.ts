/**
 * create_entity, update_entity, delete_entity: writes on any entity. Each only plans the exact
 * request (route incl. parent, body checked against the catalogue, current -> new values for
 * updates); the registry previews it, asks for confirmation and executes it once.
 */
import { z } from 'zod';
import type { AutotaskRecord, ParentRef } from '../../autotask/types.js';
import type { EntitySpec } from '../../catalogue/types.js';
import { defineWriteTool, type ToolContext, type WritePlan } from '../types.js';
import { ToolInputError } from '../results.js';
import { idSchema } from '../shared.js';
import { sameValue } from '../write-reads.js';
import { publishValueWarnings } from '../notes/visibility.js';
import { bodyFieldsInput, parentField, prepareBody, udfInput } from './body.js';
import { assertOperation, chooseWriteRoute, parentRoutes, resolveEntity, type WriteOperation } from './entities.js';

const entityInput = z.string().trim().min(1).max(100).describe('As list_entities names it, e.g. "Contracts".');
const parentIdInput = idSchema.optional().describe('For entities written through a parent route (describe_entity), e.g. the ticket of TicketNotes.');
const parentEntityInput = z.string().trim().min(1).max(100).optional().describe('Only when there are several parent routes.');

/** Briefly what a record is, for summaries ("Contracts 12 "Managed services""). */
function label(spec: EntitySpec, record: AutotaskRecord | null, id: number): string {
  const name = record && ['name', 'title', 'companyName', 'contractName', 'projectName', 'ticketNumber', 'referenceTitle', 'lastName'].map((k) => record[k]).find((v) => typeof v === 'string' && v);
  return `${spec.name} ${id}${name ? ` "${String(name).slice(0, 80)}"` : ''}`;
}

/**
 * Route for update/delete. A child-only entity's parent id is read from the record itself when the
 * caller did not give it (e.g. a TicketNote's ticketID), and must agree with it when given.
 */
function routeForExisting(spec: EntitySpec, op: WriteOperation, current: AutotaskRecord, parentId: number | undefined, parentEntity: string | undefined) {
  let pid = parentId;
  if (pid === undefined && !spec[op]) {
    const candidates = parentRoutes(spec).filter((r) => r[op] && (!parentEntity || r.parent.toLowerCase() === parentEntity.toLowerCase()));
    if (candidates.length === 1) {
      const fk = parentField(spec, candidates[0]);
      const value = fk ? current[fk.name] : undefined;
      if (typeof value === 'number') pid = value;
    }
  }
  const choice = chooseWriteRoute(spec, op, pid, parentEntity);
  if (choice.route && parentId !== undefined) {
    const fk = parentField(spec, choice.route);
    const actual = fk ? current[fk.name] : undefined;
    if (typeof actual === 'number' && actual !== parentId) {
      throw new ToolInputError(`${spec.name} ${current.id} belongs to ${choice.route.parent} ${actual}, not ${parentId}. Use parentId ${actual} or omit parentId.`);
    }
  }
  const parent: ParentRef | undefined = choice.route && pid !== undefined ? { entity: choice.route.parent, id: pid } : undefined;
  return { route: choice.route, parent };
}

async function current(ctx: ToolContext, spec: EntitySpec, id: number, op: WriteOperation): Promise<AutotaskRecord> {
  const record = await ctx.api.get(spec.name, id, { signal: ctx.signal });
  if (!record) throw new ToolInputError(`There is no ${spec.name} record with id ${id} (or the API user cannot see it); nothing to ${op}. Check the id with query_entities.`);
  return record;
}

export const createEntity = defineWriteTool({
  kind: 'create',
  name: 'create_entity',
  title: 'Create a record of any Autotask entity',
  description: 'Create a record of any entity that allows it (describe_entity). Unknown or read-only fields, wrong types and missing required fields are refused first. Prefer the typed create tools where they fit.',
  toolset: 'query',
  input: { entity: entityInput, fields: bodyFieldsInput, userDefinedFields: udfInput, parentId: parentIdInput, parentEntity: parentEntityInput },
  async plan(args, ctx): Promise<WritePlan> {
    const spec = resolveEntity(args.entity);
    const { route } = chooseWriteRoute(spec, 'create', args.parentId, args.parentEntity);
    const body = await prepareBody(ctx.api, spec, args.fields, args.userDefinedFields, { operation: 'create', route, parentId: args.parentId, signal: ctx.signal });
    const parent = route && args.parentId !== undefined ? { entity: route.parent, id: args.parentId } : undefined;
    const warnings = await publishValueWarnings(ctx.api, spec.name, body.publish, { signal: ctx.signal });
    return {
      operation: 'create',
      entity: spec.name,
      ...(parent ? { parent } : {}),
      body,
      summary: `Create a ${spec.name} record${parent ? ` under ${parent.entity} ${parent.id}` : ''} with ${Object.keys(body).join(', ')}.`,
      warnings,
    };
  },
});

export const updateEntity = defineWriteTool({
  kind: 'update',
  name: 'update_entity',
  title: 'Update a record of any Autotask entity',
  description: 'Change fields of one record of any entity that allows updates; only the given fields change, and the preview shows current -> new. Read-only and unknown fields are refused.',
  toolset: 'query',
  input: { entity: entityInput, id: idSchema, fields: bodyFieldsInput, userDefinedFields: udfInput, parentId: parentIdInput, parentEntity: parentEntityInput },
  async plan(args, ctx): Promise<WritePlan> {
    const spec = resolveEntity(args.entity);
    assertOperation(spec, 'update');
    const record = await current(ctx, spec, args.id, 'update');
    const { route, parent } = routeForExisting(spec, 'update', record, args.parentId, args.parentEntity);
    const wanted = await prepareBody(ctx.api, spec, args.fields, args.userDefinedFields, { operation: 'update', route, parentId: parent?.id, signal: ctx.signal });
    const body: Record<string, unknown> = {};
    const changes: WritePlan['changes'] = [];
    // What the confirm checks again: every compared value, and the parent id the route was built from.
    const fk = route ? parentField(spec, route) : undefined;
    const expected: Record<string, unknown> = fk ? { [fk.name]: record[fk.name] ?? null } : {};
    for (const [field, to] of Object.entries(wanted)) {
      if (field === 'userDefinedFields') {
        const now = (record.userDefinedFields as Array<{ name: string; value: unknown }> | undefined) ?? [];
        for (const u of to as Array<{ name: string }>) expected[`udf:${u.name}`] = now.find((n) => n.name.toLowerCase() === u.name.toLowerCase())?.value ?? null;
        const changed = (to as Array<{ name: string; value: string | null }>).filter((u) => !sameValue(now.find((n) => n.name.toLowerCase() === u.name.toLowerCase())?.value, u.value));
        for (const u of changed) changes.push({ field: `udf:${u.name}`, from: now.find((n) => n.name.toLowerCase() === u.name.toLowerCase())?.value ?? null, to: u.value });
        if (changed.length) body.userDefinedFields = changed;
        continue;
      }
      expected[field] = record[field] ?? null;
      if (sameValue(record[field], to)) continue;
      changes.push({ field, from: record[field] ?? null, to });
      body[field] = to;
    }
    if (!changes.length) throw new ToolInputError(`${label(spec, record, args.id)} already has these values; nothing would change, so nothing was sent.`);
    return {
      operation: 'update',
      entity: spec.name,
      ...(parent ? { parent } : {}),
      id: args.id,
      body: { id: args.id, ...body },
      summary: `Update ${label(spec, record, args.id)}: ${changes.map((c) => c.field).join(', ')}.`,
      changes,
      expected,
      warnings: await publishValueWarnings(ctx.api, spec.name, body.publish, { signal: ctx.signal }),
    };
  },
});

export const deleteEntity = defineWriteTool({
  kind: 'delete',
  name: 'delete_entity',
  title: 'Delete a record of any Autotask entity',
  description: 'Delete one record, permanently, where the entity allows it (few do: list_entities supports="delete").',
  toolset: 'query',
  input: { entity: entityInput, id: idSchema, parentId: parentIdInput, parentEntity: parentEntityInput },
  async plan(args, ctx): Promise<WritePlan> {
    const spec = resolveEntity(args.entity);
    assertOperation(spec, 'delete');
    const record = await current(ctx, spec, args.id, 'delete');
    const { parent } = routeForExisting(spec, 'delete', record, args.parentId, args.parentEntity);
    return {
      operation: 'delete',
      entity: spec.name,
      ...(parent ? { parent } : {}),
      id: args.id,
      summary: `Delete ${label(spec, record, args.id)}${parent ? ` (under ${parent.entity} ${parent.id})` : ''}.`,
      warnings: ['Deletion is permanent: Autotask has no undo.'],
    };
  },
});
