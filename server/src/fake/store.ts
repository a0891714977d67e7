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
  /** Attachment bytes are returned only by the child GET-by-id route (reference §2.2). */
  withData?: boolean;
}

export class Store {
  private readonly view: CatalogueView;
  private readonly seed: TenantSeed;
  private readonly data = new Map<string, SeedRecord[]>();

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
    const out: Record<string, unknown> = { id: record.id };
    const wanted = opts.includeFields ? new Set(opts.includeFields) : null;
    for (const f of entity.fields) {
      if (wanted && !wanted.has(f.name)) continue;
      const hidden = isAttachmentData(entity, f.name, f.type) && !opts.withData;
      out[f.name] = hidden ? null : structuredClone(record[f.name] ?? null);
    }
    if (this.hasUdfs(entity)) {
      // Every defined UDF is listed, null when unset [unverified: observed captures show both
      // full lists and []]; stored values the seed has without a definition are kept too.
      const stored = Array.isArray(record.userDefinedFields) ? (record.userDefinedFields as Array<{ name: string; value: unknown }>) : [];
      const byName = new Map(stored.map((u) => [String(u.name).toLowerCase(), u]));
      const names = new Map<string, string>();
      for (const n of [...this.udfs(entity).map((u) => u.name), ...stored.map((u) => String(u.name))]) {
        if (!names.has(n.toLowerCase())) names.set(n.toLowerCase(), n);
      }
      const listed = wanted ? new Set((opts.includeUdfs ?? []).map((n) => n.toLowerCase())) : null;
      out.userDefinedFields = [...names.values()]
        .filter((n) => !listed || listed.has(n.toLowerCase()))
        .map((n) => ({ name: n, value: byName.get(n.toLowerCase())?.value ?? null }));
    }
    return out;
  }
}

function isAttachmentData(entity: EntitySpec, field: string, type: string): boolean {
  return type === 'base64' || (field === 'data' && /Attachments?$/i.test(entity.name));
}
