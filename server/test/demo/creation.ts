/**
 * Creation-date checks of a TenantSeed: ids follow creation order (newest-first paging in
 * tools/paging.ts relies on it), and no record is created before a record it hangs off or names.
 */
import { getEntity } from '../../src/catalogue/index.js';
import type { SeedRecord, TenantSeed } from '../../src/fake/types.js';
import { instantMs } from '../../src/tools/dates.js';
import { CREATION_SKEW_MS, creationDateField } from '../../src/tools/paging.js';
import { referenceTarget } from './integrity.js';

const DAY = 86_400_000;

/** Per entity with a creation date: how many records run more than the skew behind a lower id. */
export function creationOrderProblems(seed: TenantSeed): string[] {
  const problems: string[] = [];
  for (const [entity, records] of Object.entries(seed.records)) {
    const field = creationDateField(entity);
    if (!field) continue;
    let latest = -Infinity;
    let bad = 0;
    let worst = 0;
    let first: number | undefined;
    for (const r of [...records].sort((a, b) => a.id - b.id)) {
      const t = instantMs(r[field]);
      if (t === null) continue;
      if (latest - t > CREATION_SKEW_MS) {
        bad += 1;
        worst = Math.max(worst, latest - t);
        first ??= r.id;
      }
      latest = Math.max(latest, t);
    }
    if (bad > 0) problems.push(`${entity}: ${bad}/${records.length} records have a ${field} more than ${CREATION_SKEW_MS / 60_000} min behind a lower id (worst ${(worst / DAY).toFixed(1)} days, first id ${first})`);
  }
  return problems;
}

/**
 * Records created before a record they reference (a contact before its company, a note before its
 * ticket, a ticket before its contact...). Attachments' polymorphic parentID is covered by the
 * specific fields (ticketNoteID, timeEntryID, projectNoteID, ticketID...).
 */
export function createdBeforeReferenceProblems(seed: TenantSeed): string[] {
  const problems: string[] = [];
  const byId = new Map<string, Map<number, SeedRecord>>();
  for (const [entity, records] of Object.entries(seed.records)) byId.set(entity, new Map(records.map((r) => [r.id, r])));
  for (const [entity, records] of Object.entries(seed.records)) {
    const field = creationDateField(entity);
    const spec = getEntity(entity);
    if (!field || !spec) continue;
    const refs: Array<[name: string, target: string, targetField: string]> = [];
    for (const f of spec.fields) {
      const target = referenceTarget(f);
      const targetField = target ? creationDateField(target) : undefined;
      if (target && targetField) refs.push([f.name, target, targetField]);
    }
    for (const r of records) {
      const at = instantMs(r[field]);
      if (at === null) continue;
      for (const [name, target, targetField] of refs) {
        const parent = byId.get(target)?.get(r[name] as number);
        const parentAt = parent ? instantMs(parent[targetField]) : null;
        if (parentAt !== null && at < parentAt) problems.push(`${entity}#${r.id} ${field} ${r[field]} is before ${target}#${parent!.id} (${name}) ${parent![targetField]}`);
      }
    }
  }
  return problems;
}
