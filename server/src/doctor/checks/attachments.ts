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
    const under = parents.length === 1 ? { op: 'eq' as const, field: kind.idField, value: parents[0] } : { op: 'in' as const, field: kind.idField, value: parents };
    // No IncludeFields: fileSize may not be named there, and a plain query returns it (tools/attachments/kinds.ts).
    const { items } = await api.query(kind.entity, { filter: [under], maxRecords: 50 });
    if (!items.length) {
      emit(pass(ID, `none of the ${parents.length} ${kind.parentEntity} looked at has an attachment (not checked).`, { checked: false, parents: parents.length }));
      return;
    }
    // Evidence row attachments.child-files-in-root: how files on notes and time entries come back.
    const onChildren = items.filter((a) => typeof a.ticketNoteID === 'number' || typeof a.timeEntryID === 'number');
    const parentIsChild = onChildren.filter((a) => a.parentID === (a.ticketNoteID ?? a.timeEntryID)).length;
    const childFacts = { onNotesOrTimeEntries: onChildren.length, parentIdIsThatRecord: parentIsChild };
    const childText = onChildren.length ? ` ${onChildren.length} of the ${items.length} listed hang on a note or time entry (${parentIsChild} with parentID = that record).` : '';
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
    const facts = { id: pick.id, fileSize: pick.fileSize, dataBytes: data ? base64Bytes(data) : null, ...childFacts };
    const what = `GET ${kind.entity}/${pick.id} (${pick.fileSize} bytes, ${String(pick.attachmentType ?? 'type unknown')})`;
    // get_attachment reads the bytes from this root record; a file attachment without them cannot be returned.
    if (!data && pick.attachmentType === 'FILE_ATTACHMENT') {
      emit(warn(ID, `${what} returned the record without its data.${childText}`, 'get_attachment will say this file has no content: report this line with the Autotask version.', facts));
      return;
    }
    emit(pass(ID, `${what} returned the record ${data ? `with its data (${base64Bytes(data)} bytes)` : 'without data (not a file attachment)'}.${childText}`, facts));
  } catch (err) {
    rethrowBudget(err);
    emit(fail(ID, `reading a ticket attachment failed: ${explain(err)}`, commonFix(err) ?? 'list_attachments and get_attachment read these routes: report this line with the Autotask version.'));
  }
};
