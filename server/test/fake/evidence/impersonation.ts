import { expect } from 'vitest';
import { buildTestSeed, call, startTestFake } from '../fake-helpers.js';
import type { Probe } from './types.js';

const AS = (id: number | string) => ({ headers: { ImpersonationResourceId: String(id) } });
const note = { title: 'On behalf', description: 'Tess called the client', noteType: 1, publish: 1 };

export const IMPERSONATION_PROBES: Record<string, Probe> = {
  'impersonation.write-on-behalf': async ({ fake }) => {
    const created = await call(fake, 'POST', 'Tickets/1001/Notes', { body: note, ...AS(4002) });
    expect(created.status).toBe(200);
    const rec = fake.records('TicketNotes').find((n) => n.id === created.json.itemId)!;
    expect(rec).toMatchObject({ creatorResourceID: 4002, impersonatorCreatorResourceID: 4001 });
    expect(fake.requests.at(-1)!.impersonationResourceId).toBe('4002');
    const plain = await call(fake, 'POST', 'Tickets/1001/Notes', { body: note });
    expect(fake.records('TicketNotes').find((n) => n.id === plain.json.itemId)).toMatchObject({ creatorResourceID: 4001 });
    expect((await call(fake, 'PATCH', 'Tickets/1001/Notes', { body: { id: 3001, title: 'Edited by Tess' }, ...AS(4002) })).status).toBe(200);
    expect(fake.records('TicketNotes').find((n) => n.id === 3001)).toMatchObject({ title: 'Edited by Tess', impersonatorUpdaterResourceID: 4001 });
  },
  'impersonation.supported-entities': async ({ fake }) => {
    // Companies are on the list but the test API user may not impersonate for them; Roles are not on the list.
    const r = await call(fake, 'PATCH', 'Roles', { body: { id: 7001, name: 'Engineer II' }, ...AS(4002) });
    expect(r.status).toBe(500);
    expect(r.text).toMatch(/not supported/);
    expect((await call(fake, 'DELETE', 'Tickets/1001/Notes/3001', AS(4002))).status).toBe(500);
  },
  'impersonation.api-only-resource': async ({ fake }) => {
    const r = await call(fake, 'POST', 'Tickets/1001/Notes', { body: note, ...AS(4001) });
    expect(r.status).toBe(500);
    expect(r.json.errors[0]).toMatch(/API-only/);
  },
  'impersonation.resource-level-allows': async () => {
    const seed = buildTestSeed();
    seed.impersonation = { apiUser: { ticketnotes: ['create'] }, resources: [] };
    const fake = await startTestFake({ seed });
    try {
      const r = await call(fake, 'POST', 'Tickets/1001/Notes', { body: note, ...AS(4002) });
      expect(r.status).toBe(500);
      expect(r.json.errors[0]).toMatch(/security level does not allow impersonation/);
    } finally {
      await fake.close();
    }
  },
  'impersonation.api-user-entity-permission': async ({ fake }) => {
    // tickets: edit only in the test seed.
    const r = await call(fake, 'POST', 'Tickets', { body: { title: 'New', companyID: 101, status: 1, priority: 1 }, ...AS(4002) });
    expect(r.status).toBe(500);
    expect(r.json.errors[0]).toMatch(/add Tickets on behalf/);
    expect((await call(fake, 'PATCH', 'Tickets', { body: { id: 1001, title: 'Renamed by Tess' }, ...AS(4002) })).status).toBe(200);
  },
  'impersonation.refusal-shape': async ({ fake }) => {
    const r = await call(fake, 'POST', 'Tickets/1001/Notes', { body: note, ...AS(4001) });
    expect(r.status).toBe(500);
    expect(r.json.errors[0]).toMatch(/does not have the adequate permissions/);
  },
  'impersonation.bad-resource': async ({ fake }) => {
    for (const v of ['abc', '0', '99999']) expect((await call(fake, 'POST', 'Tickets/1001/Notes', { body: note, ...AS(v) })).status, v).toBe(500);
    expect(fake.records('TicketNotes')).toHaveLength(1);
  },
  'impersonation.reads-ignore': async ({ fake }) => {
    expect((await call(fake, 'GET', 'Tickets/1001', AS(4001))).status).toBe(200);
    expect((await call(fake, 'POST', 'Tickets/query', { body: { filter: [{ op: 'eq', field: 'id', value: 1001 }] }, ...AS('abc') })).status).toBe(200);
  },
};
