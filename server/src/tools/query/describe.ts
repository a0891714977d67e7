/**
 * describe_entity: one entity's fields from the tenant's metadata (types, required, read-only,
 * queryable, references, picklists with labels), its user-defined fields, and the exact routes
 * for each write — what a model needs before building a filter or a write body.
 */
import { z } from 'zod';
import type { FieldInfo, PicklistValue, UdfInfo } from '../../autotask/types.js';
import { isAutotaskError } from '../../autotask/errors.js';
import { getField } from '../../catalogue/index.js';
import { defineReadTool } from '../types.js';
import { structuredResult } from '../results.js';
import { capabilities, resolveEntity, supportsUdfs, writeRoutes } from './entities.js';

const MAX_PICKLIST_VALUES = 200;
const TEXT_PICKLIST_VALUES = 25;

const picklistValueShape = z.object({ value: z.string(), label: z.string(), isActive: z.boolean(), parentValue: z.string().optional() });
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the shape of a described field; only its inferred type is used
const fieldShape = z.object({
  name: z.string(),
  type: z.string(),
  required: z.boolean(),
  readOnly: z.boolean(),
  queryable: z.boolean(),
  reference: z.string().optional(),
  maxLength: z.number().optional(),
  picklist: z.array(picklistValueShape).optional(),
  picklistParentField: z.string().optional(),
  picklistTruncated: z.boolean().optional(),
  picklistTotal: z.number().optional(),
});

function picklistOf(values: PicklistValue[] | null): Pick<z.infer<typeof fieldShape>, 'picklist' | 'picklistTruncated' | 'picklistTotal'> {
  if (!values) return {};
  const sorted = [...values].sort((a, b) => Number(b.isActive) - Number(a.isActive) || a.sortOrder - b.sortOrder);
  const list = sorted.slice(0, MAX_PICKLIST_VALUES).map((v) => ({ value: v.value, label: v.label, isActive: v.isActive, ...(v.parentValue ? { parentValue: v.parentValue } : {}) }));
  return { picklist: list, ...(values.length > MAX_PICKLIST_VALUES ? { picklistTruncated: true, picklistTotal: values.length } : {}) };
}

/** `catalogueQueryable`: false where Autotask documents that querying the field returns an error, whatever the tenant metadata says. */
export function describeField(f: FieldInfo, catalogueQueryable = true): z.infer<typeof fieldShape> {
  return {
    name: f.name,
    type: f.dataType,
    required: f.isRequired,
    readOnly: f.isReadOnly,
    queryable: f.isQueryable && catalogueQueryable,
    ...(f.isReference && f.referenceEntityType ? { reference: f.referenceEntityType } : {}),
    ...(f.dataType === 'string' && f.length ? { maxLength: f.length } : {}),
    ...(f.isPickList ? picklistOf(f.picklistValues) : {}),
    ...(f.picklistParentValueField ? { picklistParentField: f.picklistParentValueField } : {}),
  };
}

function describeUdf(u: UdfInfo): z.infer<typeof fieldShape> & { label: string; description?: string } {
  return {
    name: u.name,
    label: u.label,
    type: u.type,
    required: u.isRequired,
    readOnly: u.isReadOnly,
    queryable: u.isQueryable,
    ...(u.length ? { maxLength: u.length } : {}),
    ...(u.description ? { description: u.description } : {}),
    ...(u.isPickList ? picklistOf(u.picklistValues) : {}),
  };
}

function fieldLine(f: z.infer<typeof fieldShape>): string {
  const flags = [f.required && 'required', f.readOnly && 'read-only', !f.queryable && 'not queryable', f.reference && `-> ${f.reference}`].filter(Boolean);
  let line = `- ${f.name}: ${f.type}${flags.length ? ` [${flags.join(', ')}]` : ''}`;
  if (f.picklist) {
    const active = f.picklist.filter((p) => p.isActive);
    line += `; values: ${active.slice(0, TEXT_PICKLIST_VALUES).map((p) => `${p.value}=${p.label}`).join(', ')}`;
    if (active.length > TEXT_PICKLIST_VALUES) line += `, ... (${active.length - TEXT_PICKLIST_VALUES} more in structuredContent)`;
    // Labels given to filters and typed tools are resolved against the full list, not this one.
    if (f.picklistTruncated) line += ` (structuredContent has the first ${MAX_PICKLIST_VALUES} of ${f.picklistTotal} values, active first; a label beyond them is still accepted)`;
  }
  return line;
}

export const describeEntity = defineReadTool({
  name: 'describe_entity',
  title: 'Describe an Autotask entity',
  description: "An entity's fields in this tenant: type, required, read-only, queryable, referenced entity, picklist values with labels, user-defined fields; the operations Autotask allows and the routes writes take (some go through a parent, e.g. TicketNotes via Tickets/{id}/Notes). Use before query_entities filters or create/update_entity bodies.",
  toolset: 'query',
  input: {
    entity: z.string().trim().min(1).max(100).describe('As list_entities names it, e.g. "Contracts".'),
  },
  async handler(args, ctx) {
    const spec = resolveEntity(args.entity);
    const opts = { signal: ctx.signal };
    const fields = (await ctx.api.fields(spec.name, opts)).map((f) => describeField(f, getField(spec, f.name)?.queryable !== false));
    let udfs: ReturnType<typeof describeUdf>[] = [];
    if (supportsUdfs(spec)) {
      try {
        udfs = (await ctx.api.userDefinedFields(spec.name, opts)).map(describeUdf);
      } catch (err) {
        // Entities without UDF support answer 404 on the route; that simply means "none".
        if (!(isAutotaskError(err) && err.kind === 'not_found')) throw err;
      }
    }
    const can = capabilities(spec);
    const routes = { create: writeRoutes(spec, 'create'), update: writeRoutes(spec, 'update'), delete: writeRoutes(spec, 'delete') };
    const structured = { entity: spec.name, ...can, routes, fields, userDefinedFields: udfs };
    const ops = (Object.keys(can) as Array<keyof typeof can>).filter((k) => can[k]).map((k) => k.slice(3).toLowerCase());
    const routeText = (['create', 'update', 'delete'] as const).filter((o) => routes[o].length).map((o) => `${o}: ${routes[o].join(' or ')}`);
    const text = [
      `${spec.name}: allows ${ops.join(', ') || 'nothing through the API'}.`,
      ...(routeText.length ? [`Write routes - ${routeText.join('; ')}.`] : []),
      `Fields (${fields.length}):`,
      ...fields.map(fieldLine),
      udfs.length ? `User-defined fields (${udfs.length}; filter with "udf": true, write via userDefinedFields):` : 'No user-defined fields.',
      ...udfs.map((u) => `${fieldLine(u)} (label "${u.label}")`),
    ].join('\n');
    return structuredResult(structured, text);
  },
});
