/**
 * The strict query layer: parses a QueryModel (`filter`, `MaxRecords`, `IncludeFields` in any
 * key casing), validates every term against the entity catalogue and the tenant's UDFs, and
 * compiles the filter into a predicate over stored records.
 *
 * Rejections are HTTP 400 with errors[] because the issue asks for it; real Autotask answers
 * most of these with 500 (e.g. an unknown filter field) — clients must treat both as failures.
 * A MaxRecords out of range is the 500 live tenants answer.
 */
import type { EntitySpec, FieldSpec } from '../catalogue/types.js';
import type { SeedRecord, UdfDefinition } from './types.js';
import type { CatalogueView } from './catalogue-view.js';
import { badRequest, writeError } from './errors.js';
import { describeKind, fitsKind, getCi, isPlainObject, kindOf, toInstant, type ValueKind } from './values.js';

export const MAX_PAGE_SIZE = 500;
const MAX_OR_TERMS = 500;

const COMPARISON = ['eq', 'noteq', 'gt', 'gte', 'lt', 'lte'] as const;
const STRING_OPS = ['beginsWith', 'endsWith', 'contains'] as const;
const EXISTENCE = ['exist', 'notExist'] as const;
const LISTS = ['in', 'notIn'] as const;
const GROUPS = ['and', 'or'] as const;
const ALL_OPS: readonly string[] = [...COMPARISON, ...STRING_OPS, ...EXISTENCE, ...LISTS, ...GROUPS];

const QUERY_KEYS = ['filter', 'maxrecords', 'includefields'];
const FILTER_KEYS = ['op', 'field', 'value', 'udf', 'items'];

export type Predicate = (record: SeedRecord) => boolean;

export interface ParsedQuery {
  predicate: Predicate;
  /** Canonical field names to return (id always), or null for all fields. */
  includeFields: string[] | null;
  /** UDF names to return when includeFields is set. */
  includeUdfs: string[];
  maxRecords: number;
}

export interface QueryContext {
  view: CatalogueView;
  entity: EntitySpec;
  udfs: UdfDefinition[];
}

/** A field (or UDF) a filter term refers to, with how its values are read and typed. */
interface Operand {
  label: string;
  kind: ValueKind;
  read: (r: SeedRecord) => unknown;
}

interface CompileState {
  ctx: QueryContext;
  udfTerms: number;
  orTerms: number;
}

export function parseQueryModel(body: unknown, ctx: QueryContext): ParsedQuery {
  if (!isPlainObject(body)) throw badRequest('The query must be a JSON object with a "filter" array.');
  for (const key of Object.keys(body)) {
    if (!QUERY_KEYS.includes(key.toLowerCase())) {
      throw badRequest(`Unknown query property '${key}'. Allowed: filter, MaxRecords, IncludeFields.`);
    }
  }
  const filter = getCi(body, 'filter');
  if (!Array.isArray(filter) || filter.length === 0) {
    throw badRequest('A filter is required: "filter" must be a non-empty array (e.g. [{"op":"gte","field":"id","value":0}]).');
  }
  const state: CompileState = { ctx, udfTerms: 0, orTerms: 0 };
  const terms = filter.map((t, i) => compileTerm(t, state, `filter[${i}]`, false));
  if (state.orTerms > MAX_OR_TERMS) throw badRequest(`Queries are limited to ${MAX_OR_TERMS} or fewer 'OR' conditions.`);
  if (state.udfTerms > 1) throw badRequest('You can only query by one user-defined field at a time.');

  const maxRecords = parseMaxRecords(getCi(body, 'maxRecords'));
  const { fields, udfs } = parseIncludeFields(getCi(body, 'includeFields'), ctx);
  return { predicate: (r) => terms.every((t) => t(r)), includeFields: fields, includeUdfs: udfs, maxRecords };
}

function parseMaxRecords(v: unknown): number {
  if (v === undefined || v === null) return MAX_PAGE_SIZE;
  // [unverified] Autotask's answer to a MaxRecords that is not an integer: the fake refuses it.
  if (typeof v !== 'number' || !Number.isInteger(v)) throw badRequest(`MaxRecords must be an integer between 1 and ${MAX_PAGE_SIZE} (got ${JSON.stringify(v)}).`);
  // Out of range is refused, never clamped (WYRE-AI/autotask-mcp src/services/autotask-http.ts).
  if (v < 1 || v > MAX_PAGE_SIZE) throw writeError(`maxCountOfRecordsToReturn must be between 1 and ${MAX_PAGE_SIZE}`);
  return v;
}

function parseIncludeFields(v: unknown, ctx: QueryContext): { fields: string[] | null; udfs: string[] } {
  if (v === undefined || v === null) return { fields: null, udfs: [] };
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw badRequest('IncludeFields must be an array of field names.');
  if (v.length === 0) return { fields: null, udfs: [] };
  const fields = new Set<string>(['id']);
  const udfs: string[] = [];
  for (const name of v as string[]) {
    const f = ctx.view.field(ctx.entity, name);
    if (f?.queryError) {
      // [unverified] whether Autotask refuses these in IncludeFields too; the fake does, so no tool asks.
      throw badRequest(`IncludeFields: '${f.name}' of ${ctx.entity.name} cannot be queried (Autotask: "will return an error when queried").`);
    }
    if (f) {
      fields.add(f.name);
      continue;
    }
    const udf = findUdf(ctx.udfs, name);
    if (udf) {
      udfs.push(udf.name);
      continue;
    }
    if (name.toLowerCase() === 'id') continue;
    throw badRequest(`IncludeFields: '${name}' is not a field of ${ctx.entity.name}.`);
  }
  return { fields: [...fields], udfs };
}

export function findUdf(udfs: UdfDefinition[], name: string): UdfDefinition | undefined {
  const n = name.toLowerCase();
  return udfs.find((u) => u.name.toLowerCase() === n);
}

function compileTerm(raw: unknown, state: CompileState, where: string, inOr: boolean): Predicate {
  if (!isPlainObject(raw)) throw badRequest(`${where} must be an object like {"op":"eq","field":"id","value":1}.`);
  for (const key of Object.keys(raw)) {
    if (!FILTER_KEYS.includes(key.toLowerCase())) throw badRequest(`${where}: unknown filter property '${key}'. Allowed: op, field, value, udf, items.`);
  }
  const op = getCi(raw, 'op');
  if (typeof op !== 'string' || !ALL_OPS.includes(op)) {
    throw badRequest(
      `${where}: invalid operator ${JSON.stringify(op)}. Valid operators: ${ALL_OPS.join(', ')} (e.g. 'noteq', not 'ne').`,
    );
  }
  if ((GROUPS as readonly string[]).includes(op)) return compileGroup(raw, op as 'and' | 'or', state, where, inOr);

  const items = getCi(raw, 'items');
  if (items !== undefined && items !== null && !(Array.isArray(items) && items.length === 0)) {
    throw badRequest(`${where}: "items" is only allowed on 'and'/'or' groups.`);
  }
  if (inOr) state.orTerms += 1;
  const operand = resolveOperand(raw, state, where);
  const value = getCi(raw, 'value');

  if ((EXISTENCE as readonly string[]).includes(op)) {
    if (value !== undefined && value !== null) throw badRequest(`${where}: '${op}' takes no value.`);
    return op === 'exist' ? (r) => !isNull(operand.read(r)) : (r) => isNull(operand.read(r));
  }
  if ((LISTS as readonly string[]).includes(op)) {
    if (!Array.isArray(value) || value.length === 0) throw badRequest(`${where}: '${op}' needs a non-empty array value.`);
    // Each element of an in-list counts as one OR condition toward Autotask's 500 limit.
    state.orTerms += value.length - (inOr ? 1 : 0);
    value.forEach((v, i) => checkValue(operand, v, `${where}.value[${i}]`));
    const matches = (r: SeedRecord) => value.some((v) => compare(operand, operand.read(r), v) === 0);
    // [unverified] null never matches in/notIn (evidence query.null-never-matches).
    return op === 'in' ? matches : (r) => !isNull(operand.read(r)) && !matches(r);
  }
  if (Array.isArray(value)) throw badRequest(`${where}: '${op}' takes a single value, not an array (use 'in' for lists).`);
  if (value === undefined || value === null) throw badRequest(`${where}: '${op}' needs a value.`);
  if ((STRING_OPS as readonly string[]).includes(op)) {
    // [unverified] string operators on other fields are refused (evidence query.string-ops-strings-only).
    if (operand.kind !== 'string' && operand.kind !== 'any') throw badRequest(`${where}: '${op}' applies to string fields only; ${operand.label} is not one.`);
    if (typeof value !== 'string') throw badRequest(`${where}: '${op}' needs a string value.`);
    const needle = value.toLowerCase();
    const test = { beginsWith: (s: string) => s.startsWith(needle), endsWith: (s: string) => s.endsWith(needle), contains: (s: string) => s.includes(needle) }[
      op as (typeof STRING_OPS)[number]
    ];
    return (r) => {
      const v = operand.read(r);
      return !isNull(v) && test(String(v).toLowerCase());
    };
  }
  checkValue(operand, value, `${where}.value`);
  // [unverified] comparisons (noteq included) never match null (evidence query.null-never-matches).
  return (r) => {
    const c = compare(operand, operand.read(r), value);
    if (c === null) return false;
    switch (op) {
      case 'eq':
        return c === 0;
      case 'noteq':
        return c !== 0;
      case 'gt':
        return c > 0;
      case 'gte':
        return c >= 0;
      case 'lt':
        return c < 0;
      default:
        return c <= 0;
    }
  };
}

function compileGroup(raw: Record<string, unknown>, op: 'and' | 'or', state: CompileState, where: string, inOr: boolean): Predicate {
  const items = getCi(raw, 'items');
  if (!Array.isArray(items) || items.length === 0) throw badRequest(`${where}: '${op}' needs a non-empty "items" array.`);
  const field = getCi(raw, 'field');
  if (field !== undefined && field !== null && field !== '') throw badRequest(`${where}: '${op}' groups take "items", not "field".`);
  const children = items.map((t, i) => compileTerm(t, state, `${where}.items[${i}]`, inOr || op === 'or'));
  return op === 'and' ? (r) => children.every((c) => c(r)) : (r) => children.some((c) => c(r));
}

function resolveOperand(raw: Record<string, unknown>, state: CompileState, where: string): Operand {
  const { ctx } = state;
  const field = getCi(raw, 'field');
  if (typeof field !== 'string' || field === '') throw badRequest(`${where}: "field" is required.`);
  const udf = getCi(raw, 'udf');
  if (udf !== undefined && udf !== null && typeof udf !== 'boolean') throw badRequest(`${where}: "udf" must be true or false.`);
  if (udf === true) {
    state.udfTerms += 1;
    const def = findUdf(ctx.udfs, field);
    if (!def) {
      const known = ctx.udfs.map((u) => u.name).join(', ') || 'none';
      throw badRequest(`${where}: '${field}' is not a user-defined field of ${ctx.entity.name} (known: ${known}).`);
    }
    return { label: `UDF '${def.name}'`, kind: kindOf(`udf-${def.type}`), read: (r) => udfValue(r, def.name) };
  }
  const spec: FieldSpec | undefined = ctx.view.field(ctx.entity, field) ?? (field.toLowerCase() === 'id' ? ID_FIELD : undefined);
  if (!spec) throw badRequest(`${where}: Unable to find ${field} in the ${ctx.entity.name} entity.`);
  if (!spec.queryable) throw badRequest(`${where}: ${spec.name} is not a queryable field of ${ctx.entity.name}.`);
  return { label: spec.name, kind: kindOf(spec.type), read: (r) => r[spec.name] };
}

const ID_FIELD: FieldSpec = { name: 'id', type: 'long', required: true, readOnly: true, queryable: true };

function checkValue(operand: Operand, v: unknown, where: string): void {
  if (!fitsKind(operand.kind, v, { numbersAsStrings: true })) {
    throw badRequest(`${where}: ${operand.label} needs ${describeKind(operand.kind)}, got ${JSON.stringify(v)}.`);
  }
}

function udfValue(r: SeedRecord, name: string): unknown {
  const list = r.userDefinedFields;
  if (!Array.isArray(list)) return null;
  const n = name.toLowerCase();
  const hit = list.find((u) => isPlainObject(u) && typeof u.name === 'string' && u.name.toLowerCase() === n) as { value?: unknown } | undefined;
  return hit?.value ?? null;
}

function isNull(v: unknown): boolean {
  return v === null || v === undefined;
}

/** Three-way compare of a stored value with a filter value; null when incomparable (null stored value). */
function compare(operand: Operand, stored: unknown, wanted: unknown): number | null {
  if (isNull(stored)) return null;
  switch (operand.kind) {
    case 'int':
    case 'number': {
      const a = Number(stored);
      const b = Number(wanted);
      return Number.isNaN(a) ? null : Math.sign(a - b);
    }
    case 'datetime': {
      const a = toInstant(stored);
      const b = toInstant(wanted);
      return a === null || b === null ? null : Math.sign(a - b);
    }
    case 'boolean':
      return stored === wanted ? 0 : stored === true ? 1 : -1;
    default: {
      // [unverified] case-insensitive (evidence query.case-insensitive).
      const a = String(stored).toLowerCase();
      const b = String(wanted).toLowerCase();
      return a === b ? 0 : a < b ? -1 : 1;
    }
  }
}
