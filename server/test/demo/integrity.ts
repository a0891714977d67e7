/**
 * Checks a TenantSeed against the entity catalogue: field names and value types, required fields,
 * references, picklist values and UDF names. Returns human-readable problems (empty = valid).
 */
import { getEntity } from '../../src/catalogue/index.js';
import type { FieldSpec } from '../../src/catalogue/types.js';
import type { TenantSeed } from '../../src/fake/types.js';

/** Foreign keys by field name, for entities whose catalogue entry carries no reference flags. */
const FK_BY_NAME: Record<string, string> = {
  companyID: 'Companies',
  contactID: 'Contacts',
  createdByContactID: 'Contacts',
  attachedByContactID: 'Contacts',
  ticketID: 'Tickets',
  projectID: 'Projects',
  phaseID: 'Phases',
  taskID: 'Tasks',
  resourceID: 'Resources',
  assignedResourceID: 'Resources',
  attachedByResourceID: 'Resources',
  creatorResourceID: 'Resources',
  createdByResourceID: 'Resources',
  creatorUserID: 'Resources',
  lastModifiedUserID: 'Resources',
  roleID: 'Roles',
  productID: 'Products',
  productBillingCodeID: 'BillingCodes',
  billingCodeID: 'BillingCodes',
  contractID: 'Contracts',
  configurationItemID: 'ConfigurationItems',
  companyLocationID: 'CompanyLocations',
  ticketNoteID: 'TicketNotes',
  timeEntryID: 'TimeEntries',
  projectNoteID: 'ProjectNotes',
  companyNoteID: 'CompanyNotes',
};

/** Singular referenceEntityType -> root entity name. */
function rootOf(reference: string): string | undefined {
  for (const candidate of [reference, `${reference}s`, `${reference}es`, reference.replace(/y$/, 'ies')]) {
    if (getEntity(candidate)) return getEntity(candidate)!.name;
  }
  return undefined;
}

/** Entity a field points to (catalogue reference, else by field name), or undefined. */
export function referenceTarget(f: FieldSpec): string | undefined {
  return f.reference ? rootOf(f.reference) : FK_BY_NAME[f.name];
}

function typeProblem(f: FieldSpec, v: unknown): string | null {
  switch (f.type) {
    case 'long':
    case 'integer':
    case 'short':
      return Number.isInteger(v) ? null : 'an integer';
    case 'double':
    case 'decimal':
      return typeof v === 'number' && Number.isFinite(v) ? null : 'a number';
    case 'boolean':
      return typeof v === 'boolean' ? null : 'a boolean';
    case 'string':
      return typeof v === 'string' ? null : 'a string';
    case 'datetime':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v) && !Number.isNaN(Date.parse(v)) ? null : 'a UTC ISO date-time';
    case 'base64':
      return typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v) && v.length % 4 === 0 ? null : 'base64';
    default:
      return null;
  }
}

export function seedProblems(seed: TenantSeed): string[] {
  const problems: string[] = [];
  const ids = new Map<string, Set<number>>();
  for (const [entity, records] of Object.entries(seed.records)) ids.set(entity, new Set(records.map((r) => r.id)));
  const exists = (entity: string, id: unknown) => ids.get(entity)?.has(id as number) === true;

  for (const [entityName, records] of Object.entries(seed.records)) {
    const entity = getEntity(entityName);
    if (!entity || entity.name !== entityName) {
      problems.push(`${entityName}: not a catalogue entity name`);
      continue;
    }
    const fields = new Map(entity.fields.map((f) => [f.name, f]));
    const udfNames = new Set((seed.udfs?.[entityName] ?? []).map((u) => u.name));
    const picklists = seed.picklists[entityName] ?? {};
    const seen = new Set<number>();
    for (const r of records) {
      const where = `${entityName}#${r.id}`;
      if (seen.has(r.id)) problems.push(`${where}: duplicate id`);
      seen.add(r.id);
      for (const f of entity.fields) {
        if (f.required && f.name !== 'id' && (r[f.name] === undefined || r[f.name] === null)) problems.push(`${where}: required ${f.name} missing`);
      }
      for (const [key, value] of Object.entries(r)) {
        if (key === 'userDefinedFields') {
          if (!entity.hasUserDefinedFields) problems.push(`${where}: userDefinedFields on an entity without UDFs`);
          for (const u of value as Array<{ name: string; value: unknown }>) {
            if (!udfNames.has(u.name)) problems.push(`${where}: UDF ${u.name} has no definition`);
            if (u.value !== null && typeof u.value !== 'string') problems.push(`${where}: UDF ${u.name} value must be a string`);
          }
          continue;
        }
        const f = fields.get(key);
        if (!f) {
          problems.push(`${where}: field ${key} is not in the catalogue`);
          continue;
        }
        if (value === null) continue;
        const bad = typeProblem(f, value);
        if (bad) problems.push(`${where}: ${key}=${JSON.stringify(value)} should be ${bad}`);
        const values = picklists[key];
        if (values) {
          if (!values.some((p) => p.value === String(value))) problems.push(`${where}: ${key}=${value} is not a picklist value`);
        } else if (f.picklist) {
          problems.push(`${where}: ${key} is a picklist field but the seed defines no values for it`);
        }
        const target = referenceTarget(f);
        if (target && !values && !exists(target, value)) problems.push(`${where}: ${key}=${value} points to no ${target} record`);
      }
    }
  }
  return problems;
}
