/**
 * Entity lookups for the generic layer: resolve a name the model gave (case-insensitive, with
 * suggestions), and say which operations exist and through which routes, from the offline catalogue.
 */
import { entityNames, getEntity, routesForChild } from '../../catalogue/index.js';
import type { ChildRoute, EntitySpec, FieldSpec } from '../../catalogue/types.js';
import type { AutotaskApi, FieldInfo, RequestOptions } from '../../autotask/types.js';
import { ToolInputError } from '../results.js';
import { didYouMean } from './suggest.js';

export type WriteOperation = 'create' | 'update' | 'delete';

/** Resolve an entity name (e.g. "tickets", "Ticket", "configurationitems") to its catalogue entry. */
export function resolveEntity(name: string): EntitySpec {
  const trimmed = name.trim();
  const direct = getEntity(trimmed);
  if (direct) return direct;
  // Singular forms are a common guess: Ticket -> Tickets, Company -> Companies, TimeEntry -> TimeEntries.
  for (const plural of [`${trimmed}s`, trimmed.replace(/y$/i, 'ies'), `${trimmed}es`]) {
    const hit = getEntity(plural);
    if (hit) return hit;
  }
  throw new ToolInputError(
    `"${trimmed}" is not an Autotask REST entity.${didYouMean(trimmed, entityNames())} Use list_entities to see every entity name (plural, e.g. "Tickets", "ConfigurationItems").`,
  );
}

/** Parent routes of an entity (e.g. TicketNotes -> Tickets/{id}/Notes). */
export function parentRoutes(spec: EntitySpec): ChildRoute[] {
  return spec.parentRoutes.length ? spec.parentRoutes : routesForChild(spec.name);
}

export interface Capabilities {
  canQuery: boolean;
  canGet: boolean;
  canCount: boolean;
  canCreate: boolean;
  canUpdate: boolean;
  canDelete: boolean;
}

export function capabilities(spec: EntitySpec): Capabilities {
  const routes = parentRoutes(spec);
  return {
    canQuery: spec.query,
    canGet: spec.get,
    canCount: spec.count,
    canCreate: spec.create || routes.some((r) => r.create),
    canUpdate: spec.update || routes.some((r) => r.update),
    canDelete: spec.delete || routes.some((r) => r.delete),
  };
}

const METHOD: Record<WriteOperation, string> = { create: 'POST', update: 'PATCH', delete: 'DELETE' };

/** Human-readable routes for one write operation: root first, then parent routes. */
export function writeRoutes(spec: EntitySpec, op: WriteOperation): string[] {
  const suffix = op === 'delete' ? '/{id}' : '';
  const out: string[] = [];
  if (spec[op]) out.push(`${METHOD[op]} ${spec.name}${suffix}`);
  for (const r of parentRoutes(spec)) if (r[op]) out.push(`${METHOD[op]} ${r.parent}/{parentId}/${r.segment}${suffix}`);
  return out;
}

export interface RouteChoice {
  /** Parent route to use, or undefined for the root URL. */
  route?: ChildRoute;
}

/** Refuse an operation the entity does not support at all (neither at the root nor through a parent). */
export function assertOperation(spec: EntitySpec, op: WriteOperation): void {
  if (spec[op] || parentRoutes(spec).some((r) => r[op])) return;
  const can = capabilities(spec);
  const ops = (['create', 'update', 'delete'] as const).filter((o) => can[`can${o[0].toUpperCase()}${o.slice(1)}` as keyof Capabilities]);
  throw new ToolInputError(
    `Autotask does not allow ${op} on ${spec.name}.${ops.length ? ` It allows: ${ops.join(', ')}.` : ' It is read-only through the API.'} Use describe_entity for its routes.`,
  );
}

/**
 * Pick the route for a write: the parent route when a parent id is given (or when only a parent
 * route exists), the root otherwise. Errors name the routes that do exist.
 */
export function chooseWriteRoute(spec: EntitySpec, op: WriteOperation, parentId: number | undefined, parentEntity: string | undefined): RouteChoice {
  assertOperation(spec, op);
  const viaParent = parentRoutes(spec).filter((r) => r[op]);
  if (parentId === undefined) {
    if (spec[op]) return {};
    const routes = viaParent.map((r) => `${METHOD[op]} ${r.parent}/{parentId}/${r.segment}`).join(' or ');
    throw new ToolInputError(
      `${spec.name} can only be ${op === 'create' ? 'created' : op === 'update' ? 'updated' : 'deleted'} through its parent: ${routes}. Give parentId (the id of the ${viaParent.map((r) => r.parent).join(' or ')} record)${viaParent.length > 1 ? ' and parentEntity' : ''}.`,
    );
  }
  let candidates = viaParent;
  if (parentEntity) candidates = viaParent.filter((r) => r.parent.toLowerCase() === parentEntity.trim().toLowerCase());
  if (candidates.length === 0) {
    const valid = viaParent.map((r) => r.parent);
    throw new ToolInputError(
      valid.length
        ? `${spec.name} cannot be ${op}d through ${parentEntity ?? 'a parent'}. Valid parentEntity values: ${valid.join(', ')}.`
        : `${spec.name} has no parent route for ${op}; omit parentId and parentEntity (route: ${METHOD[op]} ${spec.name}).`,
    );
  }
  if (candidates.length > 1) {
    throw new ToolInputError(`${spec.name} can be ${op}d through several parents (${candidates.map((r) => r.parent).join(', ')}). Say which one with parentEntity.`);
  }
  return { route: candidates[0] };
}

/** Map the API's field metadata to the catalogue's shape (fallback when the catalogue has no fields). */
function fromFieldInfo(f: FieldInfo): FieldSpec {
  const known = ['long', 'integer', 'short', 'double', 'decimal', 'string', 'boolean', 'datetime'];
  const type = (known.includes(f.dataType) ? f.dataType : f.dataType === 'byte[]' ? 'base64' : 'unknown') as FieldSpec['type'];
  return {
    name: f.name,
    type,
    required: f.isRequired,
    readOnly: f.isReadOnly,
    queryable: f.isQueryable,
    ...(f.isReference && f.referenceEntityType ? { reference: f.referenceEntityType } : {}),
    ...(f.isPickList ? { picklist: true } : {}),
    ...(f.length ? { length: f.length } : {}),
  };
}

/**
 * Field specs for an entity: the offline catalogue when it lists fields (so validation needs no
 * request), else the tenant's metadata.
 */
export async function fieldSpecs(api: AutotaskApi, spec: EntitySpec, opts?: RequestOptions): Promise<{ fields: FieldSpec[]; offline: boolean }> {
  if (spec.fields.length) return { fields: spec.fields, offline: true };
  const info = await api.fields(spec.name, opts);
  return { fields: info.map(fromFieldInfo), offline: false };
}

/** Whether records of this entity carry user-defined fields (so udf filters/bodies make sense). */
export function supportsUdfs(spec: EntitySpec): boolean {
  return spec.hasUserDefinedFields || spec.udfInfo;
}
