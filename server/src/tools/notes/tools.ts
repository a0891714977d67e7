/**
 * list_/get_/create_{ticket,project,company}_note, built from the NOTE_KINDS table. Lists query
 * the root entity by parent id (never the child GET list, which cannot filter or page).
 */
import { z } from 'zod';
import type { AutotaskApi, FilterExpression, RequestOptions } from '../../autotask/types.js';
import { defineReadTool, defineWriteTool, type ToolDefinition, type WritePlan } from '../types.js';
import { structuredResult, ToolInputError } from '../results.js';
import { idSchema, noneFound, orderedPaginationShape, queryPage, truncate } from '../shared.js';
import { isoDateSchema, toInstant } from '../dates.js';
import { field, instant, label, listOutput, pageResult, recordResult, ref, text, type Column } from '../rows.js';
import { zoneOf } from '../tenant-zone.js';
import { resolvePicklistValue } from '../picklists.js';
import { NOTE_KINDS, type NoteKind } from './kinds.js';
import { getOutput } from '../output.js';
import { doneResult } from '../preview.js';
import { publishWarning, resolveVisibility, visibilityInput, type Visibility } from './visibility.js';
import { noteTitle, titleWarnings } from './title.js';

const LIST_TEXT_MAX = 500;
const GET_TEXT_MAX = 8000;
const typeInput = z.union([z.number().int().nonnegative(), z.string().trim().min(1).max(100)]);

/** A note row: when, by whom (a resource, or the contact who wrote it), type, visibility, text. */
function noteColumns(kind: NoteKind, long = false): Column[] {
  return [
    field('id'),
    instant(kind.dateField),
    ref('creatorResourceID'),
    ref('assignedResourceID'),
    ref('createdByContactID'),
    ref('contactID'),
    label(kind.typeField),
    ...(kind.hasPublish ? [label('publish')] : []),
    text(kind.titleField),
    text(kind.textField, kind.textField, { long }),
  ];
}

function listTool(kind: NoteKind) {
  return defineReadTool({
    name: `list_${kind.key}_notes`,
    title: `List ${kind.key} notes`,
    description:
      `Notes of one ${kind.key}, newest first unless order is "oldest", a page at a time (limit + cursor), with author, type${kind.hasPublish ? ' and visibility' : ''} labels. ` +
      `Long note text is cut at ${LIST_TEXT_MAX} characters with a marker: get_${kind.key}_note returns a note whole.`,
    toolset: 'notes',
    input: {
      [`${kind.key}ID`]: idSchema.describe(`The ${kind.key} id whose notes to list.`),
      createdAfter: isoDateSchema.optional().describe('Only notes created on or after this ISO date/time.'),
      ...orderedPaginationShape,
    },
    output: listOutput,
    async handler(args, ctx) {
      const parentId = (args as Record<string, unknown>)[`${kind.key}ID`] as number;
      const filter: FilterExpression[] = [{ op: 'eq', field: kind.parentField, value: parentId }];
      const zone = await zoneOf(ctx);
      if (args.createdAfter) filter.push({ op: 'gte', field: kind.dateField, value: toInstant(args.createdAfter as string, zone, 'createdAfter') });
      const page = await queryPage(ctx.api, kind.entity, filter, { limit: args.limit as number, cursor: args.cursor as string | undefined, order: args.order as 'newest' | 'oldest', signal: ctx.signal });
      await ctx.names.enrich(kind.entity, page.items, ctx.signal);
      for (const n of page.items) {
        if (typeof n[kind.textField] === 'string') n[kind.textField] = truncate(n[kind.textField] as string, LIST_TEXT_MAX, `get_${kind.key}_note id ${n.id} returns it whole`);
      }
      return pageResult({
        what: `notes of ${kind.key} ${parentId}`,
        columns: noteColumns(kind),
        records: page.items,
        zone,
        page,
        order: args.order as string,
        empty: noneFound(`${kind.key} notes`, `${kind.key} ${parentId}${args.createdAfter ? ` created after ${args.createdAfter}` : ''}`),
      });
    },
  });
}

function getTool(kind: NoteKind) {
  return defineReadTool({
    name: `get_${kind.key}_note`,
    title: `Get ${kind.key} note`,
    description: `One ${kind.key} note by its id (list_${kind.key}_notes gives ids), with labels. Text over ${GET_TEXT_MAX} characters is cut unless fullText is true.`,
    toolset: 'notes',
    input: {
      id: idSchema.describe('Note id.'),
      fullText: z.boolean().default(false).describe('Return the note text whole, however long.'),
    },
    output: getOutput('note'),
    async handler(args, ctx) {
      const note = await ctx.api.get(kind.entity, args.id, { signal: ctx.signal });
      if (!note) return structuredResult({ found: false }, `No ${kind.key} note with id ${args.id} exists (or the API user cannot see it). list_${kind.key}_notes lists the notes of a ${kind.key}.`);
      const n: Record<string, unknown> = { ...note };
      await ctx.names.enrich(kind.entity, [n], ctx.signal);
      if (typeof n[kind.textField] === 'string' && !args.fullText) n[kind.textField] = truncate(n[kind.textField] as string, GET_TEXT_MAX, `call get_${kind.key}_note with fullText: true`);
      return recordResult({ head: `Note ${n.id} of ${kind.key} ${n[kind.parentField]}:`, key: 'note', columns: [ref(kind.parentField), ...noteColumns(kind, true)], record: n, zone: await zoneOf(ctx) });
    },
  });
}

/** Note type as id or label; the default is the picklist's default value (never a hard-coded id). */
async function resolveNoteType(api: AutotaskApi, kind: NoteKind, input: unknown, opts: RequestOptions): Promise<{ value: number; label: string }> {
  const values = await api.picklist(kind.entity, kind.typeField, opts);
  if (!values.length) {
    // Not a picklist in this tenant's metadata: only a numeric id can be passed through.
    if (typeof input === 'number') return { value: input, label: String(input) };
    throw new ToolInputError(`Give ${kind.typeField} as a numeric id for ${kind.key} notes (this tenant's metadata lists no labels for it).`);
  }
  if (input === undefined) {
    const def = values.find((v) => v.isDefaultValue && v.isActive);
    if (!def) throw new ToolInputError(`This tenant has no default ${kind.typeField}. Give one of: ${values.filter((v) => v.isActive).map((v) => `${v.value}=${v.label}`).join(', ')}.`);
    return { value: Number(def.value), label: def.label };
  }
  const value = await resolvePicklistValue(api, kind.entity, kind.typeField, input as number | string, { ...opts, forWrite: true });
  return { value, label: values.find((v) => Number(v.value) === value)?.label ?? String(value) };
}

function createTool(kind: NoteKind, now: () => Date) {
  const textMax = 32000;
  return defineWriteTool({
    kind: 'create',
    name: `create_${kind.key}_note`,
    title: `Add ${kind.key} note`,
    description:
      `Add a note to a ${kind.key} (sent as POST ${kind.parentEntity}/{id}/Notes). ` +
      (kind.hasPublish
        ? 'The note is INTERNAL unless visibility is "all_autotask_users_and_client", which publishes it to the client: only do that when the user explicitly asks. '
        : 'Company notes are internal records; Autotask never shows them to the client. ') +
      `${kind.typeField} accepts an id or label and defaults to the tenant's default. Two-step: confirm with the returned confirmationToken after the user approves the preview.`,
    toolset: 'notes',
    input: {
      [`${kind.key}ID`]: idSchema.describe(`The ${kind.key} to add the note to.`),
      text: z.string().trim().min(1).max(textMax).describe(`The note text (max ${textMax} characters).`),
      title: z.string().trim().min(1).max(textMax).optional().describe("Note title; default: the text's first line. Cut to the tenant's title length."),
      [kind.typeField]: typeInput.optional().describe(`${kind.typeField} id or label; default: the tenant's default.`),
      ...(kind.hasPublish ? { visibility: visibilityInput } : {}),
      ...kind.extraInput,
    } as z.ZodRawShape,
    async plan(rawArgs, ctx) {
      const args = rawArgs as Record<string, unknown>;
      const opts = { signal: ctx.signal };
      const parentId = args[`${kind.key}ID`] as number;
      const parent = await ctx.api.get(kind.parentEntity, parentId, opts);
      if (!parent) throw new ToolInputError(`No ${kind.key} with id ${parentId} exists. Nothing was sent.`);
      const type = await resolveNoteType(ctx.api, kind, args[kind.typeField], opts);
      const title = await noteTitle(ctx.api, kind, args.title as string | undefined, args.text as string, opts);
      const body: Record<string, unknown> = { [kind.parentField]: parentId, [kind.titleField]: title.value };
      body[kind.textField] = args.text;
      body[kind.typeField] = type.value;
      let warnings: string[] = [];
      let visibilityText = 'internal';
      if (kind.hasPublish) {
        const vis = await resolveVisibility(ctx.api, kind.entity, (args.visibility as Visibility | undefined) ?? 'internal', opts);
        body.publish = vis.value;
        warnings = publishWarning(vis, 'note');
        visibilityText = vis.clientVisible ? `PUBLISHED (${vis.label})` : `internal (${vis.label})`;
      }
      Object.assign(body, kind.extraBody(args, ctx.now?.() ?? now(), await zoneOf(ctx)));
      return {
        operation: 'create',
        entity: kind.entity,
        parent: { entity: kind.parentEntity, id: parentId },
        body,
        summary: `Add ${/^[aeiou]/i.test(visibilityText) ? 'an' : 'a'} ${visibilityText} note "${title.value}" (type ${type.label}) to ${kind.parentDisplay(parent)}.`,
        warnings: [...titleWarnings(title), ...warnings],
      } satisfies WritePlan;
    },
    async done({ id, plan }) {
      return doneResult({ status: 'done', operation: 'create', entity: kind.entity, id, parent: plan.parent ?? null }, `Created ${kind.key} note ${id}.`, plan);
    },
  });
}

export function noteTools(now: () => Date = () => new Date()): ToolDefinition[] {
  return NOTE_KINDS.flatMap((kind) => [listTool(kind), getTool(kind), createTool(kind, now)] as ToolDefinition[]);
}
