/**
 * Route resolution from the entity catalogue: canonical entity names, child routes, and the exact
 * URL a write must use (root collection, or /{Parent}/{pid}/{Segment} for child-only entities).
 * Entity names and ids come from MCP clients, so they are validated before they reach a URL.
 */
import { catalogue, childRoute, getEntity, routesForChild } from '../catalogue/index.js';
import type { ChildRoute } from '../catalogue/types.js';
import { AutotaskError } from './errors.js';
import type { ParentRef } from './types.js';

export type WriteOperation = 'create' | 'update' | 'delete';

export interface WriteRoute {
  method: string;
  /** Path below the REST base's V1.0/, e.g. "Tickets/123/Notes". */
  path: string;
}

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,99}$/;

function validation(message: string): AutotaskError {
  return new AutotaskError('validation', message);
}

/** Autotask ids are non-negative integers (company 0 is the tenant itself). */
export function checkId(id: unknown, what = 'id'): number {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
    throw validation(`${what} must be a non-negative integer, got ${(JSON.stringify(id) as string | undefined)?.slice(0, 40) ?? String(id)}.`);
  }
  return id;
}

/** The catalogue's spelling of an entity name; a clear error for names Autotask does not have. */
export function canonicalEntity(name: unknown): string {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw validation(`"${String(name).slice(0, 60)}" is not an Autotask entity name (expected a plural PascalCase name such as "Tickets").`);
  }
  const spec = getEntity(name);
  if (spec) return spec.name;
  // An empty catalogue (not generated yet) must not block every call.
  if (Object.keys(catalogue.entities).length === 0) return name;
  const hints = suggest(name);
  throw validation(`Unknown Autotask entity "${name}".${hints.length ? ` Did you mean ${hints.join(', ')}?` : ''}`);
}

/** The child route {parent}/{segment}, with canonical spelling, or a validation error. */
export function canonicalChild(parent: string, segment: unknown): ChildRoute {
  const p = canonicalEntity(parent);
  if (typeof segment !== 'string' || !NAME_PATTERN.test(segment)) {
    throw validation(`"${String(segment).slice(0, 60)}" is not a child route segment (e.g. "Notes", "Attachments").`);
  }
  const route = childRoute(p, segment);
  if (route) return route;
  const segments = catalogue.childRoutes.filter((r) => r.parent === p).map((r) => r.segment);
  throw validation(`${p} has no child route "${segment}".${segments.length ? ` Its child routes: ${segments.join(', ')}.` : ''}`);
}

/** Endpoint bucket for thread limiting: first path segment ("Tickets" for "Tickets/1/Notes"). */
export function endpointBucket(path: string): string {
  return path.replace(/^\/+/, '').split(/[/?]/)[0].toLowerCase();
}

/**
 * The request a write must send. Root URL when the root entity supports the operation,
 * else the parent/child route (which needs `parent`).
 */
export function resolveWriteRoute(operation: WriteOperation, entity: string, parent?: ParentRef, id?: number): WriteRoute {
  const name = canonicalEntity(entity);
  const method = operation === 'create' ? 'POST' : operation === 'update' ? 'PATCH' : 'DELETE';
  if (operation === 'delete') checkId(id, `${name} id to delete`);
  const spec = getEntity(name);
  // Unknown to an empty catalogue: assume the root route and let Autotask decide.
  if (!spec || spec[operation]) {
    return { method, path: operation === 'delete' ? `${name}/${id}` : name };
  }
  const routes = routesForChild(name).filter((r) => r[operation]);
  const verb = operation === 'create' ? 'created' : operation === 'update' ? 'updated' : 'deleted';
  if (routes.length === 0) {
    throw validation(`${name} cannot be ${verb} through the Autotask API.`);
  }
  const parents = routes.map((r) => r.parent);
  const how =
    parents.length === 1
      ? `through ${article(singular(parents[0]))}: pass parent {entity:'${parents[0]}', id}`
      : `through a parent record: pass parent {entity, id} with entity one of ${parents.map((p) => `'${p}'`).join(', ')}`;
  if (!parent) {
    throw validation(`${name} are ${verb} ${how}.`);
  }
  const route = routes.find((r) => r.parent.toLowerCase() === String(parent.entity).toLowerCase());
  if (!route) {
    throw validation(`${name} cannot be ${verb} under "${String(parent.entity).slice(0, 60)}"; they are ${verb} ${how}.`);
  }
  const pid = checkId(parent.id, `parent ${route.parent} id`);
  const base = `${route.parent}/${pid}/${route.segment}`;
  return { method, path: operation === 'delete' ? `${base}/${id}` : base };
}

/** "ConfigurationItems" -> "configuration item" (for messages only). */
export function singular(entity: string): string {
  const words = entity.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(' ');
  const last = words.pop() ?? '';
  const one = last.endsWith('ies') ? `${last.slice(0, -3)}y` : /(ss|x|ch|sh)es$/.test(last) ? last.slice(0, -2) : last.endsWith('s') ? last.slice(0, -1) : last;
  return [...words, one].join(' ');
}

function article(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** Up to three catalogue names close to `name` (prefix or small edit distance). */
function suggest(name: string): string[] {
  const n = name.toLowerCase();
  return Object.keys(catalogue.entities)
    .map((e) => ({ e, d: e.toLowerCase().startsWith(n) || n.startsWith(e.toLowerCase()) ? 0 : editDistance(n, e.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(n.length / 4)))
    .sort((a, b) => a.d - b.d || a.e.length - b.e.length)
    .slice(0, 3)
    .map((x) => x.e);
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 4) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * A nextPageUrl must stay on our REST base (`restBase` ends in V1.0/): otherwise we would send
 * credentials elsewhere. Returns the URL to POST to, its path below V1.0/ (bucket, logs), and
 * that path with its query string (where the page continues if the tenant moves zone).
 */
export function nextPageTarget(restBase: string, entity: string, next: string): { url: string; path: string; rel: string } {
  const base = new URL(restBase);
  let u: URL | null;
  try {
    u = new URL(String(next));
  } catch {
    u = null;
  }
  const basePath = base.pathname.toLowerCase();
  if (!u || u.origin !== base.origin || u.username || u.password || !u.pathname.toLowerCase().startsWith(basePath)) {
    throw new AutotaskError('validation', `Refusing to follow a nextPageUrl that is not on the Autotask REST base of this tenant (${base.origin}); pass the nextPageUrl exactly as Autotask returned it.`, {
      method: 'POST',
      path: `${entity}/query/next`,
    });
  }
  const path = u.pathname.slice(base.pathname.length);
  if (!/^[A-Za-z0-9]+\/query\/next$/i.test(path) || endpointBucket(path) !== entity.toLowerCase()) {
    throw new AutotaskError('validation', `That nextPageUrl does not continue a ${entity} query; pass the nextPageUrl of a ${entity} query page.`, { method: 'POST', path: `${entity}/query/next` });
  }
  return { url: u.href, path, rel: `${path}${u.search}` };
}
