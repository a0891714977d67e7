/**
 * Company 0 is the tenant's own company in Autotask (its internal tickets, notes and files):
 * every tool that takes a company id must accept 0, and send it.
 */
import { describe, expect, it } from 'vitest';
import { call, expectSent, structured, textOf } from '../tickets/support.js';
import { useHarness } from '../companies/flow.js';
import { rowsOf } from '../results/support.js';

const s = useHarness();

describe('company 0 (your own company)', () => {
  it('search_tickets companyID 0 finds the internal tickets', async () => {
    const r = await call(s.client, 'search_tickets', { companyID: 0, limit: 5 });
    expect(r.isError, textOf(r)).toBeFalsy();
    expectSent(s.h.fake, 'Tickets/query', [{ op: 'eq', field: 'companyID', value: 0 }]);
    const items = rowsOf(structured(r));
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((t) => t.companyID === 0)).toBe(true);
  });

  it('list_notes and list_attachments take company 0', async () => {
    const notes = await call(s.client, 'list_notes', { parentType: 'company', parentId: 0 });
    expect(notes.isError, textOf(notes)).toBeFalsy();
    const files = await call(s.client, 'list_attachments', { parentType: 'company', parentId: 0 });
    expect(files.isError, textOf(files)).toBeFalsy();
  });

  it('create_note previews a note on company 0', async () => {
    const r = await call(s.client, 'create_note', { parentType: 'company', parentId: 0, text: 'Quarterly review booked.', assignedResourceID: 29682904 });
    expect(r.isError, textOf(r)).toBeFalsy();
    expect(textOf(r)).toContain('PREVIEW ONLY');
  });
});
