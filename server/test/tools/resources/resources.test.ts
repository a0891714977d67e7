/** Resource (technician) tools over MCP: filters as sent, queue membership, roles and queues of one resource. */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { SeedRecord } from '../../../src/fake/types.js';
import { call, lastFilter, sent, structured, textOf } from '../tickets/support.js';
import { rowsOf, type Table } from '../results/support.js';
import { list, refused, sortedIds, useHarness } from '../companies/flow.js';

const seed = buildDemoSeed();
const resources = seed.records.Resources;
const idsOf = (pred: (r: SeedRecord) => boolean) => resources.filter(pred).map((r) => r.id).sort((a, b) => a - b);
const queueValue = (label: string) => Number(seed.picklists.Tickets.queueID.find((q) => q.label === label)!.value);
const TECH = 29682906;

const s = useHarness();
const search = (args: Record<string, unknown>) => list(s, 'search_resources', { limit: 500, ...args });

describe('search_resources', () => {
  it.each([
    [
      { name: 'reid' },
      [{ op: 'or', items: [{ op: 'contains', field: 'firstName', value: 'reid' }, { op: 'contains', field: 'lastName', value: 'reid' }] }],
      (r: SeedRecord) => /reid/i.test(`${r.firstName}`) || /reid/i.test(`${r.lastName}`),
    ],
    [
      { name: 'Marcus Reid' },
      [{ op: 'and', items: [{ op: 'contains', field: 'firstName', value: 'Marcus' }, { op: 'contains', field: 'lastName', value: 'Reid' }] }],
      (r: SeedRecord) => r.firstName === 'Marcus' && r.lastName === 'Reid',
    ],
    [{ email: 'harbourline' }, [{ op: 'contains', field: 'email', value: 'harbourline' }], (r: SeedRecord) => String(r.email).includes('harbourline')],
    [{ userName: 'marcus.reid' }, [{ op: 'eq', field: 'userName', value: 'marcus.reid' }], (r: SeedRecord) => r.userName === 'marcus.reid'],
    [{ active: false }, [{ op: 'eq', field: 'isActive', value: false }], (r: SeedRecord) => r.isActive === false],
  ])('%j sends exactly %j', async (args, filter, pred) => {
    const r = await search(args);
    expect(lastFilter(s.h.fake, 'Resources/query')).toEqual(filter);
    expect(sortedIds(r.items)).toEqual(idsOf(pred));
    expect(r.items.length).toBeGreaterThan(0);
  });

  it('a queue (label) becomes the ids of the resources linked to it in ResourceRoleQueues', async () => {
    const q = queueValue('Escalations (Level 2)');
    const members = [...new Set(seed.records.ResourceRoleQueues.filter((l) => l.queueID === q).map((l) => l.resourceID as number))].sort((a, b) => a - b);
    const r = await search({ queue: 'escalations (level 2)', active: true });
    expect(lastFilter(s.h.fake, 'ResourceRoleQueues/query')).toEqual([{ op: 'eq', field: 'queueID', value: q }]);
    expect(lastFilter(s.h.fake, 'Resources/query')).toEqual([
      { op: 'eq', field: 'isActive', value: true },
      { op: 'in', field: 'id', value: members },
    ]);
    expect(sortedIds(r.items)).toEqual(idsOf((x) => members.includes(x.id) && x.isActive === true));
  });

  it('returns labels, and never the internal cost rate', async () => {
    const r = await search({ userName: 'marcus.reid' });
    expect(r.items[0]).toMatchObject({ id: TECH, name: 'Marcus Reid', userType: 'Technician', location: expect.any(String), defaultServiceDeskRoleID: 29683356 });
    expect(r.columns).not.toContain('internalCost');
    expect(r.items[0]).not.toHaveProperty('internalCost');
    const body = sent(s.h.fake, 'Resources/query', 'POST')[0].body as { IncludeFields: string[] };
    expect(body.IncludeFields).not.toContain('internalCost');
  });

  it('refuses bad input', async () => {
    await refused(s, 'search_resources', { queue: 'Helpdesk' }, /"Helpdesk" is not a valid Tickets\.queueID\. Valid values: .*Service Desk/, 'metadata');
    await refused(s, 'search_resources', { active: 'true' }, /active/);
    await refused(s, 'search_resources', { userName: 'x'.repeat(33) }, /userName/);
  });
});

describe('get_resource', () => {
  it('lists service desk roles (default marked, with names) and queues (with labels)', async () => {
    const r = await call(s.client, 'get_resource', { id: TECH });
    const out = structured<{ resource: Record<string, unknown>; serviceDeskRoles: Table; queues: Table }>(r);
    expect(out.resource).toMatchObject({ id: TECH, name: 'Marcus Reid' });
    expect(rowsOf(out.serviceDeskRoles)).toEqual([
      { roleID: 29683356, roleName: 'Senior Engineer', isDefault: true, isActive: true },
      { roleID: 29683355, roleName: 'Service Desk Technician', isDefault: false, isActive: true },
    ]);
    const queueIds = seed.records.ResourceRoleQueues.filter((l) => l.resourceID === TECH).map((l) => l.queueID);
    expect(rowsOf(out.queues).map((q) => q.queueID)).toEqual(queueIds);
    expect(rowsOf(out.queues).every((q) => typeof q.queue === 'string')).toBe(true);
    expect(lastFilter(s.h.fake, 'ResourceServiceDeskRoles/query')).toEqual([{ op: 'eq', field: 'resourceID', value: TECH }]);
    expect(textOf(r)).toContain('\n29683356|Senior Engineer|yes|yes\n');
  });

  it('without roles and queues it costs one request; a missing resource is stated plainly', async () => {
    await call(s.client, 'get_resource', { id: TECH, includeRolesAndQueues: false });
    expect(s.h.fake.requests.filter((q) => !/entityInformation/.test(q.route)).map((q) => q.route)).toEqual([`Resources/${TECH}`]);
    const missing = await call(s.client, 'get_resource', { id: 42 });
    expect(structured(missing)).toEqual({ found: false });
    expect(textOf(missing)).toMatch(/No resource with id 42 exists/);
  });
});
