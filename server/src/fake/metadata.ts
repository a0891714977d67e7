/**
 * Metadata endpoints built from the catalogue and the seed: entityInformation, fields (with the
 * seed's picklists; values are strings on the wire) and userDefinedFields.
 */
import type { EntitySpec, FieldSpec, FieldType } from '../catalogue/types.js';
import type { EntityInfo, FieldInfo } from '../autotask/types.js';
import type { CatalogueView } from './catalogue-view.js';
import type { Store } from './store.js';
import type { TenantSeed } from './types.js';
import { seedPicklist } from './writes.js';

/** Entities Autotask can send webhooks for (reference §4.1). */
const WEBHOOK_ENTITIES = new Set(['companies', 'contacts', 'configurationitems', 'tickets', 'ticketnotes']);
/** Dependent picklists: field -> controlling field. */
const PICKLIST_PARENTS: Record<string, string> = { subIssueType: 'issueType' };

const DATA_TYPES: Record<FieldType, string> = {
  long: 'long',
  integer: 'integer',
  short: 'short',
  double: 'double',
  decimal: 'decimal',
  string: 'string',
  boolean: 'boolean',
  datetime: 'datetime',
  base64: 'byte[]',
  object: 'object',
  unknown: 'string',
};

export function entityInformation(view: CatalogueView, store: Store, entity: EntitySpec): { info: EntityInfo } {
  const viaParent = view.routesForChild(entity.name);
  const canCreate = entity.create || viaParent.some((r) => r.create);
  const canUpdate = entity.update || viaParent.some((r) => r.update);
  const canDelete = entity.delete || viaParent.some((r) => r.delete);
  const access = (b: boolean) => (b ? 'All' : 'None');
  return {
    info: {
      // [unverified] Autotask reports singular or plural names; the fake uses the URL segment.
      name: entity.name,
      canCreate,
      canDelete,
      canQuery: entity.query,
      canUpdate,
      userAccessForCreate: access(canCreate),
      userAccessForDelete: access(canDelete),
      userAccessForQuery: access(entity.query),
      userAccessForUpdate: access(canUpdate),
      hasUserDefinedFields: store.hasUdfs(entity),
      supportsWebhookCallouts: WEBHOOK_ENTITIES.has(entity.name.toLowerCase()),
    },
  };
}

export function entityFields(seed: TenantSeed, entity: EntitySpec, nameCase: 'camel' | 'pascal'): { fields: FieldInfo[] } {
  const hasId = entity.fields.some((f) => f.name === 'id');
  const fields: FieldSpec[] = hasId ? entity.fields : [{ name: 'id', type: 'long', required: true, readOnly: true, queryable: true }, ...entity.fields];
  return {
    fields: fields.map((f) => {
      const values = seedPicklist(seed, entity.name, f.name);
      const isPickList = f.picklist === true || values !== undefined;
      return {
        // [unverified] current casing: 2020-2023 captures show PascalCase, newer fixtures camelCase.
        name: nameCase === 'pascal' ? f.name.charAt(0).toUpperCase() + f.name.slice(1) : f.name,
        dataType: DATA_TYPES[f.type],
        length: f.length ?? 0,
        isRequired: f.required,
        isReadOnly: f.readOnly,
        isQueryable: f.queryable,
        isReference: f.reference !== undefined,
        referenceEntityType: f.reference ?? '',
        isPickList,
        picklistValues: isPickList ? (values ?? []).map((v) => ({ ...v, value: String(v.value) })) : null,
        picklistParentValueField: isPickList ? (PICKLIST_PARENTS[f.name] ?? '') : '',
        isSupportedWebhookField: false,
      };
    }),
  };
}

export function userDefinedFields(store: Store, entity: EntitySpec): { fields: Record<string, unknown>[] } {
  return {
    fields: store.udfs(entity).map((u) => ({
      name: u.name,
      label: u.label,
      type: u.type,
      length: u.type === 'string' ? 8000 : 0,
      description: '',
      isRequired: false,
      isReadOnly: false,
      isQueryable: true,
      isReference: false,
      referenceEntityType: '',
      isPickList: u.isPickList === true,
      picklistValues: u.isPickList ? (u.picklistValues ?? []).map((v) => ({ ...v, value: String(v.value) })) : null,
      picklistParentValueField: '',
      defaultValue: null,
      isSupportedWebhookField: false,
    })),
  };
}
