/**
 * Ids in creation order, as Autotask assigns them (SOAP query(): results "sorted by their id
 * value", paging by "id > the previous maximum id"); newest-first paging (tools/paging.ts) relies
 * on it. The generators number child records per parent as they go (all notes of one ticket, then
 * the next ticket's), so this pass hands each id space's own ids out again in creation order and
 * rewrites every reference to them. Companies, contacts, projects, tasks and tickets are generated
 * in id order instead (their ids are quoted in docs and tests) and are not touched here.
 */
import type { SeedRecord } from '../fake/types.js';

type Records = Record<string, SeedRecord[]>;

/** Entities numbered from one counter, each with the field holding its creation date. */
const ID_SPACES: ReadonlyArray<ReadonlyArray<readonly [entity: string, created: string]>> = [
  [['TicketNotes', 'createDateTime']],
  [['TimeEntries', 'createDateTime']],
  [['CompanyNotes', 'createDateTime']],
  [['ProjectNotes', 'createDateTime']],
  [['TaskNotes', 'createDateTime']],
  // One sequence for all attachments, as the demo numbers them (seed.ts); AttachmentInfo lists them all as one entity.
  [['TicketAttachments', 'attachDate'], ['ProjectAttachments', 'attachDate'], ['CompanyAttachments', 'attachDate']],
];

interface Reference {
  entity: string;
  field: string;
  /** Entity the id belongs to; a function for attachments' parentID, which names the most specific record. */
  to: string | ((r: SeedRecord) => string | undefined);
}

const ATTACHMENTS = ['TicketAttachments', 'ProjectAttachments', 'CompanyAttachments'];

/** Every field of the demo that holds an id from a space above. */
const REFERENCES: readonly Reference[] = [
  { entity: 'TicketAttachments', field: 'ticketNoteID', to: 'TicketNotes' },
  { entity: 'TicketAttachments', field: 'timeEntryID', to: 'TimeEntries' },
  { entity: 'TicketAttachments', field: 'parentID', to: (a) => (a.ticketNoteID != null ? 'TicketNotes' : a.timeEntryID != null ? 'TimeEntries' : undefined) },
  { entity: 'ProjectAttachments', field: 'projectNoteID', to: 'ProjectNotes' },
  { entity: 'ProjectAttachments', field: 'parentID', to: (a) => (a.projectNoteID != null ? 'ProjectNotes' : undefined) },
  { entity: 'CompanyAttachments', field: 'companyNoteID', to: 'CompanyNotes' },
  { entity: 'CompanyAttachments', field: 'parentID', to: (a) => (a.companyNoteID != null ? 'CompanyNotes' : undefined) },
  ...ATTACHMENTS.map((entity) => ({ entity, field: 'parentAttachmentID', to: entity })),
];

interface Renumbered {
  /** Old id -> new id, shared by every entity of the space. */
  map: Map<number, number>;
  /** Each entity's records, oldest first (so in new-id order). */
  ordered: Map<string, SeedRecord[]>;
}

function renumberSpace(records: Records, space: ReadonlyArray<readonly [string, string]>): Renumbered {
  const members: Array<{ entity: string; r: SeedRecord; at: string }> = [];
  for (const [entity, field] of space) {
    for (const r of records[entity] ?? []) {
      const at = r[field];
      // iso() output (fixed-width UTC, ...sss'Z') sorts as text in time order; parsing 100k dates is slow.
      if (typeof at !== 'string' || at.length !== 24 || at[23] !== 'Z') throw new Error(`demo seed: ${entity} ${r.id} has no ${field} as a UTC ISO date-time`);
      members.push({ entity, r, at });
    }
  }
  const ids = members.map((m) => m.r.id).sort((a, b) => a - b);
  if (ids.some((id, i) => id === ids[i - 1])) throw new Error(`demo seed: duplicate id in ${space.map(([e]) => e).join('/')}`);
  // Ties keep their old order, so the result is deterministic.
  members.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.r.id - b.r.id));
  const map = new Map<number, number>();
  const ordered = new Map<string, SeedRecord[]>(space.map(([e]) => [e, []]));
  members.forEach((m, i) => {
    map.set(m.r.id, ids[i]);
    ordered.get(m.entity)!.push(m.r);
  });
  return { map, ordered };
}

/** Renumber in place: each space keeps its set of ids, handed out oldest record first; lists end up in id order. */
export function renumberInCreationOrder(records: Records): void {
  const spaces = ID_SPACES.map((space) => renumberSpace(records, space));
  const maps = new Map<string, Map<number, number>>();
  for (const { map, ordered } of spaces) for (const entity of ordered.keys()) maps.set(entity, map);
  for (const ref of REFERENCES) {
    for (const r of records[ref.entity] ?? []) {
      const old = r[ref.field];
      if (old === null || old === undefined) continue;
      const target = typeof ref.to === 'string' ? ref.to : ref.to(r);
      const map = target ? maps.get(target) : undefined;
      if (!map) continue;
      const next = map.get(old as number);
      if (next === undefined) throw new Error(`demo seed: ${ref.entity} ${r.id} ${ref.field}=${String(old)} names no ${target} record`);
      r[ref.field] = next;
    }
  }
  for (const { map, ordered } of spaces) {
    for (const [entity, list] of ordered) {
      for (const r of list) r.id = map.get(r.id)!;
      if (Object.hasOwn(records, entity)) records[entity] = list;
    }
  }
}
