/**
 * What attachment entities do differently from other entities (each behaviour has a row in
 * evidence/attachments.ts): the bytes come only from the root GET by id, which answers with an
 * items array, a missing attachment there is an HTTP 500, and a query must name the parent by its
 * entity id (ticketID...), which then also matches the attachments of that parent's notes and
 * time entries and wins over a parentID condition.
 */
import type { EntitySpec } from '../catalogue/types.js';
import type { Store } from './store.js';
import type { CatalogueView } from './catalogue-view.js';
import type { SeedRecord } from './types.js';
import { writeError } from './errors.js';
import { parseQueryModel, type Predicate, type QueryContext } from './query.js';
import { getCi, isPlainObject } from './values.js';

/** Autotask's text for a GET by id of an attachment that does not exist (sandbox log). */
export const ATTACHMENT_NOT_FOUND = 'Attachment could not be found.';

/** TicketAttachments, ProjectAttachments, ... : the root entities that carry base64 `data`. */
export function isAttachmentEntity(entity: EntitySpec): boolean {
  return /Attachments$/.test(entity.name) && entity.fields.some((f) => f.name === 'data');
}

/** GET {X}Attachments/{id}: `{items:[record with data]}`, or 500 when there is none. */
export function attachmentRootGet(store: Store, entity: EntitySpec, id: number): { items: Array<Record<string, unknown>> } {
  const record = store.get(entity, id);
  if (!record) throw writeError(ATTACHMENT_NOT_FOUND);
  return { items: [store.toWire(entity, record, { withData: true })] };
}

/**
 * The entity id a query of the attachment root must name, and the child records whose attachments
 * a query on it also returns (their own record holds the same id field). Only the roots our tools
 * query are modelled; company notes are not listed because no page says a companyID query returns them.
 */
interface Scope {
  idField: string;
  via: Array<{ field: string; entity: string }>;
}
const SCOPES: Record<string, Scope> = {
  TicketAttachments: { idField: 'ticketID', via: [{ field: 'ticketNoteID', entity: 'TicketNotes' }, { field: 'timeEntryID', entity: 'TimeEntries' }] },
  ProjectAttachments: { idField: 'projectID', via: [{ field: 'projectNoteID', entity: 'ProjectNotes' }] },
  CompanyAttachments: { idField: 'companyID', via: [] },
};

/** The entity id field a query of this attachment root must name (ticketID...), if the fake models one. */
export function attachmentIdField(entityName: string): string | undefined {
  return Object.hasOwn(SCOPES, entityName) ? SCOPES[entityName].idField : undefined;
}

const names = (term: unknown, field: string): boolean => isPlainObject(term) && String(getCi(term, 'field') ?? '').toLowerCase() === field.toLowerCase() && !getCi(term, 'udf');

/**
 * For a scoped attachment root, the predicate its query really applies (null for other entities):
 * refuses a filter without the entity id, drops top-level parentID terms when it is there, and
 * matches a record by its own id field or, when that is empty, by its note's / time entry's.
 */
export function scopedAttachmentPredicate(view: CatalogueView, store: Store, ctx: QueryContext, model: unknown): Predicate | null {
  const scope = Object.hasOwn(SCOPES, ctx.entity.name) ? SCOPES[ctx.entity.name] : undefined;
  if (!scope || !isPlainObject(model)) return null;
  const key = Object.keys(model).find((k) => k.toLowerCase() === 'filter');
  const filter = key ? model[key] : undefined;
  if (!Array.isArray(filter)) return null;
  if (!filter.some((t) => names(t, scope.idField))) {
    // [unverified] the status and text of this refusal.
    throw writeError(`A ${ctx.entity.name} query needs a condition on ${scope.idField}.`);
  }
  const narrowed = parseQueryModel({ ...model, [key!]: filter.filter((t) => !names(t, 'parentID')) }, ctx).predicate;
  const effective = (r: SeedRecord): SeedRecord => {
    if (r[scope.idField] !== null && r[scope.idField] !== undefined) return r;
    for (const v of scope.via) {
      const parent = typeof r[v.field] === 'number' ? store.get(view.entity(v.entity)!, r[v.field] as number) : undefined;
      if (parent && parent[scope.idField] !== null && parent[scope.idField] !== undefined) return { ...r, [scope.idField]: parent[scope.idField] };
    }
    return r;
  };
  return (r) => narrowed(effective(r));
}
