/**
 * The ImpersonationResourceId header (evidence rows impersonation.*). A write that carries it is
 * made on behalf of that resource when three things hold: Autotask supports impersonation for
 * the entity and operation (creates and updates of the listed entities), the API user's
 * security level may impersonate for it, and the resource's own security level allows being
 * impersonated (API-only levels never do). Otherwise the write is refused with a 500.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { EntitySpec } from '../catalogue/types.js';
import type { Route } from './routes.js';
import type { Store } from './store.js';
import type { CatalogueView } from './catalogue-view.js';
import type { TenantSeed } from './types.js';
import { writeError } from './errors.js';
import { supportsImpersonation } from '../autotask/impersonation.js';

export type WriteOp = 'create' | 'update' | 'delete';

/** The record kind and operation a request writes; null for reads. */
export function writeTarget(route: Route, method: string): { entity: EntitySpec; op: WriteOp } | null {
  const op: WriteOp | null = method === 'POST' ? 'create' : method === 'PATCH' || method === 'PUT' ? 'update' : method === 'DELETE' ? 'delete' : null;
  if (op === null) return null;
  if (route.kind === 'collection' && op !== 'delete') return { entity: route.entity, op };
  if (route.kind === 'item' && op === 'delete') return { entity: route.entity, op };
  if (route.kind === 'child') return { entity: route.child, op };
  return null;
}

/** Observed text of the refusal (msoukhomlinov/n8n-nodes-autotask matches "does not have the adequate permissions"). */
const denied = (what: string) => writeError(`The logged in Resource does not have the adequate permissions to ${what}.`);

export function headerValue(headers: IncomingHttpHeaders): string | undefined {
  const v = headers.impersonationresourceid;
  return Array.isArray(v) ? v.join(', ') : v;
}

/**
 * The resource a request impersonates (null: none), or throws Autotask's refusal. Reads ignore
 * the header ([unverified]: we never send it on reads).
 */
export function checkImpersonation(value: string | undefined, target: ReturnType<typeof writeTarget>, deps: { seed: TenantSeed; store: Store; view: CatalogueView }): number | null {
  if (value === undefined || target === null) return null;
  // [unverified] text and status of a malformed value: like other bad values, a 500 with errors[].
  if (!/^\d{1,10}$/.test(value.trim()) || Number(value) <= 0) throw writeError('ImpersonationResourceId must be the integer id of a resource.');
  const id = Number(value);
  const { entity, op } = target;
  // [unverified] what Autotask does with the header on an entity or operation without impersonation: refused here, so clients leave it out.
  if (!supportsImpersonation(entity.name, op)) throw writeError(`Impersonation is not supported for ${op} of ${entity.name}.`);
  const resources = deps.view.entity('Resources');
  const resource = resources ? deps.store.get(resources, id) : undefined;
  // [unverified] text for an id naming no active resource.
  if (!resource || resource.isActive === false) throw writeError(`ImpersonationResourceId ${id} does not name an active resource.`);
  // Official: "API Only security levels do not support impersonation" (the API user cannot impersonate itself).
  if (id === deps.seed.apiUserResourceId) throw denied('impersonate a resource with an API-only security level');
  const settings = deps.seed.impersonation;
  if (!settings?.resources.includes(id)) throw denied(`impersonate resource ${id}: its security level does not allow impersonation`);
  const allowed = settings.apiUser[entity.name.toLowerCase()] ?? (entity.name.toLowerCase().endsWith('attachments') ? settings.apiUser.attachments : undefined);
  if (!allowed?.includes(op as 'create' | 'update')) throw denied(`${op === 'create' ? 'add' : 'edit'} ${entity.name} on behalf of another resource`);
  return id;
}
