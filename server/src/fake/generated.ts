/**
 * Values Autotask generates on create/update. A small data table keyed by field name (applied
 * only where the entity has that field), not code per entity.
 */
import type { EntitySpec } from '../catalogue/types.js';
import type { SeedRecord } from './types.js';

/** Set to "now" on create. */
const CREATE_TIMESTAMPS = ['createDate', 'createDateTime', 'createdDate', 'createdDateTime', 'attachDate', 'lastActivityDate'];
/** Set to "now" on every update. */
const UPDATE_TIMESTAMPS = ['lastActivityDate', 'lastModifiedDate', 'lastModifiedDateTime', 'lastTrackedModificationDateTime', 'lastTrackedModifiedDateTime'];
/** Set to the API user's resource id on create. */
const CREATOR_FIELDS = ['creatorResourceID', 'createdByResourceID', 'attachedByResourceID'];
/** Numbered documents: `{prefix}{yyyyMMdd}.{nnnn}` with a daily sequence (e.g. T20240115.0023). */
const NUMBERED: Record<string, { field: string; prefix: string }> = {
  tickets: { field: 'ticketNumber', prefix: 'T' },
  projects: { field: 'projectNumber', prefix: 'P' },
};

export interface GenerationContext {
  entity: EntitySpec;
  now: string;
  apiUserResourceId: number | null;
  existing: SeedRecord[];
}

function has(entity: EntitySpec, field: string): boolean {
  return entity.fields.some((f) => f.name === field);
}

/** Fill generated fields of a new record (writable ones only when the caller left them unset). */
export function applyCreateDefaults(record: SeedRecord, ctx: GenerationContext): void {
  const { entity, now } = ctx;
  for (const f of CREATE_TIMESTAMPS) if (has(entity, f) && record[f] == null) record[f] = now;
  if (ctx.apiUserResourceId !== null) {
    for (const f of CREATOR_FIELDS) if (has(entity, f) && record[f] == null) record[f] = ctx.apiUserResourceId;
  }
  const key = entity.name.toLowerCase();
  const numbered = Object.hasOwn(NUMBERED, key) ? NUMBERED[key] : undefined;
  if (numbered && has(entity, numbered.field) && record[numbered.field] == null) {
    const prefix = `${numbered.prefix}${now.slice(0, 10).replace(/-/g, '')}.`;
    const taken = ctx.existing.filter((r) => typeof r[numbered.field] === 'string' && (r[numbered.field] as string).startsWith(prefix)).length;
    record[numbered.field] = `${prefix}${String(taken + 1).padStart(4, '0')}`;
  }
  applyDerived(record, entity);
}

export function applyUpdateDefaults(record: SeedRecord, entity: EntitySpec, now: string): void {
  for (const f of UPDATE_TIMESTAMPS) if (has(entity, f)) record[f] = now;
  applyDerived(record, entity);
}

/** Attachment size follows its data. */
function applyDerived(record: SeedRecord, entity: EntitySpec): void {
  if (has(entity, 'fileSize') && typeof record.data === 'string') record.fileSize = Buffer.from(record.data, 'base64').length;
}
