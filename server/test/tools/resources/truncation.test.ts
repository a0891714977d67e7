/**
 * No silent first page: search_resources' queue filter and get_resource's roles and queues page on
 * past Autotask's 500 records per page, up to a stated cap, and say so when the cap is hit. The
 * demo tenant is extended with thousands of link rows so every case crosses 500.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { SeedRecord } from '../../../src/fake/types.js';
import { call, lastFilter, sent, structured, textOf } from '../tickets/support.js';
import { useHarness } from '../companies/flow.js';
import { rowsOf, type Table } from '../results/support.js';

const seed = buildDemoSeed();
const links = seed.records.ResourceRoleQueues;
const sdRoles = seed.records.ResourceServiceDeskRoles;
const queues = seed.picklists.Tickets.queueID.map((q) => Number(q.value));
const people = seed.records.Resources.filter((r) => r.isActive === true).map((r) => r.id);
const notIn = (queue: number) => people.filter((id) => !links.some((l) => l.queueID === queue && l.resourceID === id));

const [qComplete, qCapped, qOther, qCrowded] = queues as [number, number, number, number];
const heavy = people[1]; // linked to the queues thousands of times
const lateInComplete = notIn(qComplete).find((id) => id !== heavy)!;
const lateInCapped = notIn(qCapped).find((id) => id !== heavy)!;
const TECH = 29682906; // many roles and queues, all within the caps
const HOARDER = people.find((id) => id !== TECH && id !== heavy)!; // more than the caps

let nextId = 40_000_000;
const row = (r: Omit<SeedRecord, 'id'>): SeedRecord => ({ id: nextId++, ...r });
const repeat = (n: number, f: (i: number) => Omit<SeedRecord, 'id'>) => Array.from({ length: n }, (_, i) => row(f(i)));

// 501 more people on one queue: more than one `in` filter can hold.
const crowd = Array.from({ length: 501 }, (_, i) => ({ id: 50_000_000 + i, firstName: 'Temp', lastName: `Worker ${i}`, email: `temp${i}@msp.example`, userName: `temp${i}`, isActive: true, resourceType: 'Employee', userType: 1, licenseType: 1, locationID: 1 }));
seed.records.Resources.push(...crowd);
const extraRoles = Array.from({ length: 1_100 }, (_, i) => ({ id: 80_000_000 + i, name: `Role ${i}`, description: '', hourlyFactor: 1, hourlyRate: 100, isActive: true, isExcludedFromNewContracts: false, isSystemRole: false }));
seed.records.Roles.push(...extraRoles);
links.push(
  ...repeat(600, () => ({ resourceID: heavy, queueID: qComplete })),
  row({ resourceID: lateInComplete, queueID: qComplete }), // row 601+ of the queue: beyond one page
  ...repeat(2_001, () => ({ resourceID: heavy, queueID: qCapped })),
  row({ resourceID: lateInCapped, queueID: qCapped }), // beyond the cap
  ...repeat(600, () => ({ resourceID: TECH, queueID: qOther })),
  ...repeat(2_001, () => ({ resourceID: HOARDER, queueID: qOther })),
  ...crowd.map((r) => row({ resourceID: r.id, queueID: qCrowded })),
);
sdRoles.push(
  ...repeat(600, (i) => ({ resourceID: TECH, roleID: 80_000_000 + i, isActive: true, isDefault: false })),
  ...repeat(1_001, (i) => ({ resourceID: HOARDER, roleID: 80_000_000 + (i % 1_100), isActive: true, isDefault: false })),
);

const membersOf = (queue: number) => [...new Set(links.filter((l) => l.queueID === queue).map((l) => l.resourceID as number))].sort((a, b) => a - b);

const s = useHarness({ seed });

describe('search_resources queue filter', () => {
  it('pages through every ResourceRoleQueues row of the queue', async () => {
    expect(links.filter((l) => l.queueID === qComplete).length).toBeGreaterThan(600);
    const r = await call(s.client, 'search_resources', { queue: qComplete, limit: 500 });
    const out = structured<Table & { truncated?: string[] }>(r);
    expect(sent(s.h.fake, 'ResourceRoleQueues/query', 'POST')).toHaveLength(1);
    expect(sent(s.h.fake, 'ResourceRoleQueues/query/next', 'POST')).toHaveLength(1);
    expect(lastFilter(s.h.fake, 'Resources/query')).toEqual([{ op: 'in', field: 'id', value: membersOf(qComplete) }]);
    expect(rowsOf(out).map((i) => i.id)).toContain(lateInComplete);
    expect(out.truncated).toBeUndefined();
    expect(textOf(r)).not.toMatch(/cap|more than/i);
  });

  it('stops at 2000 rows and says so, and what to do', async () => {
    const r = await call(s.client, 'search_resources', { queue: qCapped, limit: 500 });
    const out = structured<Table & { truncated?: string[] }>(r);
    expect(sent(s.h.fake, 'ResourceRoleQueues/query', 'POST')).toHaveLength(1);
    expect(sent(s.h.fake, 'ResourceRoleQueues/query/next', 'POST')).toHaveLength(3);
    expect(rowsOf(out).map((i) => i.id)).not.toContain(lateInCapped);
    expect(out.truncated).toHaveLength(1);
    expect(out.truncated![0]).toMatch(/more than 2000/);
    expect(out.truncated![0]).toMatch(/get_resource/);
    expect(textOf(r)).toContain(out.truncated![0]);
  });

  it('searches the 500 lowest ids of a queue with more resources, and says so', async () => {
    const members = membersOf(qCrowded);
    expect(members.length).toBeGreaterThan(500);
    const r = await call(s.client, 'search_resources', { queue: qCrowded, limit: 500 });
    const out = structured<{ truncated?: string[] }>(r);
    expect(lastFilter(s.h.fake, 'Resources/query')).toEqual([{ op: 'in', field: 'id', value: members.slice(0, 500) }]);
    expect(out.truncated).toEqual([expect.stringMatching(new RegExp(`has ${members.length} resources.*500 lowest ids.*get_resource`))]);
    expect(textOf(r)).toContain(out.truncated![0]);
  });
});

describe('get_resource roles and queues', () => {
  it('lists every service desk role (named) and queue link past 500', async () => {
    const r = await call(s.client, 'get_resource', { id: TECH });
    const out = structured<{ serviceDeskRoles: Table; queues: Table; truncated?: string[] }>(r);
    const roles = sdRoles.filter((x) => x.resourceID === TECH);
    expect(roles.length).toBeGreaterThan(600);
    expect(rowsOf(out.serviceDeskRoles).map((x) => x.roleID)).toEqual(roles.map((x) => x.roleID));
    expect(rowsOf(out.serviceDeskRoles).every((x) => typeof x.roleName === 'string')).toBe(true);
    expect(out.queues.rows).toHaveLength(links.filter((l) => l.resourceID === TECH).length);
    expect(out.truncated).toBeUndefined();
    // Two pages each; role names in `in` lists of at most 500 ids.
    expect(sent(s.h.fake, 'ResourceServiceDeskRoles/query/next', 'POST')).toHaveLength(1);
    expect(sent(s.h.fake, 'ResourceRoleQueues/query/next', 'POST')).toHaveLength(1);
    const nameLookups = sent(s.h.fake, 'Roles/query', 'POST').map((q) => ((q.body as { filter: Array<{ value: unknown[] }> }).filter[0].value).length);
    expect(nameLookups.every((n) => n <= 500)).toBe(true);
    expect(nameLookups.reduce((a, b) => a + b, 0)).toBe(new Set(roles.map((x) => x.roleID)).size);
  });

  it('stops at the caps (1000 roles, 2000 queue links) and says so, and what to do', async () => {
    const r = await call(s.client, 'get_resource', { id: HOARDER });
    const out = structured<{ serviceDeskRoles: Table; queues: Table; truncated?: string[] }>(r);
    expect(out.serviceDeskRoles.rows.length).toBeGreaterThanOrEqual(1_000);
    expect(out.serviceDeskRoles.rows.length).toBeLessThanOrEqual(1_001); // + the default role when it is beyond the cap
    expect(out.queues.rows).toHaveLength(2_000);
    expect(out.truncated).toHaveLength(2);
    expect(out.truncated![0]).toMatch(/more than 1000 service desk roles.*query_entities.*ResourceServiceDeskRoles.*resourceID/);
    expect(out.truncated![1]).toMatch(/more than 2000 queue links.*query_entities.*ResourceRoleQueues.*resourceID/);
    for (const t of out.truncated!) expect(textOf(r)).toContain(t);
  });
});
