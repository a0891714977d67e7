/**
 * list_notes, get_note and create_note: one tool each for ticket, project and company notes,
 * the kind named by parentType (./implementations.ts does the work per kind). create_note takes the union
 * of the kinds' fields and refuses, before anything is read or sent, a field its kind lacks.
 */
import { z } from 'zod';
import { defineReadTool, defineWriteTool, type ToolDefinition } from '../types.js';
import { ToolInputError } from '../results.js';
import { companyIdSchema, idSchema, orderedPaginationShape } from '../shared.js';
import { isoDateSchema } from '../dates.js';
import { getOutput, listOutput } from '../output.js';
import { NOTE_KINDS, type NoteKind } from './kinds.js';
import { VISIBILITIES } from './visibility.js';
import { noteImplementations } from './implementations.js';

const PARENT_TYPES = NOTE_KINDS.map((k) => k.key) as [NoteKind['key'], ...Array<NoteKind['key']>];
const parentType = z.enum(PARENT_TYPES);

/** create_note fields that only some kinds have: which kinds, for the refusal. */
const ONLY_FOR: Record<string, Array<NoteKind['key']>> = {
  visibility: ['ticket', 'project'],
  isAnnouncement: ['project'],
  assignedResourceID: ['company'],
  contactID: ['company'],
  noteDateTime: ['company'],
};

export function noteTools(now: () => Date = () => new Date()): ToolDefinition[] {
  const impl = noteImplementations(now);

  const listNotes = defineReadTool({
    name: 'list_notes',
    title: 'List notes',
    description: 'Notes of one ticket, project or company, newest first, with author, type and visibility labels; text over 500 characters is cut (get_note reads one whole).',
    toolset: 'notes',
    input: { parentType, parentId: companyIdSchema.describe('0 = your own company.'), createdAfter: isoDateSchema.optional().describe('ISO, inclusive.'), ...orderedPaginationShape },
    output: listOutput,
    async handler({ parentType: key, parentId, ...rest }, ctx) {
      return impl[key].list.handler({ [`${key}ID`]: parentId, ...rest }, ctx);
    },
  });

  const getNote = defineReadTool({
    name: 'get_note',
    title: 'Get note',
    description: 'One ticket, project or company note by id (list_notes gives ids), with labels; text over 8000 characters is cut unless fullText.',
    toolset: 'notes',
    input: { parentType, id: idSchema, fullText: z.boolean().default(false) },
    output: getOutput,
    async handler({ parentType: key, ...rest }, ctx) {
      return impl[key].get.handler(rest, ctx);
    },
  });

  const createNote = defineWriteTool({
    kind: 'create',
    name: 'create_note',
    title: 'Add note',
    description: "Add a note to a ticket, project or company. Internal unless visibility publishes it; company notes never reach the client and need assignedResourceID. noteType takes an id or label (company notes: the action type), default the tenant's.",
    toolset: 'notes',
    input: {
      parentType,
      parentId: companyIdSchema.describe('0 = your own company.'),
      text: z.string().trim().min(1).max(32000),
      title: z.string().trim().min(1).max(32000).optional().describe("Default: the text's first line, cut to the tenant's title length."),
      noteType: z.union([z.number().int().nonnegative(), z.string().trim().min(1).max(100)]).optional(),
      visibility: z.enum(VISIBILITIES).optional().describe('Ticket and project notes. Default internal (staff only); all_autotask_users_and_client publishes to the client: only when the user explicitly asks.'),
      isAnnouncement: z.boolean().optional().describe('Project notes: show as an announcement.'),
      assignedResourceID: idSchema.optional().describe('Company notes: the technician it is recorded for (search_resources).'),
      contactID: idSchema.optional().describe('Company notes: the contact it is about.'),
      noteDateTime: isoDateSchema.optional().describe('Company notes: when it happened; default: the start of this hour.'),
    },
    async plan({ parentType: key, parentId, noteType, ...rest }, ctx) {
      const { kind, create } = impl[key];
      for (const [field, kinds] of Object.entries(ONLY_FOR)) {
        if ((rest as Record<string, unknown>)[field] !== undefined && !kinds.includes(key)) {
          throw new ToolInputError(`${field} applies to ${kinds.join(' and ')} notes only; leave it out for a ${key} note. Nothing was sent.`);
        }
      }
      if (key === 'company' && rest.assignedResourceID === undefined) {
        throw new ToolInputError('A company note needs assignedResourceID: the technician it is recorded for (search_resources gives ids). Nothing was sent.');
      }
      const parsed = create.input.safeParse({ [`${key}ID`]: parentId, ...(noteType !== undefined ? { [kind.typeField]: noteType } : {}), ...definedOnly(rest) });
      if (!parsed.success) throw new ToolInputError(`${z.prettifyError(parsed.error)}\nNothing was sent.`);
      return create.plan(parsed.data, ctx);
    },
    async done(result) {
      const kind = NOTE_KINDS.find((k) => k.entity === result.plan.entity)!;
      return impl[kind.key].create.done(result);
    },
  });

  return [listNotes, getNote, createNote];
}

function definedOnly(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
