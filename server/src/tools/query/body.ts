/**
 * Write bodies for the generic create/update tools, checked against the catalogue before any
 * preview: unknown fields (with suggestions), read-only fields, value types, text lengths,
 * required fields on create, a parent id that contradicts the body, and UDF names (tenant
 * metadata). Picklist labels are turned into values from the tenant's picklists.
 */
import { z } from 'zod';
import type { AutotaskApi, RequestOptions } from '../../autotask/types.js';
import type { ChildRoute, EntitySpec, FieldSpec } from '../../catalogue/types.js';
import { ToolInputError } from '../results.js';
import { fieldSpecs, supportsUdfs } from './entities.js';
import { didYouMean } from './suggest.js';
import { coerceScalar, describeType } from './values.js';
import { matchPicklistValue } from '../picklists.js';

export const bodyFieldsInput = z
  .record(z.string().min(1).max(100), z.unknown())
  .describe('By field name as describe_entity lists them, e.g. {"title":"...","status":1}; picklists take a value or label; dates ISO UTC.');

export const udfInput = z
  .array(z.object({ name: z.string().min(1).max(200), value: z.union([z.string().max(8000), z.number(), z.null()]) }))
  .max(100)
  .optional()
  .describe('[{"name":"<UDF name>","value":"..."}]; null clears one.');

export type UdfValue = { name: string; value: string | number | null };

/** Singular of a root entity name, as Autotask references it (Tickets -> Ticket, Companies -> Company). */
export function singular(entity: string): string {
  if (/ies$/.test(entity)) return `${entity.slice(0, -3)}y`;
  if (/(ss|sh|ch|x)es$/.test(entity)) return entity.slice(0, -2);
  return entity.replace(/s$/, '');
}

/** The body field that holds the parent's id on a child route (TicketNotes via Tickets -> ticketID). */
export function parentField(spec: EntitySpec, route: ChildRoute | undefined): FieldSpec | undefined {
  if (!route) return undefined;
  const target = singular(route.parent).toLowerCase();
  return (
    spec.fields.find((f) => f.reference?.toLowerCase() === target) ??
    spec.fields.find((f) => f.name.toLowerCase() === `${target}id`)
  );
}

/**
 * Required fields the metadata marks read-only (Projects.companyID, Contracts.contractType) are
 * set once on create and fixed afterwards; every other read-only field is Autotask's to set.
 */
function createOnly(f: FieldSpec): boolean {
  return f.readOnly && f.required && f.name !== 'id';
}

interface BodyOptions extends RequestOptions {
  operation: 'create' | 'update';
  route?: ChildRoute;
  parentId?: number;
}

function fail(spec: EntitySpec, problems: string[]): never {
  throw new ToolInputError(`Nothing was sent to Autotask. Fix the ${spec.name} body:\n- ${problems.join('\n- ')}\nUse describe_entity for the fields, their types and picklist values.`);
}

export async function prepareBody(
  api: AutotaskApi,
  spec: EntitySpec,
  fields: Record<string, unknown>,
  udfs: UdfValue[] | undefined,
  opts: BodyOptions,
): Promise<Record<string, unknown>> {
  const { fields: specs } = await fieldSpecs(api, spec, opts);
  const problems: string[] = [];
  const body: Record<string, unknown> = {};
  const picks: Array<{ field: FieldSpec; input: string | number }> = [];
  const fk = parentField(spec, opts.route);
  const given = new Set<string>();

  for (const [key, raw] of Object.entries(fields)) {
    if (key.toLowerCase() === 'id') {
      problems.push(opts.operation === 'create' ? 'id: Autotask assigns the id; remove it.' : 'id: give the record id as the "id" argument, not inside fields.');
      continue;
    }
    if (key.toLowerCase() === 'userdefinedfields') {
      problems.push('userDefinedFields: pass them in the separate userDefinedFields argument as [{"name","value"}].');
      continue;
    }
    const field = specs.find((f) => f.name.toLowerCase() === key.toLowerCase());
    if (!field) {
      problems.push(`${key}: ${spec.name} has no such field.${didYouMean(key, specs.map((f) => f.name))}`);
      continue;
    }
    given.add(field.name);
    if (field.readOnly && !(opts.operation === 'create' && createOnly(field))) {
      problems.push(
        createOnly(field)
          ? `${field.name}: can only be set when the record is created; it cannot be changed.`
          : `${field.name}: read-only (Autotask sets it itself); remove it.`,
      );
      continue;
    }
    if (raw === null) {
      if (opts.operation === 'create') problems.push(`${field.name}: to leave a field empty on create, omit it instead of sending null.`);
      else if (field.required) problems.push(`${field.name}: required on ${spec.name}, it cannot be cleared.`);
      else body[field.name] = null;
      continue;
    }
    const c = coerceScalar(field, raw);
    if (!c.ok) {
      problems.push(c.message);
      continue;
    }
    if (typeof c.value === 'string' && field.type === 'string' && field.length && c.value.length > field.length) {
      problems.push(`${field.name}: at most ${field.length} characters (got ${c.value.length}).`);
      continue;
    }
    if (fk && field.name === fk.name && c.value !== opts.parentId) {
      problems.push(`${field.name}: ${JSON.stringify(c.value)} contradicts parentId ${opts.parentId} (${opts.route?.parent}); drop it or make them match.`);
      continue;
    }
    body[field.name] = c.value;
    if (field.picklist && (typeof c.value === 'number' || c.label)) picks.push({ field, input: c.label ?? (c.value as number) });
  }

  // The child route carries the parent id; the body repeats it so the request is self-describing.
  if (fk && opts.parentId !== undefined && opts.operation === 'create' && body[fk.name] === undefined) body[fk.name] = opts.parentId;

  if (opts.operation === 'create') {
    const missing = specs.filter((f) => f.required && (!f.readOnly || createOnly(f)) && body[f.name] === undefined && !given.has(f.name));
    if (missing.length) problems.push(`missing required field(s): ${missing.map((f) => `${f.name} (${describeType(f)})`).join(', ')}.`);
  } else if (Object.keys(body).length === 0 && !udfs?.length && !problems.length) {
    problems.push('fields is empty: give at least one field to change.');
  }

  if (udfs?.length) {
    if (!supportsUdfs(spec)) problems.push(`userDefinedFields: ${spec.name} has no user-defined fields.`);
    else await prepareUdfs(api, spec, udfs, problems, body, opts);
  }
  if (problems.length) fail(spec, problems);

  // Labels become values; values the tenant deactivated are refused (Autotask would reject them).
  for (const p of picks) {
    const values = await api.picklist(spec.name, p.field.name, opts);
    if (!values.length) {
      if (typeof p.input === 'string') problems.push(`${p.field.name}: this tenant lists no labels for it; give the numeric value.`);
      continue;
    }
    try {
      body[p.field.name] = Number(matchPicklistValue(values, p.input, `${spec.name}.${p.field.name}`, true).value);
    } catch (err) {
      problems.push(`${p.field.name}: ${(err as Error).message}`);
    }
  }
  if (problems.length) fail(spec, problems);
  return body;
}

async function prepareUdfs(api: AutotaskApi, spec: EntitySpec, udfs: UdfValue[], problems: string[], body: Record<string, unknown>, opts: RequestOptions): Promise<void> {
  const defs = await api.userDefinedFields(spec.name, opts);
  const out: Array<{ name: string; value: string | null }> = [];
  for (const u of udfs) {
    const def = defs.find((d) => d.name.toLowerCase() === u.name.toLowerCase()) ?? defs.find((d) => d.label.toLowerCase() === u.name.toLowerCase());
    if (!def) {
      problems.push(`userDefinedFields: ${spec.name} has no user-defined field "${u.name}".${defs.length ? didYouMean(u.name, defs.map((d) => d.name)) : ' This tenant defines none.'}`);
      continue;
    }
    if (def.isReadOnly) {
      problems.push(`userDefinedFields: "${def.name}" is read-only.`);
      continue;
    }
    let value = u.value === null ? null : String(u.value);
    if (value !== null && def.isPickList && def.picklistValues) {
      const hit = def.picklistValues.find((p) => p.value === value) ?? def.picklistValues.find((p) => p.label.toLowerCase() === value?.toLowerCase());
      if (!hit) {
        problems.push(`userDefinedFields: "${value}" is not a value of "${def.name}". Valid: ${def.picklistValues.map((p) => `${p.value}=${p.label}`).join(', ')}.`);
        continue;
      }
      value = hit.value;
    }
    out.push({ name: def.name, value });
  }
  if (out.length) body.userDefinedFields = out;
}
