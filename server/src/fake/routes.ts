/**
 * Resolves a path below /ATServicesRest/V1.0/ (case-insensitively, like Autotask) into a typed
 * route, answering 404 for paths that do not exist in the catalogue.
 */
import type { ChildRoute, EntitySpec } from '../catalogue/types.js';
import type { CatalogueView } from './catalogue-view.js';
import { notFound } from './errors.js';

export type MetaKind = 'info' | 'fields' | 'udf';

export type Route =
  | { kind: 'threshold' }
  | { kind: 'version' }
  | { kind: 'allEntityInformation' }
  /** /{Entity} (create, update) */
  | { kind: 'collection'; entity: EntitySpec }
  /** /{Entity}/{id} (get, delete) */
  | { kind: 'item'; entity: EntitySpec; id: number }
  | { kind: 'query'; entity: EntitySpec; variant: 'query' | 'count' | 'next' }
  | { kind: 'meta'; entity: EntitySpec; what: MetaKind }
  /** /{Parent}/{pid}/{Segment}[/{id}] */
  | { kind: 'child'; route: ChildRoute; parent: EntitySpec; child: EntitySpec; parentId: number; id?: number }
  | { kind: 'childMeta'; route: ChildRoute; parent: EntitySpec; child: EntitySpec; parentId: number; what: MetaKind };

const ID = /^\d+$/;
const META: Record<string, MetaKind> = { '': 'info', fields: 'fields', userdefinedfields: 'udf' };

export function resolveRoute(view: CatalogueView, segments: string[]): Route {
  const lower = segments.map((s) => s.toLowerCase());
  const unknown = () => notFound(`No HTTP resource was found that matches the request URI 'V1.0/${segments.join('/')}'.`);
  if (segments.length === 1 && lower[0] === 'thresholdinformation') return { kind: 'threshold' };
  if (segments.length === 1 && lower[0] === 'version') return { kind: 'version' };
  if (segments.length === 1 && lower[0] === 'entityinformation') return { kind: 'allEntityInformation' };

  const [, s1, s2, s3, s4] = lower;
  // A child URL may name its parent by a segment that is no entity (Expenses/{reportId}/Items).
  const entity = segments.length > 0 ? (view.entity(segments[0]) ?? (segments.length >= 3 && ID.test(s1) ? view.parentBySegment(segments[0]) : undefined)) : undefined;
  if (!entity) throw unknown();
  switch (segments.length) {
    case 1:
      return { kind: 'collection', entity };
    case 2:
      if (s1 === 'query') return { kind: 'query', entity, variant: 'query' };
      if (s1 === 'entityinformation') return { kind: 'meta', entity, what: 'info' };
      if (ID.test(s1)) return { kind: 'item', entity, id: Number(s1) };
      throw unknown();
    case 3:
      if (s1 === 'query' && (s2 === 'count' || s2 === 'next')) return { kind: 'query', entity, variant: s2 };
      if (s1 === 'entityinformation' && (s2 === 'fields' || s2 === 'userdefinedfields')) {
        if (s2 === 'userdefinedfields' && !entity.udfInfo) throw unknown();
        return { kind: 'meta', entity, what: META[s2] };
      }
      if (ID.test(s1)) return { ...child(view, entity, segments, unknown), kind: 'child' };
      throw unknown();
    case 4:
      if (ID.test(s1) && ID.test(s3)) return { ...child(view, entity, segments, unknown), kind: 'child', id: Number(s3) };
      if (ID.test(s1) && s3 === 'entityinformation') return childMeta(view, entity, segments, '', unknown);
      throw unknown();
    case 5:
      if (ID.test(s1) && s3 === 'entityinformation' && (s4 === 'fields' || s4 === 'userdefinedfields')) {
        return childMeta(view, entity, segments, s4, unknown);
      }
      throw unknown();
    default:
      throw unknown();
  }
}

function child(view: CatalogueView, parent: EntitySpec, segments: string[], unknown: () => Error) {
  // Looked up by the URL's own parent segment: the catalogue names routes by it.
  const route = view.childRoute(segments[0], segments[2]);
  const childEntity = route ? view.entity(route.child) : undefined;
  if (!route || !childEntity) throw unknown();
  return { route, parent, child: childEntity, parentId: Number(segments[1]) };
}

function childMeta(view: CatalogueView, parent: EntitySpec, segments: string[], what: string, unknown: () => Error): Route {
  const c = child(view, parent, segments, unknown);
  if (!c.route.entityInformation) throw unknown();
  if (what === 'userdefinedfields' && !c.child.udfInfo) throw unknown();
  return { ...c, kind: 'childMeta', what: META[what] };
}
