/** Ids of records seen during the run, so a check that needs a parent id rarely pays a query. */
import type { CheckContext } from './types.js';

export function remember(ctx: CheckContext, entity: string, ids: number[]): void {
  const have = ctx.ids.get(entity) ?? [];
  ctx.ids.set(entity, [...new Set([...have, ...ids])]);
}

/** Ids already seen for `entity`, or the lowest one from a one-record query ([] when it has none). */
export async function someIds(ctx: CheckContext, entity: string): Promise<number[]> {
  const have = ctx.ids.get(entity);
  if (have?.length) return have;
  const { items } = await ctx.api.query(entity, { filter: [{ op: 'gte', field: 'id', value: 0 }], includeFields: ['id'], maxRecords: 1 });
  remember(ctx, entity, items.map((r) => r.id));
  return ctx.ids.get(entity) ?? [];
}
