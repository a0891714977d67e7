/** Loads the generated entity catalogue and answers lookups case-insensitively (Autotask paths are). */
import data from './entities.json' with { type: 'json' };
import type { Catalogue, ChildRoute, EntitySpec, FieldSpec } from './types.js';

export const catalogue = data as unknown as Catalogue;

const byLower = new Map<string, EntitySpec>(Object.values(catalogue.entities).map((e) => [e.name.toLowerCase(), e]));

export function getEntity(name: string): EntitySpec | undefined {
  return byLower.get(name.toLowerCase());
}

export function entityNames(): string[] {
  return Object.keys(catalogue.entities).sort();
}

export function getField(entity: EntitySpec, field: string): FieldSpec | undefined {
  const f = field.toLowerCase();
  return entity.fields.find((x) => x.name.toLowerCase() === f);
}

/** The child route /{parent}/{pid}/{segment}, if Autotask has one. */
export function childRoute(parent: string, segment: string): ChildRoute | undefined {
  const p = parent.toLowerCase();
  const s = segment.toLowerCase();
  return catalogue.childRoutes.find((r) => r.parent.toLowerCase() === p && r.segment.toLowerCase() === s);
}

/** Child routes whose child is the given root entity (e.g. TicketNotes -> /Tickets/{id}/Notes). */
export function routesForChild(child: string): ChildRoute[] {
  const c = child.toLowerCase();
  return catalogue.childRoutes.filter((r) => r.child.toLowerCase() === c);
}
