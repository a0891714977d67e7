/**
 * Executes a resolved route: the operations each root and child URL supports per the catalogue,
 * with 405 for verbs the URL exists for but does not allow.
 */
import type { ChildRoute, EntitySpec } from '../catalogue/types.js';
import type { CatalogueView } from './catalogue-view.js';
import type { Store } from './store.js';
import type { SeedRecord, TenantSeed } from './types.js';
import type { MetaKind, Route } from './routes.js';
import { badRequest, methodNotAllowed, notFound, writeError } from './errors.js';
import { attachmentRootGet, isAttachmentEntity, scopedAttachmentPredicate } from './attachments.js';
import { entityFields, entityInformation, userDefinedFields } from './metadata.js';
import { buildNextPageUrl, parsePagingToken, slicePage } from './paging.js';
import { MAX_PAGE_SIZE, parseQueryModel } from './query.js';
import { checkEntityQuery } from './query-rules.js';
import { createRecord, updateRecord, type ParentBinding, type WriteContext } from './writes.js';

export interface RestRequest {
  method: string;
  route: Route;
  query: Record<string, string>;
  /** Parsed JSON body; undefined when the request had none. */
  body: unknown;
  /** The resource a write is made on behalf of (ImpersonationResourceId, checked by ./impersonation.ts). */
  impersonate?: number;
}

export interface RestResponse {
  status: number;
  body: unknown;
}

export interface RestDeps {
  view: CatalogueView;
  store: Store;
  seed: TenantSeed;
  restBase: () => string;
  fieldNameCase: 'camel' | 'pascal';
  resultOrder: 'ascending' | 'descending';
  /** The request budget ThresholdInformation reports: its limit and the requests counted in it. */
  usage: () => { limit: number; count: number };
  now: () => string;
}

const DELETE_MISSING = 'No message. No matching records found. The logged in Resource may not have the required permissions to delete the data.';

export class RestApi {
  private readonly deps: RestDeps;
  private readonly writes: WriteContext;

  constructor(deps: RestDeps) {
    this.deps = deps;
    this.writes = { view: deps.view, store: deps.store, seed: deps.seed, now: deps.now, actor: null };
  }

  handle(req: RestRequest): RestResponse {
    // Synchronous from here on: the actor holds for exactly this request.
    this.writes.actor = req.impersonate ?? null;
    try {
      return this.dispatch(req);
    } finally {
      this.writes.actor = null;
    }
  }

  private dispatch(req: RestRequest): RestResponse {
    const { route, method } = req;
    switch (route.kind) {
      case 'threshold':
        onlyGet(method, 'ThresholdInformation');
        // Evidence limits.threshold-information ([unverified] whether this request counts itself).
        return ok(threshold(this.deps.usage()));
      case 'version':
        onlyGet(method, 'Version');
        // [unverified] field names and values (evidence limits.version-shape).
        return ok({ majorVersion: '2025', minorVersion: '1', build: '0.0', customerType: 'Production' });
      case 'allEntityInformation':
        onlyGet(method, 'EntityInformation');
        return ok({ entityDescriptions: this.deps.view.entities().map((e) => entityInformation(this.deps.view, this.deps.store, e)) });
      case 'collection':
        return this.collection(method, route.entity, req.body);
      case 'item':
        return this.item(method, route.entity, route.id);
      case 'query':
        return this.query(req, route.entity, route.variant);
      case 'meta':
        onlyGet(method, 'entityInformation');
        return ok(this.meta(route.entity, route.what));
      case 'childMeta':
        onlyGet(method, 'entityInformation');
        this.requireParent(route.parent, route.parentId);
        return ok(this.meta(route.child, route.what));
      case 'child':
        return this.child(method, route, req.body);
    }
  }

  private collection(method: string, entity: EntitySpec, body: unknown): RestResponse {
    if (method === 'GET') throw methodNotAllowed(method, `${entity.name} has no list endpoint; use POST ${entity.name}/query`);
    if (method === 'POST') {
      if (!entity.create) throw methodNotAllowed(method, `${entity.name} cannot be created here${this.viaParentHint(entity, 'create')}`);
      return ok({ itemId: createRecord(this.writes, entity, requireBody(body), undefined) });
    }
    if (method === 'PATCH' || method === 'PUT') {
      if (!entity.update) throw methodNotAllowed(method, `${entity.name} cannot be updated here${this.viaParentHint(entity, 'update')}`);
      return ok({ itemId: updateRecord(this.writes, entity, requireBody(body), method === 'PATCH' ? 'patch' : 'put') });
    }
    throw methodNotAllowed(method, entity.name);
  }

  private item(method: string, entity: EntitySpec, id: number): RestResponse {
    if (method === 'GET') {
      if (!entity.get) throw methodNotAllowed(method, `${entity.name} does not support get by id`);
      if (isAttachmentEntity(entity)) return ok(attachmentRootGet(this.deps.store, entity, id));
      const record = this.deps.store.get(entity, id);
      return ok({ item: record ? this.deps.store.toWire(entity, record) : null });
    }
    if (method === 'DELETE') {
      if (!entity.delete) throw methodNotAllowed(method, `${entity.name} records cannot be deleted${this.viaParentHint(entity, 'delete')}`);
      if (!this.deps.store.remove(entity, id)) throw writeError(DELETE_MISSING);
      return ok({ itemId: id });
    }
    if (method === 'PATCH' || method === 'PUT') throw methodNotAllowed(method, `updates go to ${entity.name} with the id in the body, not ${entity.name}/{id}`);
    throw methodNotAllowed(method, `${entity.name}/{id}`);
  }

  private query(req: RestRequest, entity: EntitySpec, variant: 'query' | 'count' | 'next'): RestResponse {
    const { method } = req;
    const allowed = variant === 'count' ? entity.count : entity.query;
    if (!allowed) throw methodNotAllowed(method, `${entity.name} does not support ${variant === 'count' ? 'query/count' : 'query'}`);
    if (method !== 'GET' && method !== 'POST') throw methodNotAllowed(method, `${entity.name}/query`);

    let model: unknown;
    const search = Object.hasOwn(req.query, 'search') ? req.query.search : undefined;
    if (method === 'GET') {
      if (search === undefined) {
        if (variant === 'next') throw methodNotAllowed(method, 'a POST query continues with POST and the same body');
        throw badRequest('GET queries need a search parameter holding the query JSON (or POST the query body).');
      }
      model = parseJson(search, 'search parameter');
    } else {
      if (req.body === undefined && variant === 'next') {
        throw writeError("Value cannot be null.\r\nParameter name: queryModel");
      }
      model = req.body;
    }

    const ctx = { view: this.deps.view, entity, udfs: this.deps.store.udfs(entity) };
    const parsed = parseQueryModel(model, ctx);
    checkEntityQuery(entity, model);
    const found = this.deps.store.list(entity).filter(scopedAttachmentPredicate(this.deps.view, this.deps.store, ctx, model) ?? parsed.predicate);
    // [unverified] option: a tenant answering in descending id order (doctor's query.order check must catch it).
    const matching = this.deps.resultOrder === 'descending' ? found.reverse() : found;
    if (variant === 'count') return ok({ queryCount: matching.length });

    let pageSize = parsed.maxRecords;
    let startId: number | null = null;
    let previousIds = [-1];
    if (variant === 'next') {
      const token = parsePagingToken(req.query.paging);
      pageSize = token.pageSize;
      startId = token.nextIds[0];
      previousIds = [...token.previousIds, startId];
    }
    const page = slicePage(matching, pageSize, startId, this.deps.resultOrder === 'descending');
    const nextPageUrl =
      page.nextStartId === null
        ? null
        : buildNextPageUrl({
            restBase: this.deps.restBase(),
            entity: entity.name,
            pageSize,
            previousIds,
            nextStartId: page.nextStartId,
            search: method === 'GET' ? search : undefined,
          });
    const wire = { includeFields: parsed.includeFields, includeUdfs: parsed.includeUdfs };
    return ok({
      items: page.items.map((r) => this.deps.store.toWire(entity, r, wire)),
      // prevPageUrl: no backwards paging (evidence results.no-prev-page-url).
      pageDetails: { count: page.items.length, requestCount: pageSize, prevPageUrl: null, nextPageUrl },
    });
  }

  private meta(entity: EntitySpec, what: MetaKind): unknown {
    if (what === 'info') return entityInformation(this.deps.view, this.deps.store, entity);
    if (what === 'fields') return entityFields(this.deps.seed, entity, this.deps.fieldNameCase);
    return userDefinedFields(this.deps.store, entity);
  }

  private child(method: string, r: Extract<Route, { kind: 'child' }>, body: unknown): RestResponse {
    const { route, child } = r;
    const path = `${route.parent}/{id}/${route.segment}`;
    const deny = (what: string) => methodNotAllowed(method, `${path}${r.id !== undefined ? '/{id}' : ''} does not support ${what}`);
    const parentRecord = this.requireParent(r.parent, r.parentId);
    const binding: ParentBinding = { route, parentId: r.parentId, field: this.deps.view.parentField(route), record: parentRecord };

    if (r.id === undefined) {
      if (method === 'GET') {
        if (!route.list) throw deny('listing');
        // [unverified] every child in one page (evidence limits.child-list-one-page).
        const items = this.deps.store.list(child).filter((rec) => belongs(rec, binding));
        return ok({
          items: items.map((rec) => this.deps.store.toWire(child, rec)),
          pageDetails: { count: items.length, requestCount: MAX_PAGE_SIZE, prevPageUrl: null, nextPageUrl: null },
        });
      }
      if (method === 'POST') {
        if (!route.create) throw deny('create');
        return ok({ itemId: createRecord(this.writes, child, requireBody(body), binding) });
      }
      if (method === 'PATCH' || method === 'PUT') {
        if (!route.update) throw deny('update');
        return ok({ itemId: updateRecord(this.writes, child, requireBody(body), method === 'PATCH' ? 'patch' : 'put', binding) });
      }
      throw deny(method);
    }

    const record = this.deps.store.get(child, r.id);
    const mine = record !== undefined && belongs(record, binding) ? record : undefined;
    if (method === 'GET') {
      if (!route.get) throw deny('get by id');
      // Attachment bytes are not returned here: only the root GET by id carries them (./attachments.ts).
      return ok({ item: mine ? this.deps.store.toWire(child, mine) : null });
    }
    if (method === 'DELETE') {
      if (!route.delete) throw deny('delete');
      if (!mine) throw writeError(DELETE_MISSING);
      this.deps.store.remove(child, mine.id);
      return ok({ itemId: mine.id });
    }
    if (method === 'PATCH' || method === 'PUT') throw methodNotAllowed(method, `updates go to ${path} with the id in the body`);
    throw deny(method);
  }

  private requireParent(parent: EntitySpec, id: number): SeedRecord {
    const record = this.deps.store.get(parent, id);
    if (!record) throw notFound(`${parent.name} ${id} does not exist.`);
    return record;
  }

  private viaParentHint(entity: EntitySpec, op: 'create' | 'update' | 'delete'): string {
    const routes: ChildRoute[] = this.deps.view.routesForChild(entity.name).filter((r) => r[op]);
    if (routes.length === 0) return '';
    return `; use ${routes.map((r) => `${r.parent}/{parentId}/${r.segment}`).join(' or ')}`;
  }
}

function belongs(record: SeedRecord, binding: ParentBinding): boolean {
  // [unverified] children without an FK field (e.g. Documents/{id}/PlainTextContent) are taken
  // to be 1:1 records that share the parent's id.
  return binding.field === null ? record.id === binding.parentId : record[binding.field.name] === binding.parentId;
}

function ok(body: unknown): RestResponse {
  return { status: 200, body };
}

function onlyGet(method: string, what: string): void {
  if (method !== 'GET') throw methodNotAllowed(method, what);
}

function requireBody(body: unknown): unknown {
  if (body === undefined) throw writeError('The request body is empty; send the record as JSON.');
  return body;
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`The ${what} is not valid JSON: ${(e as Error).message}`);
  }
}


function threshold(u: { limit: number; count: number }): Record<string, number> {
  return { externalRequestThreshold: u.limit, requestThresholdTimeframe: 60, currentTimeframeRequestCount: u.count };
}
