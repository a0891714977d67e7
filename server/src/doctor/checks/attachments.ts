/**
 * One attachment read, the way get_attachment reads: GET the root TicketAttachments/{id}. The
 * attachment is found under tickets already seen in this run (Autotask requires the parent id on
 * attachment queries); only a small file is read (at most 1 MB by its fileSize), and the line
 * says whether the root record carried the bytes (`data`).
 */
import type { AutotaskRecord } from '../../autotask/types.js';
import { ATTACHMENT_KINDS } from '../../tools/attachments/kinds.js';
import { commonFix, explain, rethrowBudget } from '../explain.js';
import { someIds } from '../samples.js';
import { fail, pass, warn, type Check } from '../types.js';

const ID = 'attachments.read';
const SMALL = 1024 * 1024;
/** Parents per query: each `in` element counts as one of Autotask's 500 OR conditions. */
const MAX_PARENTS = 100;

const base64Bytes = (data: string) => Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);

/** File attachments first, then the smallest; only those with a known size up to 1 MB. */
function smallest(items: AutotaskRecord[]): AutotaskRecord | undefined {
  const isFile = (a: AutotaskRecord) => Number(a.attachmentType === 'FILE_ATTACHMENT');
  return items.filter((a) => typeof a.fileSize === 'number' && a.fileSize <= SMALL).sort((a, b) => isFile(b) - isFile(a) || (a.fileSize as number) - (b.fileSize as number))[0];
}

export const checkAttachmentRead: Check = async (ctx) => {
  if (!ctx.config.toolsets.includes('attachments')) return;
  const { api, emit } = ctx;
  const kind = ATTACHMENT_KINDS.ticket;
  try {
    const parents = (await someIds(ctx, kind.parentEntity)).slice(0, MAX_PARENTS);
    if (!parents.length) {
      emit(pass(ID, `no ${kind.parentEntity} in this tenant, so no attachment to read (not checked).`, { checked: false }));
      return;
    }
    const under = parents.length === 1 ? { op: 'eq' as const, field: kind.parentField, value: parents[0]! } : { op: 'in' as const, field: kind.parentField, value: parents };
    const { items } = await api.query(kind.entity, { filter: [under], includeFields: ['id', 'fileSize', 'attachmentType', kind.parentField], maxRecords: 50 });
    if (!items.length) {
      emit(pass(ID, `none of the ${parents.length} ${kind.parentEntity} looked at has an attachment (not checked).`, { checked: false, parents: parents.length }));
      return;
    }
    const pick = smallest(items);
    if (!pick) {
      emit(warn(ID, `none of the ${items.length} attachments found has a fileSize up to 1 MB, so no read was tried.`, 'Nothing to fix if get_attachment works for you; otherwise attach a small file to a ticket and run the doctor again.', { checked: false }));
      return;
    }
    const record = await api.get(kind.entity, pick.id);
    if (!record) {
      emit(fail(ID, `GET ${kind.entity}/${pick.id} found nothing, although the query listed that id.`, 'get_attachment will answer "not found" for existing attachments: report this line with the Autotask version.', { id: pick.id }));
      return;
    }
    const data = typeof record.data === 'string' && record.data !== '' ? record.data : null;
    const carried = data ? `with its data (${base64Bytes(data)} bytes)` : 'without data (the bytes are not in the root record)';
    emit(pass(ID, `GET ${kind.entity}/${pick.id} (${pick.fileSize} bytes, ${String(pick.attachmentType ?? 'type unknown')}) returned the record ${carried}.`, { id: pick.id, fileSize: pick.fileSize, dataBytes: data ? base64Bytes(data) : null }));
  } catch (err) {
    rethrowBudget(err);
    emit(fail(ID, `reading a ticket attachment failed: ${explain(err)}`, commonFix(err) ?? 'list_attachments and get_attachment read these routes: report this line with the Autotask version.'));
  }
};
