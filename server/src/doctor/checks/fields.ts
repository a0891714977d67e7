/**
 * Every entity the configured tools use: its field metadata has each field the tools request,
 * and a one-record query with exactly those IncludeFields is accepted (evidence row
 * results.include-fields: whether fields marked "not queryable" fail the request is unverified).
 */
import type { FieldInfo } from '../../autotask/types.js';
import { commonFix, explain, rethrowBudget } from '../explain.js';
import { entityTargets, type EntityTarget } from '../targets.js';
import { fail, pass, warn, type Check, type CheckResult } from '../types.js';

const ALL = [{ op: 'gte' as const, field: 'id', value: 0 }];

function toolsetFix(t: EntityTarget): string {
  const areas = t.toolsets.length ? t.toolsets.join(', ') : 'every area (names of records)';
  return `The tools of ${areas} send these fields and will fail on this tenant. Report this line with the Autotask version (see "version")${t.toolsets.length ? `; meanwhile leave ${t.toolsets.join(', ')} out of AUTOTASK_TOOLSETS` : ''}.`;
}

const has = (names: Set<string>, f: string) => names.has(f.toLowerCase());

async function checkEntity(api: Parameters<Check>[0]['api'], t: EntityTarget): Promise<CheckResult> {
  const id = `fields.${t.entity}`;
  let meta: FieldInfo[];
  try {
    meta = await api.fields(t.entity);
  } catch (err) {
    rethrowBudget(err);
    return fail(id, `reading the field list failed: ${explain(err)}`, commonFix(err) ?? toolsetFix(t));
  }
  const names = new Set(meta.map((f) => f.name.toLowerCase()));
  const missing = t.fields.filter((f) => !has(names, f));
  const notQueryable = meta.filter((f) => !f.isQueryable && t.fields.some((w) => w.toLowerCase() === f.name.toLowerCase())).map((f) => f.name);
  const details = { fields: t.fields, missing, notQueryable };
  if (missing.length) return fail(id, `${t.entity} has no field(s) ${missing.join(', ')}, which the tools request.`, toolsetFix(t), details);

  let items: Array<Record<string, unknown>>;
  try {
    ({ items } = await api.query(t.entity, { filter: ALL, maxRecords: 1, ...(t.fields.length ? { includeFields: t.fields } : {}) }));
  } catch (err) {
    rethrowBudget(err);
    const hint = notQueryable.length ? ` Fields the metadata marks not queryable: ${notQueryable.join(', ')}.` : '';
    return fail(id, `a query with the tools' IncludeFields failed: ${explain(err)}${hint}`, commonFix(err) ?? toolsetFix(t), details);
  }
  const first = items[0];
  if (first && t.fields.length) {
    const keys = new Set(Object.keys(first).map((k) => k.toLowerCase()));
    const absent = t.fields.filter((f) => !keys.has(f.toLowerCase()));
    if (absent.length) {
      return warn(id, `the query was accepted but the record came back without ${absent.join(', ')}.`, `Tools will show these as empty. ${toolsetFix(t)}`, { ...details, absent });
    }
  }
  const also = notQueryable.length ? `; IncludeFields accepted ${notQueryable.join(', ')} too (marked not queryable)` : '';
  const what = t.fields.length ? `all ${t.fields.length} requested fields exist` : 'no IncludeFields needed';
  return pass(id, `queryable, ${what}${also}${first ? '' : ' (no records to look at)'}.`, details);
}

export const checkFields: Check = async ({ api, config, emit }) => {
  for (const t of entityTargets(config.toolsets)) emit(await checkEntity(api, t));
};
