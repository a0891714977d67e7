/**
 * The Autotask REST entity catalogue: which entities exist, which operations each root URL and
 * each parent/child URL supports, and the fields of each entity. It is data (entities.json,
 * generated from ../shared/reference/autotask-rest-api.md by scripts/gen-catalogue.ts) so the
 * fake server, the client's route resolution and the generic query tools all read one source.
 */
export type FieldType =
  | 'long'
  | 'integer'
  | 'short'
  | 'double'
  | 'decimal'
  | 'string'
  | 'boolean'
  | 'datetime'
  | 'base64'
  | 'object'
  | 'unknown';

export interface FieldSpec {
  /** camelCase wire name, as it appears in entity JSON. */
  name: string;
  type: FieldType;
  required: boolean;
  readOnly: boolean;
  /** False when a filter on the field is refused. */
  queryable: boolean;
  /**
   * Set (to the source) when Autotask documents that the field "will return an error when
   * queried". Such fields are kept out of filters and out of IncludeFields as well.
   */
  queryError?: string;
  /** Singular Autotask entity type referenced by a foreign key ("Company"), when known. */
  reference?: string;
  /** True when the field's values come from a picklist (labels live in the tenant's metadata). */
  picklist?: boolean;
  /** Maximum string length when known. */
  length?: number;
}

export interface ChildRoute {
  /** Parent root entity, e.g. "Tickets". */
  parent: string;
  /** URL segment under the parent, e.g. "Notes" in /Tickets/{id}/Notes. */
  segment: string;
  /** Root entity name of the child, e.g. "TicketNotes". */
  child: string;
  list: boolean;
  get: boolean;
  create: boolean;
  update: boolean;
  delete: boolean;
  entityInformation: boolean;
}

export interface EntitySpec {
  /** Root URL segment, e.g. "Tickets". */
  name: string;
  /** Operations on the root URL. */
  get: boolean;
  query: boolean;
  count: boolean;
  create: boolean;
  update: boolean;
  delete: boolean;
  /** /entityInformation/userDefinedFields route present. */
  udfInfo: boolean;
  /** Whether records carry userDefinedFields (known true for core entities). */
  hasUserDefinedFields: boolean;
  fields: FieldSpec[];
  /** Child routes where this entity is the child (create/update through a parent URL). */
  parentRoutes: ChildRoute[];
}

export interface Catalogue {
  generatedFrom: string;
  entities: Record<string, EntitySpec>;
  childRoutes: ChildRoute[];
}
