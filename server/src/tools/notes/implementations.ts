/**
 * What list_notes, get_note and create_note (./definitions.ts) do for one kind of note, built from
 * the NOTE_KINDS table. Lists query the root entity by parent id (never the child GET list,
 * which cannot filter or page).
 */
import { z } from 'zod';
import type { AutotaskApi, FilterExpression, RequestOptions } from '../../autotask/types.js';
import type { ToolContext, ToolResult, WritePlan } from '../types.js';
import { structuredResult, ToolInputError } from '../results.js';
import { companyIdSchema, idSchema, noneFound, queryPage, truncate } from '../shared.js';
import { toInstant } from '../dates.js';
import { field, instant, label, pageResult, recordResult, ref, text, type Column } from '../rows.js';
import { zoneOf } from '../tenant-zone.js';
import { resolvePicklistValue } from '../picklists.js';
import { NOTE_KINDS, type NoteKind } from './kinds.js';
import { doneResult } from '../preview.js';
import { LOOKUPS } from '../enrich.js';
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

/** Args carry `${kind.key}ID` (list_notes maps parentId onto it) and the parsed paging arguments. */
function listTool(kind: NoteKind) {
  return {
    async handler(args: Record<string, unknown>, ctx: ToolContext): Promise<ToolResult> {
      const parentId = (args)[`${kind.key}ID`] as number;
      const filter: FilterExpression[] = [{ op: 'eq', field: kind.parentField, value: parentId }];
      const zone = await zoneOf(ctx);
      if (args.createdAfter) filter.push({ op: 'gte', field: kind.dateField, value: toInstant(args.createdAfter as string, zone, 'createdAfter') });
      const page = await queryPage(ctx.api, kind.entity, filter, { limit: args.limit as number, cursor: args.cursor as string | undefined, order: args.order as 'newest' | 'oldest', signal: ctx.signal });
      await ctx.names.enrich(kind.entity, page.items, ctx.signal);
      for (const n of page.items) {
        if (typeof n[kind.textField] === 'string') n[kind.textField] = truncate(n[kind.textField] as string, LIST_TEXT_MAX, `get_note parentType=${kind.key} id=${n.id} returns it whole`);
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
  };
}

function getTool(kind: NoteKind) {
  return {
    async handler(args: { id: number; fullText: boolean }, ctx: ToolContext): Promise<ToolResult> {
      const note = await ctx.api.get(kind.entity, args.id, { signal: ctx.signal });
      if (!note) return structuredResult({ found: false }, `No ${kind.key} note with id ${args.id} exists (or the API user cannot see it). list_notes lists the notes of a ${kind.key}.`);
      const n: Record<string, unknown> = { ...note };
      await ctx.names.enrich(kind.entity, [n], ctx.signal);
      if (typeof n[kind.textField] === 'string' && !args.fullText) n[kind.textField] = truncate(n[kind.textField] as string, GET_TEXT_MAX, 'call get_note again with fullText: true');
      return recordResult({ head: `Note ${n.id} of ${kind.key} ${n[kind.parentField]}:`, key: 'note', columns: [ref(kind.parentField), ...noteColumns(kind, true)], record: n, zone: await zoneOf(ctx) });
    },
  };
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

/** Input as create_note passes it on: `${kind.key}ID` and the kind's own fields, validated (and defaulted) here. */
function createTool(kind: NoteKind, now: () => Date) {
  const textMax = 32000;
  return {
    input: z.strictObject({
      [`${kind.key}ID`]: kind.key === 'company' ? companyIdSchema : idSchema,
      text: z.string().trim().min(1).max(textMax),
      title: z.string().trim().min(1).max(textMax).optional(),
      [kind.typeField]: typeInput.optional(),
      ...(kind.hasPublish ? { visibility: visibilityInput } : {}),
      ...kind.extraInput,
    }),
    async plan(rawArgs: Record<string, unknown>, ctx: ToolContext): Promise<WritePlan> {
      const args = rawArgs;
      const opts = { signal: ctx.signal };
      const parentId = args[`${kind.key}ID`] as number;
      const parent = await ctx.api.get(kind.parentEntity, parentId, opts);
      if (!parent) throw new ToolInputError(`No ${kind.key} with id ${parentId} exists. Nothing was sent.`);
      for (const r of kind.references ?? []) {
        const id = args[r.field];
        if (typeof id !== 'number') continue;
        const found = await ctx.names.lookup(LOOKUPS[r.lookup], [id], ctx.signal);
        if (!found.get(id)) throw new ToolInputError(`No ${r.what} with id ${id} exists. ${r.hint} Nothing was sent.`);
      }
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
    async done({ id, plan }: { id: number; plan: WritePlan }): Promise<ToolResult> {
      return doneResult({ status: 'done', operation: 'create', entity: kind.entity, id, parent: plan.parent ?? null }, `Created ${kind.key} note ${id}.`, plan);
    },
  };
}

export interface NoteImplementation {
  kind: NoteKind;
  list: ReturnType<typeof listTool>;
  get: ReturnType<typeof getTool>;
  create: ReturnType<typeof createTool>;
}

/** Per kind of parent: what the three note tools do. */
export function noteImplementations(now: () => Date = () => new Date()): Record<NoteKind['key'], NoteImplementation> {
  return Object.fromEntries(NOTE_KINDS.map((kind) => [kind.key, { kind, list: listTool(kind), get: getTool(kind), create: createTool(kind, now) }])) as Record<NoteKind['key'], NoteImplementation>;
}
