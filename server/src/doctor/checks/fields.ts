/**
 * Every entity the configured tools use: its field metadata has each field the tools request,
 * and a one-record query with exactly those IncludeFields is accepted (evidence row
 * results.include-fields: whether fields marked "not queryable" fail the request is unverified).
 * Attachments are queried under one parent record, as the tools query them.
 */
import type { FieldInfo, FilterExpression } from '../../autotask/types.js';
import { commonFix, explain, rethrowBudget } from '../explain.js';
import { remember, someIds } from '../samples.js';
import { entityTargets, type EntityTarget } from '../targets.js';
import { fail, pass, warn, type Check, type CheckContext, type CheckResult } from '../types.js';

const ALL: FilterExpression[] = [{ op: 'gte', field: 'id', value: 0 }];

function toolsetFix(t: EntityTarget): string {
  const areas = t.toolsets.length ? t.toolsets.join(', ') : 'every area (names of records)';
  return `The tools of ${areas} send these fields and will fail on this tenant. Report this line with the Autotask version (see "version")${t.toolsets.length ? `; meanwhile leave ${t.toolsets.join(', ')} out of AUTOTASK_TOOLSETS` : ''}.`;
}

/** The filter the check queries with: everything, or one parent's records. null: no parent record exists. */
async function filterFor(ctx: CheckContext, t: EntityTarget): Promise<{ filter: FilterExpression[]; under: string } | null> {
  if (!t.parent) return { filter: ALL, under: '' };
  const parentId = (await someIds(ctx, t.parent.entity)).at(0);
  if (parentId === undefined) return null;
  return { filter: [{ op: 'eq', field: t.parent.field, value: parentId }], under: ` (under ${t.parent.entity} ${parentId})` };
}

async function checkEntity(ctx: CheckContext, t: EntityTarget): Promise<CheckResult> {
  const id = `fields.${t.entity}`;
  let meta: FieldInfo[];
  try {
    meta = await ctx.api.fields(t.entity);
  } catch (err) {
    rethrowBudget(err);
    return fail(id, `reading the field list failed: ${explain(err)}`, commonFix(err) ?? toolsetFix(t));
  }
  const names = new Set(meta.map((f) => f.name.toLowerCase()));
  const missing = t.fields.filter((f) => !names.has(f.toLowerCase()));
  const notQueryable = meta.filter((f) => !f.isQueryable && t.fields.some((w) => w.toLowerCase() === f.name.toLowerCase())).map((f) => f.name);
  const details = { fields: t.fields, missing, notQueryable };
  if (missing.length) return fail(id, `no field(s) ${missing.join(', ')} in this tenant, but the tools request them.`, toolsetFix(t), details);

  let items: Array<Record<string, unknown> & { id: number }>;
  let under = '';
  try {
    const scope = await filterFor(ctx, t);
    if (!scope) return pass(id, `all ${t.fields.length} requested fields exist; not queried: there is no ${t.parent?.entity} record to look under.`, details);
    under = scope.under;
    ({ items } = await ctx.api.query(t.entity, { filter: scope.filter, maxRecords: 1, ...(t.fields.length ? { includeFields: t.fields } : {}) }));
  } catch (err) {
    rethrowBudget(err);
    const hint = notQueryable.length ? ` Fields the metadata marks not queryable: ${notQueryable.join(', ')}.` : '';
    return fail(id, `a query with the tools' IncludeFields${under} failed: ${explain(err)}${hint}`, commonFix(err) ?? toolsetFix(t), details);
  }
  remember(ctx, t.entity, items.map((r) => r.id));
  const first = items.at(0);
  if (first && t.fields.length) {
    const keys = new Set(Object.keys(first).map((k) => k.toLowerCase()));
    const absent = t.fields.filter((f) => !keys.has(f.toLowerCase()));
    if (absent.length) {
      return warn(id, `the query${under} was accepted but the record came back without ${absent.join(', ')}.`, `Tools will show these as empty. ${toolsetFix(t)}`, { ...details, absent });
    }
  }
  const also = notQueryable.length ? `; IncludeFields accepted ${notQueryable.join(', ')} too (marked not queryable)` : '';
  const what = t.fields.length ? `all ${t.fields.length} requested fields exist` : 'no IncludeFields needed';
  return pass(id, `queryable${under}, ${what}${also}${first ? '' : ' (no records to look at)'}.`, details);
}

/**
 * Evidence row fields.query-error-include-fields: whether Autotask refuses a field documented as
 * not queryable (Tasks.remainingHours) in IncludeFields. The tools never send one either way; the
 * answer tells whether the fake's refusal matches this tenant.
 */
async function checkNonQueryable(ctx: CheckContext): Promise<CheckResult | null> {
  if (!ctx.config.toolsets.includes('projects')) return null;
  const id = 'fields.non-queryable';
  try {
    await ctx.api.query('Tasks', { filter: ALL, maxRecords: 1, includeFields: ['id', 'remainingHours'] });
    return pass(id, 'Autotask accepts Tasks.remainingHours (documented as not queryable) in IncludeFields; the tools read it from a get by id anyway, nothing to fix.', { accepted: true });
  } catch (err) {
    rethrowBudget(err);
    return pass(id, `Autotask refuses Tasks.remainingHours in IncludeFields (${explain(err)}), as the tools assume: they read it from a get by id.`, { accepted: false });
  }
}

export const checkFields: Check = async (ctx) => {
  for (const t of entityTargets(ctx.config.toolsets)) ctx.emit(await checkEntity(ctx, t));
  const nq = await checkNonQueryable(ctx);
  if (nq) ctx.emit(nq);
};
