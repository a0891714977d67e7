/** The record part of the catalogue's get tools: every set field, labels, names and UDFs. */
import type { AutotaskRecord } from '../../autotask/types.js';
import { getEntity } from '../../catalogue/index.js';
import type { ToolContext } from '../types.js';
import { autoColumns, compactRecord, untrustedFieldNames } from '../query/render.js';
import type { Column, Rec } from '../rows.js';

const TEXT_PREVIEW = 2000;

/** Labels and reference names filled in, long text cut, and the columns to show it with. */
export async function catalogueRecord(ctx: ToolContext, entity: string, found: AutotaskRecord, named: Record<string, Column> = {}): Promise<{ record: Rec; columns: Column[] }> {
  await ctx.names.enrich(entity, [found], ctx.signal);
  const record = compactRecord(found, { maxText: TEXT_PREVIEW, howToGetAll: `get_entity ${entity} id ${found.id} returns it whole` });
  const spec = getEntity(entity);
  const byKey = new Map(Object.entries(named));
  const columns = autoColumns([record], new Set(spec ? untrustedFieldNames(spec) : [])).map((c) => byKey.get(c.key) ?? c);
  return { record, columns };
}
