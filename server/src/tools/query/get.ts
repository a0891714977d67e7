/** get_entity: one record of any entity by id, whole (no truncation), or a plain "no such record". */
import { z } from 'zod';
import { defineReadTool } from '../types.js';
import { structuredResult, ToolInputError } from '../results.js';
import { idSchema } from '../shared.js';
import { UTC } from '../dates.js';
import { record as recordView, untrustedList, Names } from '../rows.js';
import { fencedText } from '../untrusted.js';
import { resolveEntity } from './entities.js';
import { autoColumns, compactRecord, untrustedFieldNames } from './render.js';
import { base64DecodedSize } from '../attachments/files.js';

export const getEntity = defineReadTool({
  name: 'get_entity',
  title: 'Get one record of any Autotask entity',
  description: 'One record of any entity by id, every non-empty field whole, ids with names and labels; item is null when there is no such record. For entities without a typed get tool, or text query_entities cut.',
  toolset: 'query',
  input: {
    entity: z.string().trim().min(1).max(100).describe('As list_entities names it.'),
    id: idSchema,
  },
  async handler(args, ctx) {
    const spec = resolveEntity(args.entity);
    if (!spec.get) throw new ToolInputError(`Autotask has no get-by-id for ${spec.name}; use query_entities with {"op":"eq","field":"id","value":${args.id}}.`);
    const record = await ctx.api.get(spec.name, args.id, { signal: ctx.signal });
    if (!record) {
      return structuredResult(
        { entity: spec.name, id: args.id, item: null },
        `There is no ${spec.name} record with id ${args.id} (or the API user may not see it). This is a definitive answer from Autotask, not an error.`,
      );
    }
    // Attachment roots return the file itself (base64, up to ~9 MB): never into a generic result.
    for (const f of spec.fields) {
      if (f.type === 'base64' && typeof record[f.name] === 'string' && record[f.name] !== '') {
        record[f.name] = `[${base64DecodedSize(record[f.name] as string)} bytes of file content not shown: use get_attachment]`;
      }
    }
    await ctx.names.enrich(spec.name, [record], ctx.signal);
    const item = compactRecord(record, { maxText: null, howToGetAll: '' });
    const names = new Names();
    const view = recordView(autoColumns([item], new Set(untrustedFieldNames(spec))), item, UTC, names);
    const structured = { entity: spec.name, id: args.id, item: view.structured, ...(names.size ? { names: names.toJSON() } : {}), untrusted: untrustedList(view.untrusted, names) ?? [] };
    return structuredResult(structured, fencedText([`${spec.name} ${args.id} (null fields omitted):`], view.lines));
  },
});
