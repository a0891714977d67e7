/**
 * Entity metadata: parsing of entityInformation, /fields and /userDefinedFields (tolerant of the
 * PascalCase names real tenants have returned) and a per-entity TTL cache with single-flight
 * loading, so ten concurrent tool calls cost Autotask one request.
 */
import { getEntity } from '../catalogue/index.js';
import { SingleFlightCache } from './cache.js';
import { ShapeError } from './error-map.js';
import { isObj, pick, type Obj } from './responses.js';
import type { EntityInfo, FieldInfo, PicklistValue, UdfInfo } from './types.js';

const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : d);
const num = (v: unknown, d = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : d);
const bool = (v: unknown): boolean => v === true || v === 'true' || v === 1;

/**
 * camelCase wire name of a field name that may come back PascalCase ("AssignedToResourceID",
 * "GLCode", "MSRP"). The catalogue's spelling wins; otherwise a leading acronym is lower-cased
 * whole ("GLCode" -> "glCode", "RMMDeviceID" -> "rmmDeviceID"), else just the first letter.
 */
export function toWireFieldName(name: string, entity?: string): string {
  if (name === '') return name;
  const spec = entity ? getEntity(entity) : undefined;
  const known = spec?.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
  if (known) return known.name;
  if (/^[a-z]/.test(name)) return name;
  const lead = /^[A-Z]+/.exec(name)?.[0] ?? '';
  if (lead.length === name.length) return name.toLowerCase();
  if (lead.length >= 2 && /[a-z]/.test(name[lead.length] ?? '')) {
    // "GLCode": the last capital starts the next word.
    return lead.slice(0, -1).toLowerCase() + name.slice(lead.length - 1);
  }
  if (lead.length >= 2) return lead.toLowerCase() + name.slice(lead.length);
  return name[0].toLowerCase() + name.slice(1);
}

function parsePicklistValues(raw: unknown): PicklistValue[] | null {
  if (!Array.isArray(raw)) return null;
  return raw.filter(isObj).map((v) => ({
    value: str(pick(v, 'value')),
    label: str(pick(v, 'label')),
    isDefaultValue: bool(pick(v, 'isDefaultValue')),
    sortOrder: num(pick(v, 'sortOrder')),
    parentValue: str(pick(v, 'parentValue')),
    isActive: pick(v, 'isActive') === undefined ? true : bool(pick(v, 'isActive')),
    isSystem: bool(pick(v, 'isSystem')),
  }));
}

function fieldList(body: unknown, what: string): Obj[] {
  const list = isObj(body) ? pick(body, 'fields') : undefined;
  if (!Array.isArray(list)) throw new ShapeError(`a ${what} body without a "fields" array`);
  const items = list.filter(isObj);
  if (items.some((f) => typeof pick(f, 'name') !== 'string')) throw new ShapeError(`a ${what} entry without a name`);
  return items;
}

export function parseFields(body: unknown, entity: string): FieldInfo[] {
  return fieldList(body, 'fields').map((f) => {
    const picklistValues = parsePicklistValues(pick(f, 'picklistValues'));
    return {
      name: toWireFieldName(str(pick(f, 'name')), entity),
      dataType: str(pick(f, 'dataType')),
      length: num(pick(f, 'length')),
      isRequired: bool(pick(f, 'isRequired')),
      isReadOnly: bool(pick(f, 'isReadOnly')),
      isQueryable: bool(pick(f, 'isQueryable')),
      isReference: bool(pick(f, 'isReference')),
      referenceEntityType: str(pick(f, 'referenceEntityType')),
      isPickList: bool(pick(f, 'isPickList')) || (picklistValues !== null && picklistValues.length > 0),
      picklistValues,
      picklistParentValueField: toWireFieldName(str(pick(f, 'picklistParentValueField')), entity),
      isSupportedWebhookField: bool(pick(f, 'isSupportedWebhookField')),
    };
  });
}

/** UDF names are user-chosen labels ("Customer Ranking"): kept verbatim. */
export function parseUdfs(body: unknown): UdfInfo[] {
  return fieldList(body, 'userDefinedFields').map((f) => {
    const picklistValues = parsePicklistValues(pick(f, 'picklistValues'));
    const description = pick(f, 'description');
    return {
      name: str(pick(f, 'name')),
      label: str(pick(f, 'label')),
      type: str(pick(f, 'type') ?? pick(f, 'dataType')),
      length: num(pick(f, 'length')),
      description: typeof description === 'string' ? description : null,
      isRequired: bool(pick(f, 'isRequired')),
      isReadOnly: bool(pick(f, 'isReadOnly')),
      isQueryable: pick(f, 'isQueryable') === undefined ? true : bool(pick(f, 'isQueryable')),
      isPickList: bool(pick(f, 'isPickList')) || (picklistValues !== null && picklistValues.length > 0),
      picklistValues,
    };
  });
}

export function parseEntityInfo(body: unknown, entity: string): EntityInfo {
  const info = isObj(body) ? pick(body, 'info') : undefined;
  if (!isObj(info)) throw new ShapeError('an entityInformation body without "info"');
  return {
    name: str(pick(info, 'name'), entity),
    canCreate: bool(pick(info, 'canCreate')),
    canDelete: bool(pick(info, 'canDelete')),
    canQuery: bool(pick(info, 'canQuery')),
    canUpdate: bool(pick(info, 'canUpdate')),
    userAccessForCreate: str(pick(info, 'userAccessForCreate')),
    userAccessForDelete: str(pick(info, 'userAccessForDelete')),
    userAccessForQuery: str(pick(info, 'userAccessForQuery')),
    userAccessForUpdate: str(pick(info, 'userAccessForUpdate')),
    hasUserDefinedFields: bool(pick(info, 'hasUserDefinedFields')),
    supportsWebhookCallouts: bool(pick(info, 'supportsWebhookCallouts')),
  };
}

/**
 * GET a path below V1.0/ as a read (retried, limited) and parse the JSON body with `parse`
 * (a ShapeError from it becomes a protocol error naming the request).
 */
export type MetadataFetch = <T>(path: string, parse: (body: unknown) => T) => Promise<T>;

/** Per-entity metadata with TTL and single-flight. Keys are case-insensitive entity names. */
export class MetadataCache {
  private readonly info: SingleFlightCache<EntityInfo>;
  private readonly fieldCache: SingleFlightCache<FieldInfo[]>;
  private readonly udfCache: SingleFlightCache<UdfInfo[]>;

  constructor(
    private readonly fetch: MetadataFetch,
    ttlMs: number,
    now: () => number = Date.now,
  ) {
    this.info = new SingleFlightCache(ttlMs, now);
    this.fieldCache = new SingleFlightCache(ttlMs, now);
    this.udfCache = new SingleFlightCache(ttlMs, now);
  }

  /** `entity` must already be canonical (see routes.canonicalEntity). */
  entityInformation(entity: string, signal?: AbortSignal): Promise<EntityInfo> {
    return this.info.get(entity.toLowerCase(), () => this.fetch(`${entity}/entityInformation`, (b) => parseEntityInfo(b, entity)), signal);
  }

  fields(entity: string, signal?: AbortSignal): Promise<FieldInfo[]> {
    return this.fieldCache.get(entity.toLowerCase(), () => this.fetch(`${entity}/entityInformation/fields`, (b) => parseFields(b, entity)), signal);
  }

  userDefinedFields(entity: string, signal?: AbortSignal): Promise<UdfInfo[]> {
    return this.udfCache.get(entity.toLowerCase(), () => this.fetch(`${entity}/entityInformation/userDefinedFields`, parseUdfs), signal);
  }
}
