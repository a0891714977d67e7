import { expect } from 'vitest';
import { call } from '../fake-helpers.js';
import type { Probe } from './types.js';

export const FIELDS_PROBES: Record<string, Probe> = {
  'fields.query-error-filter': async ({ fake }) => {
    for (const field of ['data', 'fileSize', 'creatorType']) {
      const r = await call(fake, 'POST', 'TicketAttachments/query', { body: { filter: [{ op: 'eq', field: 'ticketID', value: 1001 }, { op: 'exist', field }] } });
      expect(r.status, field).toBe(400);
      expect(r.json.errors[0]).toMatch(new RegExp(`${field} is not a queryable field`));
    }
    const t = await call(fake, 'POST', 'Tasks/query', { body: { filter: [{ op: 'gt', field: 'remainingHours', value: 0 }] } });
    expect(t.status).toBe(400);
    const ok = await call(fake, 'POST', 'TicketAttachments/query', { body: { filter: [{ op: 'eq', field: 'ticketID', value: 1001 }] } });
    expect(ok.status).toBe(200);
  },
  'fields.query-error-include-fields': async ({ fake }) => {
    const all = [{ op: 'gte', field: 'id', value: 0 }];
    const t = await call(fake, 'POST', 'Tasks/query', { body: { filter: all, IncludeFields: ['title', 'remainingHours'] } });
    expect(t.status).toBe(400);
    expect(t.json.errors[0]).toMatch(/IncludeFields: 'remainingHours'/);
    const a = await call(fake, 'POST', 'TicketAttachments/query', { body: { filter: [{ op: 'eq', field: 'ticketID', value: 1001 }], IncludeFields: ['fileSize'] } });
    expect(a.status).toBe(400);
    expect((await call(fake, 'POST', 'Tasks/query', { body: { filter: all, IncludeFields: ['title', 'estimatedHours'] } })).status).toBe(200);
  },
};
