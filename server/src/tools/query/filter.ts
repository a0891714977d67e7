/**
 * Autotask filter validation, before anything is sent. Three passes:
 *  1. grammar (zod, recursive `and`/`or` groups with `items`);
 *  2. offline semantics against the entity's catalogue fields: operator names (`ne` -> "use noteq"),
 *     unknown or non-queryable fields (with suggestions), value types, list sizes, one UDF term,
 *     exist/notExist without a value; field names are rewritten to their exact wire spelling;
 *  3. online only where the catalogue cannot know: picklist labels and UDF names (tenant metadata,
 *     never a query).
 * Every problem is reported at once, with its path, so the model can fix the filter in one go.
 * Typed tools can reuse `prepareFilter` for filters they accept from the model.
 */
import { z } from 'zod';
import { COMPARISON_OPS, EXISTENCE_OPS, GROUP_OPS, LIST_OPS } from '../../autotask/types.js';
import type { AutotaskApi, FilterExpression, FilterOp, RequestOptions, UdfInfo } from '../../autotask/types.js';
import type { EntitySpec, FieldSpec, FieldType } from '../../catalogue/types.js';
import { ToolInputError } from '../results.js';
import { fieldSpecs, supportsUdfs } from './entities.js';
import { closest, didYouMean } from './suggest.js';
import { coerceScalar, describeType, isNumericType } from './values.js';
import { assertShallow, MAX_ARGUMENT_DEPTH } from '../depth.js';

export const ALL_OPS: readonly FilterOp[] = [...COMPARISON_OPS, ...EXISTENCE_OPS, ...LIST_OPS, ...GROUP_OPS];
const STRING_OPS = new Set<FilterOp>(['beginsWith', 'endsWith', 'contains']);
const RANGE_OPS = new Set<FilterOp>(['gt', 'gte', 'lt', 'lte']);
/** Autotask counts every in-list element and every or-branch as an OR condition; it refuses more than 500. */
export const MAX_OR_CONDITIONS = 500;
const MAX_DEPTH = 8;

/** Operators models commonly guess, mapped to the Autotask operator to use instead (a Map: keyed by client text). */
const OP_HINTS = new Map<string, string>(Object.entries({
  ne: 'noteq', neq: 'noteq', not: 'noteq', notequal: 'noteq', notequals: 'noteq', '!=': 'noteq', '<>': 'noteq', isnot: 'noteq',
  equals: 'eq', equal: 'eq', '=': 'eq', '==': 'eq', is: 'eq',
  '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte', ge: 'gte', le: 'lte', greaterthan: 'gt', lessthan: 'lt',
  like: 'contains', includes: 'contains', has: 'contains',
  startswith: 'beginsWith', starts: 'beginsWith', prefix: 'beginsWith', ends: 'endsWith', suffix: 'endsWith',
  nin: 'notIn', 'not in': 'notIn', notcontains: 'notIn (for lists) or noteq',
  isnull: 'notExist', null: 'notExist', notexists: 'notExist', missing: 'notExist', empty: 'notExist',
  isnotnull: 'exist', notnull: 'exist', exists: 'exist',
  between: 'gte and lte (two terms)', range: 'gte and lte (two terms)',
}));

type RawNode = { op: string; field?: string; value?: unknown; udf?: boolean; items?: RawNode[] };

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** The grammar of one Autotask filter expression (recursive through `items`). */
export const filterNodeSchema: z.ZodType<RawNode> = z.lazy(() =>
  z.strictObject({
    op: z.string().min(1, 'op must name an operator'),
    field: z.string().min(1).max(200).optional(),
    value: z.union([scalar, z.array(scalar)]).optional(),
    udf: z.boolean().optional(),
    items: z.array(filterNodeSchema).optional(),
  }),
);
export const filterSchema = z.array(filterNodeSchema).max(MAX_OR_CONDITIONS);

const FILTER_HELP =
  'A filter is a JSON array of {"op","field","value"} combined with AND, e.g. [{"op":"eq","field":"companyID","value":123},{"op":"in","field":"status","value":[1,5]}]. ' +
  `Operators: ${ALL_OPS.join(', ')}; exist/notExist take no value; groups: {"op":"or","items":[...]}. "udf":true marks a user-defined field (one per query). ` +
  'Field names as describe_entity lists them; dates ISO UTC.';

/** Tool input for a filter: a JSON array (or its JSON text). Permissive on purpose: ./filter.ts gives the precise errors. */
export const filterInput = z
  .union([z.array(z.record(z.string(), z.unknown())).max(MAX_OR_CONDITIONS), z.string().max(100_000)])
  .optional()
  .describe(`${FILTER_HELP} Omit to match every record.`);

/** The same input where query_entities, listed alongside, already spells out the grammar. */
export const countFilterInput = filterInput.describe('As in query_entities; omit to count every record.');

/** Pass 1: JSON text or array -> grammar-checked nodes. */
export function parseFilterInput(input: unknown): RawNode[] {
  if (input === undefined || input === null || input === '') return [];
  let value: unknown = input;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch (e) {
      throw new ToolInputError(`filter is not valid JSON (${(e as Error).message}). ${FILTER_HELP}`);
    }
  }
  assertShallow(value, MAX_ARGUMENT_DEPTH, 'filter'); // JSON text is only measured once parsed
  // A whole pasted query body ({"filter":[...]}) or a single expression are accepted as-is.
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const inner = obj.filter ?? obj.Filter;
    value = Array.isArray(inner) ? inner : [value];
  }
  const parsed = filterSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const where = `filter${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`;
      const msg = i.code === 'unrecognized_keys' ? `unknown key(s) ${i.keys.map((k) => `"${k}"`).join(', ')}: an expression only has op, field, value, udf, items` : i.message;
      return `${where}: ${msg}`;
    });
    throw new ToolInputError(`The filter was not sent: it does not follow the Autotask filter grammar.\n- ${problems.join('\n- ')}\n${FILTER_HELP}`);
  }
  return parsed.data;
}

interface PendingLabel {
  node: FilterExpression;
  index?: number; // position in an in-list
  field: FieldSpec;
  label: string;
  path: string;
}

interface Walk {
  fields: FieldSpec[];
  entity: EntitySpec;
  problems: string[];
  labels: PendingLabel[];
  udfTerms: Array<{ node: FilterExpression; path: string; raw: RawNode }>;
  orConditions: number;
}

function canonicalOp(op: string): FilterOp | undefined {
  const l = op.trim().toLowerCase();
  return ALL_OPS.find((o) => o.toLowerCase() === l);
}

function opProblem(op: string): string {
  const hint = OP_HINTS.get(op.trim().toLowerCase());
  return `"${op}" is not an Autotask operator${hint ? ` - use ${hint}` : ''}. Valid: ${ALL_OPS.join(', ')}.`;
}

function checkLeafValue(w: Walk, node: FilterExpression, raw: RawNode, field: FieldSpec, path: string): void {
  const op = node.op;
  if (op === 'exist' || op === 'notExist') {
    if (raw.value !== undefined) w.problems.push(`${path}: ${op} takes no value; remove "value" (${op} matches fields that are ${op === 'exist' ? 'set' : 'empty'}).`);
    return;
  }
  if (raw.value === undefined) {
    w.problems.push(`${path}: ${op} needs a "value".`);
    return;
  }
  if (op === 'in' || op === 'notIn') {
    if (!Array.isArray(raw.value)) {
      w.problems.push(`${path}: ${op} needs a list value, e.g. [1,2,3]; for one value use ${op === 'in' ? 'eq' : 'noteq'}.`);
      return;
    }
    if (raw.value.length === 0) w.problems.push(`${path}: ${op} needs at least one value.`);
    if (raw.value.length > MAX_OR_CONDITIONS) w.problems.push(`${path}: ${op} list has ${raw.value.length} values; Autotask allows at most ${MAX_OR_CONDITIONS}. Split the query.`);
    w.orConditions += raw.value.length;
    const out: Array<string | number> = [];
    raw.value.forEach((v, i) => {
      if (v === null) return void w.problems.push(`${path}.value[${i}]: null is not allowed in a list; use notExist for empty fields.`);
      const c = coerceScalar(field, v);
      if (!c.ok) return void w.problems.push(`${path}.value[${i}]: ${c.message}`);
      if (typeof c.value === 'boolean') return void w.problems.push(`${path}.value[${i}]: lists hold numbers or text; for ${field.name} use eq with true/false.`);
      out.push(c.value as string | number);
      if (c.label) w.labels.push({ node, index: out.length - 1, field, label: c.label, path: `${path}.value[${i}]` });
    });
    node.value = out;
    return;
  }
  if (Array.isArray(raw.value)) {
    w.problems.push(`${path}: ${op} takes a single value; for a list use ${op === 'noteq' ? 'notIn' : 'in'}.`);
    return;
  }
  if (raw.value === null) {
    w.problems.push(`${path}: value null cannot be compared; use ${op === 'noteq' ? 'exist' : 'notExist'} (no value) to match ${op === 'noteq' ? 'set' : 'empty'} fields.`);
    return;
  }
  if (STRING_OPS.has(op) && !textLike(field.type)) {
    w.problems.push(`${path}: ${op} works on text fields only; ${field.name} is ${describeType(field)} - use eq, in${isNumericType(field.type) ? ', gt/lt' : ''}.`);
    return;
  }
  if (RANGE_OPS.has(op) && field.type === 'boolean') {
    w.problems.push(`${path}: ${op} cannot compare a boolean (${field.name}); use eq true/false.`);
    return;
  }
  const c = coerceScalar(field, raw.value);
  if (!c.ok) return void w.problems.push(`${path}: ${c.message}`);
  node.value = c.value as string | number | boolean;
  if (c.label) {
    if (op !== 'eq' && op !== 'noteq') w.problems.push(`${path}: ${op} on a picklist needs the numeric value, not the label "${c.label}".`);
    else w.labels.push({ node, field, label: c.label, path });
  }
}

function textLike(t: FieldType): boolean {
  return t === 'string' || t === 'unknown';
}

function walk(w: Walk, raw: RawNode, path: string, depth: number, inOr: boolean): FilterExpression | null {
  const op = canonicalOp(raw.op);
  if (!op) {
    w.problems.push(`${path}: ${opProblem(raw.op)}`);
    return null;
  }
  if (op === 'and' || op === 'or') {
    if (raw.field !== undefined || raw.value !== undefined) w.problems.push(`${path}: an "${op}" group has only "items" (no field or value).`);
    if (!raw.items?.length) {
      w.problems.push(`${path}: an "${op}" group needs a non-empty "items" list of expressions.`);
      return null;
    }
    if (depth >= MAX_DEPTH) {
      w.problems.push(`${path}: groups are nested more than ${MAX_DEPTH} deep; flatten the filter.`);
      return null;
    }
    const items = raw.items.map((child, i) => walk(w, child, `${path}.items[${i}]`, depth + 1, op === 'or'));
    return { op, items: items.filter((x): x is FilterExpression => x !== null) };
  }
  if (inOr) w.orConditions += 1;
  if (raw.items !== undefined) w.problems.push(`${path}: "items" belongs to and/or groups only; ${op} compares one field.`);
  if (!raw.field) {
    w.problems.push(`${path}: ${op} needs a "field".`);
    return null;
  }
  const node: FilterExpression = { op, field: raw.field };
  if (raw.udf) {
    node.udf = true;
    if (!supportsUdfs(w.entity)) w.problems.push(`${path}: ${w.entity.name} has no user-defined fields; remove "udf".`);
    w.udfTerms.push({ node, path, raw });
    // Shape checks (exist with a value, list sizes...) need no metadata; types are checked once the UDF is known.
    checkLeafValue(w, { ...node }, raw, { name: raw.field, type: 'unknown', required: false, readOnly: false, queryable: true }, path);
    return node;
  }
  const lower = raw.field.toLowerCase();
  const field = w.fields.find((f) => f.name.toLowerCase() === lower);
  if (!field) {
    const udfHint = supportsUdfs(w.entity) ? ' If it is a user-defined field, add "udf": true.' : '';
    w.problems.push(`${path}: ${w.entity.name} has no field "${raw.field}".${didYouMean(raw.field, w.fields.map((f) => f.name))}${udfHint} describe_entity lists the fields.`);
    return null;
  }
  node.field = field.name; // exact wire spelling: never let a casing slip drop the condition
  if (!field.queryable) {
    const alts = closest(field.name, w.fields.filter((f) => f.queryable).map((f) => f.name), 3);
    w.problems.push(`${path}: ${w.entity.name}.${field.name} cannot be used in filters (Autotask marks it not queryable).${alts.length ? ` Queryable fields with similar names: ${alts.join(', ')}.` : ''}`);
    return null;
  }
  checkLeafValue(w, node, raw, field, path);
  return node;
}

function fail(entity: EntitySpec, problems: string[]): never {
  throw new ToolInputError(`The filter was not sent to Autotask. Fix these problem(s) in the ${entity.name} filter:\n- ${problems.join('\n- ')}`);
}

/** Pass 2 (offline): semantic checks against catalogue fields. Returns canonical expressions plus what still needs tenant metadata. */
export function checkFilter(entity: EntitySpec, fields: FieldSpec[], nodes: RawNode[]) {
  const w: Walk = { fields, entity, problems: [], labels: [], udfTerms: [], orConditions: 0 };
  const out = nodes.map((n, i) => walk(w, n, `filter[${i}]`, 1, false));
  if (w.udfTerms.length > 1) w.problems.push(`Autotask allows only one user-defined-field condition per query; this filter has ${w.udfTerms.length} (${w.udfTerms.map((u) => u.path).join(', ')}). Keep one and filter the rest from the results.`);
  if (w.orConditions > MAX_OR_CONDITIONS) w.problems.push(`The filter has ${w.orConditions} OR conditions (in-list values and or-branches); Autotask allows at most ${MAX_OR_CONDITIONS}. Split it into several queries.`);
  if (w.problems.length) fail(entity, w.problems);
  return { filter: out as FilterExpression[], labels: w.labels, udfTerms: w.udfTerms };
}

function udfAsField(u: UdfInfo): FieldSpec {
  const type: FieldType = u.type === 'integer' ? 'integer' : u.type === 'double' ? 'double' : u.type === 'datetime' ? 'datetime' : 'string';
  return { name: u.name, type, required: u.isRequired, readOnly: u.isReadOnly, queryable: u.isQueryable, ...(u.isPickList ? { picklist: true } : {}) };
}

/** Pass 3 (tenant metadata, cached): picklist labels -> values, UDF names -> exact names and typed values. */
async function resolveOnline(api: AutotaskApi, entity: EntitySpec, checked: ReturnType<typeof checkFilter>, opts?: RequestOptions): Promise<void> {
  const problems: string[] = [];
  for (const u of checked.udfTerms) {
    const udfs = await api.userDefinedFields(entity.name, opts);
    const name = u.raw.field as string;
    const def = udfs.find((d) => d.name.toLowerCase() === name.toLowerCase()) ?? udfs.find((d) => d.label.toLowerCase() === name.toLowerCase());
    if (!def) {
      problems.push(`${u.path}: ${entity.name} has no user-defined field "${name}".${udfs.length ? didYouMean(name, udfs.map((d) => d.name)) : ' This tenant defines none.'} describe_entity lists them.`);
      continue;
    }
    if (!def.isQueryable) {
      problems.push(`${u.path}: the user-defined field "${def.name}" is not queryable.`);
      continue;
    }
    u.node.field = def.name;
    const w: Walk = { fields: [], entity, problems, labels: [], udfTerms: [], orConditions: 0 };
    const spec = udfAsField(def);
    checkLeafValue(w, u.node, u.raw, spec, u.path);
    for (const l of w.labels) {
      const hit = (def.picklistValues ?? []).find((p) => p.label.toLowerCase() === l.label.toLowerCase());
      if (hit) setValue(l, Number.isFinite(Number(hit.value)) ? Number(hit.value) : hit.value);
      else problems.push(`${l.path}: "${l.label}" is not a value of ${def.name}. Valid: ${(def.picklistValues ?? []).map((p) => `${p.value}=${p.label}`).join(', ')}.`);
    }
  }
  for (const l of checked.labels) {
    const values = await api.picklist(entity.name, l.field.name, opts);
    const hit = values.find((v) => v.label.toLowerCase() === l.label.toLowerCase());
    if (hit) setValue(l, Number(hit.value));
    else problems.push(`${l.path}: "${l.label}" is not a ${entity.name}.${l.field.name} label. Valid: ${values.filter((v) => v.isActive).map((v) => `${v.value}=${v.label}`).join(', ')}.`);
  }
  if (problems.length) fail(entity, problems);
}

function setValue(l: Pick<PendingLabel, 'node' | 'index'>, v: string | number): void {
  if (l.index === undefined) l.node.value = v;
  else (l.node.value as Array<string | number>)[l.index] = v;
}

/**
 * Validate a filter supplied by the model and return the exact expressions to send. Throws
 * ToolInputError (sending nothing) when anything is wrong. An empty result means "no condition".
 */
export async function prepareFilter(api: AutotaskApi, entity: EntitySpec, input: unknown, opts?: RequestOptions): Promise<FilterExpression[]> {
  const nodes = parseFilterInput(input);
  if (nodes.length === 0) return [];
  const { fields } = await fieldSpecs(api, entity, opts);
  const checked = checkFilter(entity, fields, nodes);
  if (checked.labels.length || checked.udfTerms.length) await resolveOnline(api, entity, checked, opts);
  return checked.filter;
}

/** Validate IncludeFields names (offline when the catalogue knows the fields); returns exact spellings. */
export async function prepareIncludeFields(api: AutotaskApi, entity: EntitySpec, names: string[] | undefined, opts?: RequestOptions): Promise<string[] | undefined> {
  if (!names?.length) return undefined;
  const { fields } = await fieldSpecs(api, entity, opts);
  const problems: string[] = [];
  const out = names.map((n) => {
    const f = fields.find((x) => x.name.toLowerCase() === n.trim().toLowerCase());
    if (!f) problems.push(`includeFields: ${entity.name} has no field "${n}".${didYouMean(n, fields.map((x) => x.name))}`);
    else if (f.queryError) problems.push(`includeFields: ${entity.name}.${f.name} cannot be requested in a query (Autotask documents that querying it returns an error); remove it and read it with get_entity ${entity.name} id <id>.`);
    return f?.name ?? n;
  });
  if (problems.length) throw new ToolInputError(`Nothing was sent to Autotask.\n- ${problems.join('\n- ')}\nUse describe_entity to list ${entity.name} fields.`);
  return Array.from(new Set(out));
}

/** A human-readable rendering of a filter for text results ("status in [1,5] AND ..."). */
export function describeFilter(filter: FilterExpression[]): string {
  const one = (e: FilterExpression): string => {
    if (e.op === 'and' || e.op === 'or') return `(${(e.items ?? []).map(one).join(` ${e.op.toUpperCase()} `)})`;
    const name = e.udf ? `udf:${e.field}` : e.field;
    return e.value === undefined ? `${name} ${e.op}` : `${name} ${e.op} ${JSON.stringify(e.value)}`;
  };
  return filter.length ? filter.map(one).join(' AND ') : 'all records';
}
