/**
 * Create / PATCH / PUT semantics with strict validation of the body against the catalogue and
 * the seed (picklists, UDF names, referenced records). Failures are HTTP 500 with errors[], as
 * Autotask answers business-rule errors. [unverified] exact message texts.
 */
import type { ChildRoute, EntitySpec, FieldSpec } from '../catalogue/types.js';
import type { CatalogueView } from './catalogue-view.js';
import type { Store } from './store.js';
import type { SeedRecord, TenantSeed } from './types.js';
import { writeError } from './errors.js';
import { applyCreateDefaults, applyUpdateDefaults } from './generated.js';
import { applyWriteRules } from './write-rules.js';
import { findUdf } from './query.js';
import { describeKind, fitsKind, isPlainObject, kindOf } from './values.js';
import { checkTimeEntryMidnight } from './time-entries.js';

export type WriteMode = 'create' | 'patch' | 'put';

export interface WriteContext {
  view: CatalogueView;
  store: Store;
  seed: TenantSeed;
  now: () => string;
}

/** The parent of a child-route write: the FK field is forced to the URL's parent id. */
export interface ParentBinding {
  route: ChildRoute;
  parentId: number;
  field: FieldSpec | null;
  /** The parent record itself (rules may depend on it, e.g. an expense report's status). */
  record?: SeedRecord;
}

const NO_RECORD = 'No matching records found. The logged in Resource may not have the required permissions to update the data.';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Stored records by entity name, for write rules. */
function finder(ctx: WriteContext): (entity: string, id: number) => SeedRecord | undefined {
  return (name, id) => {
    const spec = ctx.view.entity(name);
    return spec ? ctx.store.get(spec, id) : undefined;
  };
}

export function createRecord(ctx: WriteContext, entity: EntitySpec, body: unknown, parent?: ParentBinding): number {
  const values = validateBody(ctx, entity, body, 'create', undefined, parent);
  applyWriteRules(entity.name, values, { seed: ctx.seed, mode: 'create', parent: parent?.record, find: finder(ctx) });
  checkTimeEntryMidnight(ctx.seed, entity, values);
  const id = ctx.store.nextId(entity);
  const record: SeedRecord = { ...values, id };
  // Attachments also carry the parent in a read-only parentID.
  if (parent && parent.field?.name !== 'parentID' && ctx.view.field(entity, 'parentID')) record.parentID = parent.parentId;
  applyCreateDefaults(record, {
    entity,
    now: ctx.now(),
    apiUserResourceId: ctx.seed.apiUserResourceId ?? null,
    existing: ctx.store.list(entity),
  });
  ctx.store.insert(entity, record);
  return id;
}

export function updateRecord(ctx: WriteContext, entity: EntitySpec, body: unknown, mode: 'patch' | 'put', parent?: ParentBinding): number {
  if (!isPlainObject(body)) throw writeError('The request body must be a JSON object with the id of the record to update.');
  const id = body.id ?? body.Id ?? body.ID;
  if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0) throw writeError(`An update needs the integer "id" of an existing ${entity.name} record in the body.`);
  const existing = ctx.store.get(entity, id);
  if (!existing || (parent?.field && existing[parent.field.name] !== parent.parentId)) throw writeError(NO_RECORD);
  const values = validateBody(ctx, entity, body, mode, existing, parent);
  const next: SeedRecord = { ...existing };
  checkTimeEntryMidnight(ctx.seed, entity, mode === 'put' ? values : { ...existing, ...values });
  if (mode === 'put') {
    // PUT replaces: writable fields absent from the body become null.
    for (const f of entity.fields) if (!f.readOnly && f.name !== 'id' && !(f.name in values)) next[f.name] = null;
    if (!('userDefinedFields' in values) && 'userDefinedFields' in existing) next.userDefinedFields = [];
  }
  Object.assign(next, values);
  applyWriteRules(entity.name, next, { seed: ctx.seed, mode, parent: parent?.record, find: finder(ctx) });
  Object.assign(existing, next);
  applyUpdateDefaults(existing, entity, ctx.now());
  return id;
}

function validateBody(
  ctx: WriteContext,
  entity: EntitySpec,
  body: unknown,
  mode: WriteMode,
  existing: SeedRecord | undefined,
  parent: ParentBinding | undefined,
): Record<string, unknown> {
  if (!isPlainObject(body)) throw writeError(`The request body must be a JSON object with the fields of the ${entity.name} record.`);
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key.toLowerCase() === 'id') continue;
    if (key.toLowerCase() === 'userdefinedfields') {
      values.userDefinedFields = mergeUdfs(ctx, entity, value, mode === 'patch' ? existing : undefined);
      continue;
    }
    const field = ctx.view.field(entity, key);
    // [unverified] Autotask's text for unknown properties (evidence writes.unknown-field-refused).
    if (!field) throw writeError(`Unable to find field '${key}' on entity ${entity.name}.`);
    // Autotask ignores read-only fields in write bodies. The catalogue's readOnly partly comes from
    // SOAP's "not writable on update" flag, so required read-only fields (Projects.companyID) are
    // create-only fields.
    if (field.readOnly && !(mode === 'create' && field.required)) continue;
    if (value === null) {
      values[field.name] = null;
      continue;
    }
    checkFieldValue(ctx, entity, field, value);
    values[field.name] = value;
  }
  if (parent?.field) {
    const given = values[parent.field.name];
    // [unverified] whether Autotask rejects a body FK that contradicts the parent URL: the fake does
    // (evidence writes.parent-fk-contradiction).
    if (given !== undefined && given !== null && given !== parent.parentId) {
      throw writeError(`${parent.field.name} ${JSON.stringify(given)} contradicts the parent ${parent.route.parent} id ${parent.parentId} in the URL.`);
    }
    if (mode !== 'patch' || given !== undefined) values[parent.field.name] = parent.parentId;
  }
  checkRequired(entity, mode === 'put' && existing ? { ...createOnly(entity, existing), ...values } : values, mode);
  return values;
}

function checkFieldValue(ctx: WriteContext, entity: EntitySpec, field: FieldSpec, value: unknown): void {
  const kind = kindOf(field.type);
  if (!fitsKind(kind, value)) {
    // Mirrors Json.NET's failure when e.g. `true` is sent for the int Contacts.isActive.
    throw writeError(`Invalid value for ${entity.name}.${field.name}: expected ${describeKind(kind)}, got ${JSON.stringify(value)}.`);
  }
  if (field.type === 'base64' && (typeof value !== 'string' || !BASE64.test(value))) {
    throw writeError(`${entity.name}.${field.name} must be base64-encoded data.`);
  }
  if (typeof value === 'string' && field.length && field.length > 0 && field.type === 'string' && value.length > field.length) {
    throw writeError(`${entity.name}.${field.name} is limited to ${field.length} characters (got ${value.length}).`);
  }
  const picklist = seedPicklist(ctx.seed, entity.name, field.name);
  if (picklist && !picklist.some((p) => p.value === String(value))) {
    const allowed = picklist.map((p) => `${p.value}=${p.label}`).join(', ');
    throw writeError(`Invalid picklist value ${JSON.stringify(value)} for ${entity.name}.${field.name}. Valid values: ${allowed}.`);
  }
  if (field.reference) {
    const target = ctx.view.referencedEntity(field.reference);
    // References are enforced only where the tenant holds records of the target entity.
    if (target && ctx.store.hasRecords(target) && (typeof value !== 'number' || !ctx.store.get(target, value))) {
      throw writeError(`Value does not reference an existing entity for ${field.name}: no ${field.reference} with id ${JSON.stringify(value)}.`);
    }
  }
}

/** Required read-only fields of a stored record: a PUT cannot change them, so they stay. */
function createOnly(entity: EntitySpec, existing: SeedRecord): Record<string, unknown> {
  return Object.fromEntries(entity.fields.filter((f) => f.readOnly && f.required).map((f) => [f.name, existing[f.name]]));
}

function checkRequired(entity: EntitySpec, values: Record<string, unknown>, mode: WriteMode): void {
  const required = entity.fields.filter((f) => f.required && f.name !== 'id');
  const missing =
    mode === 'patch'
      ? required.filter((f) => f.name in values && values[f.name] === null)
      : required.filter((f) => values[f.name] === undefined || values[f.name] === null);
  if (missing.length > 0) {
    throw writeError(`Missing required field(s) on ${entity.name}: ${missing.map((f) => f.name).join(', ')}.`);
  }
}

/** UDFs travel as [{name, value}] with string values; PATCH merges by name. */
function mergeUdfs(ctx: WriteContext, entity: EntitySpec, raw: unknown, existing: SeedRecord | undefined): Array<{ name: string; value: string | null }> {
  if (!Array.isArray(raw)) throw writeError('userDefinedFields must be an array of {"name": ..., "value": ...}.');
  const defs = ctx.store.udfs(entity);
  const merged = new Map<string, { name: string; value: string | null }>();
  if (existing && Array.isArray(existing.userDefinedFields)) {
    for (const u of existing.userDefinedFields as Array<{ name: string; value: string | null }>) merged.set(u.name.toLowerCase(), { ...u });
  }
  for (const item of raw) {
    if (!isPlainObject(item) || typeof item.name !== 'string') throw writeError('Each userDefinedFields element needs a string "name".');
    const def = findUdf(defs, item.name);
    if (!def) throw writeError(`'${item.name}' is not a user-defined field of ${entity.name}.`);
    const v = item.value;
    if (v !== null && v !== undefined && typeof v !== 'string' && typeof v !== 'number') throw writeError(`UDF '${def.name}' needs a string value.`);
    const value = v === null || v === undefined ? null : String(v);
    if (value !== null && def.isPickList && def.picklistValues && !def.picklistValues.some((p) => p.value === value)) {
      throw writeError(`Invalid picklist value '${value}' for UDF '${def.name}'.`);
    }
    merged.set(def.name.toLowerCase(), { name: def.name, value });
  }
  return [...merged.values()];
}

export function seedPicklist(seed: TenantSeed, entity: string, field: string) {
  const byEntity = Object.entries(seed.picklists).find(([k]) => k.toLowerCase() === entity.toLowerCase())?.[1];
  if (!byEntity) return undefined;
  return Object.entries(byEntity).find(([k]) => k.toLowerCase() === field.toLowerCase())?.[1];
}
