/**
 * One attachment read, the way get_attachment reads: GET the root TicketAttachments/{id}. Only a
 * small file is read (at most 1 MB by its fileSize), so the check stays cheap; it reports whether
 * the root record carried the bytes (`data`).
 */
import { ATTACHMENT_KINDS } from '../../tools/attachments/kinds.js';
import { commonFix, explain, rethrowBudget } from '../explain.js';
import { fail, pass, warn, type Check } from '../types.js';

const ID = 'attachments.read';
const SMALL = 1024 * 1024;

export const checkAttachmentRead: Check = async ({ api, config, emit }) => {
  if (!config.toolsets.includes('attachments')) return;
  const kind = ATTACHMENT_KINDS.ticket;
  try {
    const { items } = await api.query(kind.entity, { filter: [{ op: 'gte', field: 'id', value: 0 }], includeFields: ['id', 'fileSize', 'attachmentType', kind.parentField], maxRecords: 50 });
    if (!items.length) {
      emit(pass(ID, `no ${kind.entity} in this tenant: nothing to read (not checked).`, { checked: false }));
      return;
    }
    const small = items
      .filter((a) => typeof a.fileSize === 'number' && a.fileSize <= SMALL)
      .sort((a, b) => Number(b.attachmentType === 'FILE_ATTACHMENT') - Number(a.attachmentType === 'FILE_ATTACHMENT') || (a.fileSize as number) - (b.fileSize as number));
    const pick = small[0];
    if (!pick) {
      emit(warn(ID, `none of the first ${items.length} ${kind.entity} has a fileSize up to 1 MB, so no read was tried.`, 'Nothing to fix if get_attachment works for you; otherwise attach a small file to a ticket and run the doctor again.', { checked: false }));
      return;
    }
    const record = await api.get(kind.entity, pick.id);
    if (!record) {
      emit(fail(ID, `GET ${kind.entity}/${pick.id} found nothing, although the query listed that id.`, 'get_attachment will answer "not found" for existing attachments: report this line with the Autotask version.', { id: pick.id }));
      return;
    }
    const data = typeof record.data === 'string' && record.data !== '' ? record.data : null;
    const bytes = data ? Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0) : 0;
    const carried = data ? `with its data (${bytes} bytes)` : 'without data (the bytes are not in the root record)';
    emit(pass(ID, `GET ${kind.entity}/${pick.id} (${pick.fileSize} bytes, ${String(pick.attachmentType ?? 'type unknown')}) returned the record ${carried}.`, { id: pick.id, fileSize: pick.fileSize, dataBytes: data ? bytes : null }));
  } catch (err) {
    rethrowBudget(err);
    emit(fail(ID, `reading a ticket attachment failed: ${explain(err)}`, commonFix(err) ?? 'list_attachments and get_attachment read these routes: report this line with the Autotask version.'));
  }
};
