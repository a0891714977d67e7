/**
 * Picklists the write tools rely on, read the way the tools read them: ticket status and queue,
 * note type and publish (internal resolved as notes/visibility.ts resolves it), attachment
 * publish, task type and status. Only run when writes are enabled.
 */
import type { PicklistValue } from '../../autotask/types.js';
import type { ToolsetName } from '../../config/types.js';
import { NOTE_KINDS } from '../../tools/notes/kinds.js';
import { pickPublishValue } from '../../tools/notes/visibility.js';
import { ATTACHMENT_KINDS } from '../../tools/attachments/kinds.js';
import { commonFix, explain, rethrowBudget } from '../explain.js';
import { fail, pass, warn, type Check, type CheckContext, type CheckResult } from '../types.js';

const listed = (values: PicklistValue[]) => values.map((v) => `${v.value}=${v.label}`).join(', ') || 'none';
const named = (v: { value: string | number; label: string }) => `"${v.label}" (${v.value})`;

/** The picklist, or a fail line when it cannot be read. */
async function read(ctx: CheckContext, id: string, entity: string, field: string): Promise<PicklistValue[] | CheckResult> {
  try {
    return await ctx.api.picklist(entity, field);
  } catch (err) {
    rethrowBudget(err);
    return fail(id, `${entity}.${field}: the picklist could not be read: ${explain(err)}`, commonFix(err) ?? `The write tools need ${entity}.${field}; report this line with the Autotask version.`);
  }
}

interface Use {
  /** Who relies on the value, for the pass line: "create_ticket uses it when none is given". */
  usedBy: string;
  /** What breaks without a default. */
  noDefault: string;
}

/** Active values exist; a default exists for tools that fall back to it. */
async function defaulted(ctx: CheckContext, id: string, entity: string, field: string, use: Use): Promise<CheckResult> {
  const values = await read(ctx, id, entity, field);
  if (!Array.isArray(values)) return values;
  if (!values.length) return warn(id, `${entity}.${field} lists no values (not a picklist in this tenant's metadata): ${use.noDefault}, as a numeric id.`, `Give ${field} as a numeric id.`);
  const active = values.filter((v) => v.isActive);
  const details = { active: active.map((v) => ({ value: v.value, label: v.label })) };
  if (!active.length) return fail(id, `${entity}.${field} has no active values: ${use.noDefault}.`, `Add or activate a ${field} value in Autotask.`, details);
  const def = active.find((v) => v.isDefaultValue);
  if (!def) return warn(id, `${entity}.${field}: ${active.length} active values but no default: ${use.noDefault} (values: ${listed(active)}).`, `Set a default ${field} in Autotask, or always give one.`, details);
  return pass(id, `${entity}.${field}: ${active.length} active values, default ${named(def)}; ${use.usedBy}.`, { ...details, default: def.value });
}

/** Internal must resolve (tools refuse otherwise); "published" should, or publishing is refused. */
async function publish(ctx: CheckContext, id: string, entity: string, what: string): Promise<CheckResult> {
  const values = await read(ctx, id, entity, 'publish');
  if (!Array.isArray(values)) return values;
  let internal;
  try {
    internal = pickPublishValue(values, 'internal', entity);
  } catch (err) {
    return fail(id, explain(err), `${what} tools write nothing until the tenant's ${entity} publish list has a staff-only value whose label says "internal".`, { values: values.map((v) => ({ value: v.value, label: v.label })) });
  }
  try {
    const all = pickPublishValue(values, 'all_autotask_users_and_client', entity);
    return pass(id, `${entity}.publish: internal ${what.toLowerCase()}s are sent as ${named(internal)}, published ones as ${named(all)}.`, {
      internal: internal.value,
      published: all.value,
    });
  } catch (err) {
    return warn(id, `${entity}.publish: internal resolves to "${internal.label}" (${internal.value}), but ${explain(err)}`, `Publishing a ${what.toLowerCase()} to the client will be refused; internal ones work.`, { internal: internal.value });
  }
}

export const checkPicklists: Check = async (ctx) => {
  const on = (t: ToolsetName) => ctx.config.toolsets.includes(t);
  const { emit } = ctx;
  if (ctx.config.readOnly) {
    emit(pass('writes', 'AUTOTASK_READ_ONLY=true: no write tools, so the checks of what writes need were skipped.'));
    return;
  }
  if (on('tickets')) {
    emit(await defaulted(ctx, 'tickets.status', 'Tickets', 'status', { usedBy: 'create_ticket uses it when no status is given', noDefault: 'create_ticket needs a status on every new ticket' }));
    emit(
      await defaulted(ctx, 'tickets.queue', 'Tickets', 'queueID', {
        usedBy: 'Autotask needs a queue, or an assigned resource and role, on every new ticket',
        noDefault: 'give a queue (or an assigned resource) on every new ticket, or Autotask refuses it',
      }),
    );
  }
  if (on('notes')) {
    for (const k of NOTE_KINDS) {
      const tool = `create_${k.key}_note`;
      emit(await defaulted(ctx, `notes.type.${k.entity}`, k.entity, k.typeField, { usedBy: `${tool} uses it when no ${k.typeField} is given`, noDefault: `${tool} needs ${k.typeField} on every note` }));
      if (k.hasPublish) emit(await publish(ctx, `notes.publish.${k.entity}`, k.entity, 'Note'));
    }
  }
  if (on('attachments')) emit(await publish(ctx, `attachments.publish.${ATTACHMENT_KINDS.ticket.entity}`, ATTACHMENT_KINDS.ticket.entity, 'Attachment'));
  if (on('projects')) {
    emit(await defaulted(ctx, 'tasks.type', 'Tasks', 'taskType', { usedBy: 'create_task uses it when no taskType is given', noDefault: 'create_task needs taskType on every task' }));
    emit(await defaulted(ctx, 'tasks.status', 'Tasks', 'status', { usedBy: 'create_task uses it when no status is given', noDefault: 'create_task needs status on every task' }));
  }
};
