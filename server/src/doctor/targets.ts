/**
 * What the tools ask Autotask for, taken from the tools' own constants (never copied), so the
 * doctor checks exactly the fields the tools send. An entity is checked when a configured
 * toolset uses it; name lookups (companyName, ticketNumber...) serve every toolset.
 */
import type { ToolsetName } from '../config/types.js';
import { TICKET_LIST_FIELDS } from '../tools/tickets/common.js';
import { COMPANY_LIST_FIELDS } from '../tools/companies/common.js';
import { CONTACT_LIST_FIELDS } from '../tools/contacts/common.js';
import { PROJECT_LIST_FIELDS, TASK_LIST_FIELDS } from '../tools/projects/common.js';
import { TIME_LIST_FIELDS } from '../tools/time/common.js';
import { RESOURCE_FIELDS } from '../tools/resources/read.js';
import { ATTACHMENT_KINDS } from '../tools/attachments/kinds.js';
import { NOTE_KINDS, type NoteKind } from '../tools/notes/kinds.js';
import { LOOKUPS } from '../tools/enrich.js';

interface Source {
  entity: string;
  /** 'names': enrichment, used by every toolset. */
  toolset: ToolsetName | 'names';
  fields: readonly string[];
  parent?: EntityTarget['parent'];
}

/** Note tools read whole records; these are the fields they rely on. */
function noteFields(k: NoteKind): string[] {
  return [k.parentField, k.titleField, k.textField, k.typeField, k.dateField, ...(k.hasPublish ? ['publish'] : [])];
}

const SOURCES: Source[] = [
  { entity: 'Tickets', toolset: 'tickets', fields: TICKET_LIST_FIELDS },
  { entity: 'Companies', toolset: 'companies', fields: COMPANY_LIST_FIELDS },
  { entity: 'Contacts', toolset: 'contacts', fields: CONTACT_LIST_FIELDS },
  { entity: 'Projects', toolset: 'projects', fields: PROJECT_LIST_FIELDS },
  { entity: 'Tasks', toolset: 'projects', fields: TASK_LIST_FIELDS },
  { entity: 'TimeEntries', toolset: 'time', fields: TIME_LIST_FIELDS },
  { entity: 'Resources', toolset: 'resources', fields: RESOURCE_FIELDS },
  // get_resource lists a resource's queues (no IncludeFields beyond its filter fields).
  { entity: 'ResourceRoleQueues', toolset: 'resources', fields: [] },
  ...NOTE_KINDS.map((k): Source => ({ entity: k.entity, toolset: 'notes', fields: noteFields(k) })),
  // Attachment lists send no IncludeFields (fileSize may not be named there: tools/attachments/kinds.ts).
  ...Object.values(ATTACHMENT_KINDS).map((k): Source => ({ entity: k.entity, toolset: 'attachments', fields: [], parent: { entity: k.parentEntity, field: k.idField } })),
  ...Object.values(LOOKUPS).map((l): Source => ({ entity: l.entity, toolset: 'names', fields: l.includeFields })),
];

export interface EntityTarget {
  entity: string;
  /** Union of the fields the enabled tools request, in first-seen order. */
  fields: string[];
  /** Toolsets that use the entity (for fixes: "leave X out of AUTOTASK_TOOLSETS"). */
  toolsets: ToolsetName[];
  /**
   * Queried under one parent record, as the tools do: Autotask requires the parent's id on
   * attachment queries (official "Changes to Attachment entities").
   */
  parent?: { entity: string; field: string };
}

export function entityTargets(enabled: readonly ToolsetName[]): EntityTarget[] {
  const byEntity = new Map<string, EntityTarget>();
  for (const s of SOURCES) {
    if (s.toolset !== 'names' && !enabled.includes(s.toolset)) continue;
    const t: EntityTarget = byEntity.get(s.entity) ?? { entity: s.entity, fields: [], toolsets: [], ...(s.parent ? { parent: s.parent } : {}) };
    for (const f of s.fields) if (f.toLowerCase() !== 'id' && !t.fields.includes(f)) t.fields.push(f);
    if (s.toolset !== 'names' && !t.toolsets.includes(s.toolset)) t.toolsets.push(s.toolset);
    byEntity.set(s.entity, t);
  }
  return [...byEntity.values()];
}
