/**
 * The in-memory tenant: records per root entity (kept in ascending id order, Autotask's result
 * order), id generation, and the wire form of a record (every catalogue field present, null when
 * unset, `userDefinedFields` on entities that have UDFs).
 */
import type { EntitySpec } from '../catalogue/types.js';
import type { CatalogueView } from './catalogue-view.js';
import type { SeedRecord, TenantSeed, UdfDefinition } from './types.js';

export interface WireOptions {
  includeFields?: string[] | null;
  includeUdfs?: string[];
  /** Attachment bytes are returned only by the root GET by id (see ./attachments.ts). */
  withData?: boolean;
}

export class Store {
  private readonly view: CatalogueView;
  private readonly seed: TenantSeed;
  private readonly data = new Map<string, SeedRecord[]>();
  private readonly shapes = new Map<string, EntityShape>();
  private readonly selections = new Map<string, EntityShape['fields']>();

  constructor(view: CatalogueView, seed: TenantSeed) {
    this.view = view;
    this.seed = seed;
    for (const [name, records] of Object.entries(seed.records)) {
      const entity = view.entity(name);
      if (!entity) throw new Error(`Seed has records for '${name}', which is not an entity of the catalogue.`);
      const copies = records.map((r) => structuredClone(r));
      const ids = new Set<number>();
      for (const r of copies) {
        if (!Number.isInteger(r.id)) throw new Error(`Seed record of ${entity.name} has a non-integer id: ${JSON.stringify(r.id)}.`);
        if (ids.has(r.id)) throw new Error(`Seed has two ${entity.name} records with id ${r.id}.`);
        ids.add(r.id);
      }
      this.data.set(entity.name, copies.sort((a, b) => a.id - b.id));
    }
  }

  /** The live array of an entity's records (created empty on first use, so test mutations persist). */
  list(entity: EntitySpec): SeedRecord[] {
    let list = this.data.get(entity.name);
    if (!list) {
      list = [];
      this.data.set(entity.name, list);
    }
    return list;
  }

  hasRecords(entity: EntitySpec): boolean {
    return (this.data.get(entity.name)?.length ?? 0) > 0;
  }

  get(entity: EntitySpec, id: number): SeedRecord | undefined {
    return this.data.get(entity.name)?.find((r) => r.id === id);
  }

  nextId(entity: EntitySpec): number {
    const list = this.list(entity);
    return list.reduce((max, r) => Math.max(max, r.id), 0) + 1;
  }

  insert(entity: EntitySpec, record: SeedRecord): void {
    const list = this.list(entity);
    list.push(record);
    list.sort((a, b) => a.id - b.id);
  }

  remove(entity: EntitySpec, id: number): boolean {
    const list = this.list(entity);
    const i = list.findIndex((r) => r.id === id);
    if (i < 0) return false;
    list.splice(i, 1);
    return true;
  }

  udfs(entity: EntitySpec): UdfDefinition[] {
    const all = this.seed.udfs ?? {};
    const key = Object.keys(all).find((k) => k.toLowerCase() === entity.name.toLowerCase());
    return key ? all[key] : [];
  }

  hasUdfs(entity: EntitySpec): boolean {
    return entity.hasUserDefinedFields || this.udfs(entity).length > 0;
  }

  /** The record as Autotask would serialize it. */
  toWire(entity: EntitySpec, record: SeedRecord, opts: WireOptions = {}): Record<string, unknown> {
    const shape = this.shape(entity);
    const out: Record<string, unknown> = { id: record.id };
    for (const f of this.selected(entity, shape, opts.includeFields)) {
      out[f.name] = f.binary && !opts.withData ? null : copy(record[f.name]);
    }
    if (shape.udfNames) out.userDefinedFields = this.wireUdfs(shape.udfNames, record, opts.includeFields ? (opts.includeUdfs ?? []) : null);
    return out;
  }

  /** The fields IncludeFields keeps, in catalogue order (computed once per field list: a page repeats it per record). */
  private selected(entity: EntitySpec, shape: EntityShape, includeFields: string[] | null | undefined): EntityShape['fields'] {
    if (!includeFields) return shape.fields;
    const key = `${entity.name}|${includeFields.join(',')}`;
    let fields = this.selections.get(key);
    if (!fields) {
      const wanted = new Set(includeFields);
      fields = shape.fields.filter((f) => wanted.has(f.name));
      if (this.selections.size >= 1_000) this.selections.clear();
      this.selections.set(key, fields);
    }
    return fields;
  }

  /**
   * Every defined UDF is listed, null when unset [unverified: captures show both full lists and
   * []]; stored values without a definition are kept too. `only` restricts to IncludeFields UDFs.
   */
  private wireUdfs(defined: string[], record: SeedRecord, only: string[] | null): Array<{ name: string; value: unknown }> {
    const stored = Array.isArray(record.userDefinedFields) ? (record.userDefinedFields as Array<{ name: string; value: unknown }>) : [];
    const values = new Map<string, { name: string; value: unknown }>();
    for (const n of defined) values.set(n.toLowerCase(), { name: n, value: null });
    for (const u of stored) {
      const key = String(u.name).toLowerCase();
      values.set(key, { name: values.get(key)?.name ?? String(u.name), value: copy(u.value) });
    }
    const listed = only ? new Set(only.map((n) => n.toLowerCase())) : null;
    return [...values.entries()].filter(([k]) => !listed || listed.has(k)).map(([, v]) => v);
  }

  /** Per-entity serialization plan, computed once (the catalogue and seed UDFs are fixed). */
  private shape(entity: EntitySpec): EntityShape {
    let shape = this.shapes.get(entity.name);
    if (!shape) {
      shape = {
        fields: entity.fields.filter((f) => f.name !== 'id').map((f) => ({ name: f.name, binary: isAttachmentData(entity, f.name, f.type) })),
        udfNames: this.hasUdfs(entity) ? this.udfs(entity).map((u) => u.name) : null,
      };
      this.shapes.set(entity.name, shape);
    }
    return shape;
  }
}

interface EntityShape {
  fields: Array<{ name: string; binary: boolean }>;
  /** Defined UDF names, or null when records of the entity carry no userDefinedFields. */
  udfNames: string[] | null;
}

/** Callers may mutate responses; stored objects must not leak by reference (primitives need no copy). */
function copy(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  return typeof v === 'object' ? structuredClone(v) : v;
}

function isAttachmentData(entity: EntitySpec, field: string, type: string): boolean {
  return type === 'base64' || (field === 'data' && /Attachments?$/i.test(entity.name));
}
