/**
 * The contract of the Autotask REST client (implemented in ./client.ts). Tools and the HTTP
 * layer depend on this interface only.
 */
import type { BudgetEstimate } from './budget.js';

/** Autotask filter operators (camelCase, exactly as Autotask spells them). `ne` is NOT one. */
export const COMPARISON_OPS = ['eq', 'noteq', 'gt', 'gte', 'lt', 'lte', 'beginsWith', 'endsWith', 'contains'] as const;
export const EXISTENCE_OPS = ['exist', 'notExist'] as const;
export const LIST_OPS = ['in', 'notIn'] as const;
export const GROUP_OPS = ['and', 'or'] as const;
export type FilterOp =
  | (typeof COMPARISON_OPS)[number]
  | (typeof EXISTENCE_OPS)[number]
  | (typeof LIST_OPS)[number]
  | (typeof GROUP_OPS)[number];

export type FilterValue = string | number | boolean | Array<string | number>;

export interface FilterExpression {
  op: FilterOp;
  field?: string;
  value?: FilterValue;
  udf?: boolean;
  items?: FilterExpression[];
}

export interface QueryRequest {
  filter: FilterExpression[];
  /** Fields to return (id is always returned). */
  includeFields?: string[];
  /** Page size, 1..500 (Autotask's hard limit). */
  maxRecords?: number;
}

export type AutotaskRecord = Record<string, unknown> & { id: number };

export interface QueryPage {
  items: AutotaskRecord[];
  /** Autotask's nextPageUrl, or null on the last page. */
  nextPageUrl: string | null;
}

export interface QueryAllResult {
  items: AutotaskRecord[];
  /** True when the record cap stopped the walk before Autotask ran out of pages. */
  truncated: boolean;
}

export interface ParentRef {
  /** Parent root entity, e.g. "Tickets". */
  entity: string;
  id: number;
}

export interface EntityInfo {
  name: string;
  canCreate: boolean;
  canDelete: boolean;
  canQuery: boolean;
  canUpdate: boolean;
  userAccessForCreate: string;
  userAccessForDelete: string;
  userAccessForQuery: string;
  userAccessForUpdate: string;
  hasUserDefinedFields: boolean;
  supportsWebhookCallouts: boolean;
}

export interface PicklistValue {
  value: string;
  label: string;
  isDefaultValue: boolean;
  sortOrder: number;
  parentValue: string;
  isActive: boolean;
  isSystem: boolean;
}

/** One element of /entityInformation/fields, field names normalised to camelCase wire names. */
export interface FieldInfo {
  name: string;
  dataType: string;
  length: number;
  isRequired: boolean;
  isReadOnly: boolean;
  isQueryable: boolean;
  isReference: boolean;
  referenceEntityType: string;
  isPickList: boolean;
  picklistValues: PicklistValue[] | null;
  picklistParentValueField: string;
  isSupportedWebhookField: boolean;
}

export interface UdfInfo {
  name: string;
  label: string;
  type: string;
  length: number;
  description: string | null;
  isRequired: boolean;
  isReadOnly: boolean;
  isQueryable: boolean;
  isPickList: boolean;
  picklistValues: PicklistValue[] | null;
}

export interface ThresholdInfo {
  externalRequestThreshold: number;
  requestThresholdTimeframe: number;
  currentTimeframeRequestCount: number;
}

export interface ZoneInfo {
  zoneName: string;
  url: string;
  webUrl: string;
  ci: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface WriteOptions extends RequestOptions {
  /** Send ImpersonationResourceId: the write is made on behalf of this Autotask resource. */
  impersonate?: number;
}

export interface QueryAllOptions extends RequestOptions {
  /** Called after each page with the number of records read so far (progress notifications). */
  onPage?(records: number): void;
}

export interface AutotaskApi {
  /** Zone (REST base) for the configured user; detected once and cached unless pinned. */
  zone(opts?: RequestOptions): Promise<ZoneInfo>;
  /** GET {Entity}/{id}; null when Autotask has no such record. */
  get(entity: string, id: number, opts?: RequestOptions): Promise<AutotaskRecord | null>;
  /** GET {Parent}/{pid}/{Child}/{id} (attachment children come without their data: the root GET has it). */
  getChild(parent: ParentRef, childSegment: string, id: number, opts?: RequestOptions): Promise<AutotaskRecord | null>;
  /** One page of POST {Entity}/query. */
  query(entity: string, q: QueryRequest, opts?: RequestOptions): Promise<QueryPage>;
  /** Follow a nextPageUrl returned by query (POSTs the same body, as Autotask requires). */
  queryNext(entity: string, nextPageUrl: string, q: QueryRequest, opts?: RequestOptions): Promise<QueryPage>;
  /** Walk pages until exhausted or `cap` records collected. */
  queryAll(entity: string, q: QueryRequest, cap: number, opts?: QueryAllOptions): Promise<QueryAllResult>;
  /** POST {Entity}/query/count. */
  count(entity: string, filter: QueryRequest['filter'], opts?: RequestOptions): Promise<number>;
  /** Create; routed through the parent URL when the catalogue says the entity needs one. Never retried. */
  create(entity: string, body: Record<string, unknown>, parent?: ParentRef, opts?: WriteOptions): Promise<number>;
  /** PATCH (partial update); body must carry id. Never retried. */
  update(entity: string, body: Record<string, unknown> & { id: number }, parent?: ParentRef, opts?: WriteOptions): Promise<number>;
  /** DELETE. Never retried. */
  delete(entity: string, id: number, parent?: ParentRef, opts?: RequestOptions): Promise<number>;
  /** Cached metadata (TTL, single-flight). */
  entityInformation(entity: string, opts?: RequestOptions): Promise<EntityInfo>;
  fields(entity: string, opts?: RequestOptions): Promise<FieldInfo[]>;
  userDefinedFields(entity: string, opts?: RequestOptions): Promise<UdfInfo[]>;
  /** Picklist of one field as value -> label (from cached fields). */
  picklist(entity: string, field: string, opts?: RequestOptions): Promise<PicklistValue[]>;
  threshold(opts?: RequestOptions): Promise<ThresholdInfo>;
  /**
   * The exact HTTP request a write would send (method and path below the REST base, e.g.
   * "POST Tickets/123/Notes"), resolved from the catalogue. Pure: sends nothing. Throws an
   * AutotaskError('validation') when the entity does not support the operation or needs a parent.
   */
  writeRoute(operation: 'create' | 'update' | 'delete', entity: string, parent?: ParentRef, id?: number): { method: string; path: string };
  version(opts?: RequestOptions): Promise<Record<string, unknown>>;
  /**
   * The budget governor's estimate of the hourly request budget (ThresholdInformation plus the
   * requests sent since), reading ThresholdInformation first when due; null before any reading.
   */
  budgetStatus?(opts?: { maxWaitMs?: number }): Promise<BudgetEstimate | null>;
}
