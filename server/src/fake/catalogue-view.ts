/**
 * Case-insensitive lookups over an entity catalogue, plus the two derived facts the fake needs
 * that the catalogue does not state directly: which root entity a reference ("Company") points
 * to, and which field of a child entity holds its parent's id on a parent/child route.
 */
import type { Catalogue, ChildRoute, EntitySpec, FieldSpec } from '../catalogue/types.js';

/** FK fields the naming heuristics cannot find: "child<-parent" (or "*<-parent") -> field. */
const PARENT_FIELD_OVERRIDES: Record<string, string> = {
  'expenseitems<-expenses': 'expenseReportID',
  'knowledgebasearticles<-knowledgebasecategories': 'articleCategoryID',
  '*<-knowledgebasearticles': 'articleID',
  'purchaseorderitems<-purchaseorders': 'orderID',
  'userdefinedfieldlistitems<-userdefinedfields': 'udfFieldId',
  'taskpredecessors<-tasks': 'successorTaskID',
  'configurationitemdnsrecords<-configurationitems': 'installedProductID',
  '*<-companywebhooks': 'webhookID',
  '*<-configurationitemwebhooks': 'webhookID',
  '*<-contactwebhooks': 'webhookID',
  '*<-ticketwebhooks': 'webhookID',
  '*<-ticketnotewebhooks': 'webhookID',
};

/**
 * Parent URL segments that are not entity names, and the root entity they stand for: expense items
 * live under Expenses/{reportId}/Items (evidence expenses.items-route).
 */
const PARENT_SEGMENTS: Record<string, string> = { expenses: 'ExpenseReports' };

export class CatalogueView {
  readonly catalogue: Catalogue;
  private readonly byLower = new Map<string, EntitySpec>();
  private readonly fieldIndex = new Map<string, Map<string, FieldSpec>>();
  private readonly parentFields = new Map<string, FieldSpec | null>();

  constructor(catalogue: Catalogue) {
    this.catalogue = catalogue;
    for (const e of Object.values(catalogue.entities)) {
      this.byLower.set(e.name.toLowerCase(), e);
      this.fieldIndex.set(e.name, new Map(e.fields.map((f) => [f.name.toLowerCase(), f])));
    }
  }

  entity(name: string): EntitySpec | undefined {
    return this.byLower.get(name.toLowerCase());
  }

  /** The root entity a child route's parent segment stands for when the segment is no entity name. */
  parentBySegment(segment: string): EntitySpec | undefined {
    const name = PARENT_SEGMENTS[segment.toLowerCase()];
    return name && this.catalogue.childRoutes.some((r) => r.parent.toLowerCase() === segment.toLowerCase()) ? this.entity(name) : undefined;
  }

  entities(): EntitySpec[] {
    return [...this.byLower.values()];
  }

  field(entity: EntitySpec, name: string): FieldSpec | undefined {
    return this.fieldIndex.get(entity.name)?.get(name.toLowerCase());
  }

  childRoute(parent: string, segment: string): ChildRoute | undefined {
    const p = parent.toLowerCase();
    const s = segment.toLowerCase();
    return this.catalogue.childRoutes.find((r) => r.parent.toLowerCase() === p && r.segment.toLowerCase() === s);
  }

  routesForChild(child: string): ChildRoute[] {
    const c = child.toLowerCase();
    return this.catalogue.childRoutes.filter((r) => r.child.toLowerCase() === c);
  }

  /** Root entity a singular reference type names: "Company" -> Companies, "Resource" -> Resources. */
  referencedEntity(reference: string): EntitySpec | undefined {
    for (const candidate of pluralForms(reference)) {
      const hit = this.entity(candidate);
      if (hit) return hit;
    }
    return undefined;
  }

  /** The child's field that holds the parent id (e.g. TicketNotes.ticketID for /Tickets/{id}/Notes). */
  parentField(route: ChildRoute): FieldSpec | null {
    const key = `${route.child.toLowerCase()}<-${route.parent.toLowerCase()}`;
    const cached = this.parentFields.get(key);
    if (cached !== undefined) return cached;
    const found = this.findParentField(route, key);
    this.parentFields.set(key, found);
    return found;
  }

  private findParentField(route: ChildRoute, key: string): FieldSpec | null {
    const child = this.entity(route.child);
    if (!child) return null;
    const override = PARENT_FIELD_OVERRIDES[key] ?? PARENT_FIELD_OVERRIDES[`*<-${route.parent.toLowerCase()}`];
    if (override) return this.field(child, override) ?? null;
    const parentLower = route.parent.toLowerCase();
    const byName = singularForms(route.parent)
      .map((s) => this.field(child, `${s}ID`))
      .find((f): f is FieldSpec => f !== undefined);
    if (byName) return byName;
    const byReference = child.fields.filter(
      (f) => f.reference !== undefined && this.referencedEntity(f.reference)?.name.toLowerCase() === parentLower,
    );
    if (byReference.length >= 1) return byReference[0];
    return this.field(child, 'parentID') ?? null;
  }
}

function pluralForms(singular: string): string[] {
  const forms = [singular, `${singular}s`, `${singular}es`];
  if (/[^aeiou]y$/i.test(singular)) forms.push(`${singular.slice(0, -1)}ies`);
  return forms;
}

function singularForms(plural: string): string[] {
  const forms: string[] = [];
  if (/ies$/i.test(plural)) forms.push(`${plural.slice(0, -3)}y`);
  if (/(ses|xes|ches|shes)$/i.test(plural)) forms.push(plural.slice(0, -2));
  if (/s$/i.test(plural)) forms.push(plural.slice(0, -1));
  forms.push(plural);
  return forms;
}
