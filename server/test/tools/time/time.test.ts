/**
 * Time-entry tools over MCP: search filters as sent (a project becomes `taskID in [...]`, never a
 * projectID filter), and writes through the ROOT TimeEntries URL with a roleID that is checked or
 * derived the way Autotask requires. No request ever goes to a ticket/task child TimeEntries route.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { RecordedRequest, SeedRecord } from '../../../src/fake/types.js';
import { call, dataRequests, expectSent, lastFilter, sent, structured, textOf } from '../tickets/support.js';
import { confirm, list, preview, refused, sortedIds, useHarness } from '../companies/flow.js';
import { rowsOf } from '../results/support.js';

const seed = buildDemoSeed();
const entries = seed.records.TimeEntries;
const tasks = seed.records.Tasks;
const idsOf = (pred: (r: SeedRecord) => boolean) => entries.filter(pred).map((r) => r.id).sort((a, b) => a - b);
const TECH = 29682906; // default service desk role 29683356 (Senior Engineer), also 29683355 (Service Desk Technician)
const SENIOR = 29683356;
const LEVEL1 = 29683355;
const NETWORK_ROLE = 29683357;
const OTHER_TECH = 29682902; // level 1 technician: only role 29683355
const ACCOUNT_MANAGER = 29682914; // no service desk role at all
const INACTIVE = 29682899;
const TICKET = 41007; // assigned to TECH
const TASK = 7102; // assigned to TECH as SENIOR

const s = useHarness();
const everything: RecordedRequest[] = [];
const track = () => everything.push(...s.h.fake.requests);
afterAll(() => {
  // Across the whole file: never a child TimeEntries route, never a projectID filter on TimeEntries.
  const routes = everything.map((r) => r.route);
  expect(routes.filter((r) => /\w+\/\d+\/TimeEntries/i.test(r))).toEqual([]);
  const timeQueries = everything.filter((r) => /^TimeEntries\/query/i.test(r.route));
  expect(timeQueries.length).toBeGreaterThan(5);
  expect(timeQueries.filter((r) => /projectid/i.test(JSON.stringify(r.body)))).toEqual([]);
});

describe('search_time_entries', () => {
  const search = async (args: Record<string, unknown>) => {
    const r = await list(s, 'search_time_entries', { limit: 500, order: 'oldest', ...args });
    track();
    return r;
  };

  it.each([
    [{ resourceID: TECH }, [{ op: 'eq', field: 'resourceID', value: TECH }], (e: SeedRecord) => e.resourceID === TECH],
    [{ ticketID: 41394 }, [{ op: 'eq', field: 'ticketID', value: 41394 }], (e: SeedRecord) => e.ticketID === 41394],
    [{ taskID: 7100 }, [{ op: 'eq', field: 'taskID', value: 7100 }], (e: SeedRecord) => e.taskID === 7100],
    [{ kind: 'task' }, [{ op: 'exist', field: 'taskID' }], (e: SeedRecord) => e.taskID != null],
    [{ kind: 'regular' }, [{ op: 'notExist', field: 'ticketID' }, { op: 'notExist', field: 'taskID' }], (e: SeedRecord) => e.taskID == null && e.ticketID == null],
    [{ billable: false }, [{ op: 'eq', field: 'isNonBillable', value: true }], (e: SeedRecord) => e.isNonBillable === true],
    [
      { resourceID: TECH, workedAfter: '2026-10-01', workedBefore: '2026-11-01', kind: 'ticket', billable: true },
      [
        { op: 'eq', field: 'resourceID', value: TECH },
        { op: 'exist', field: 'ticketID' },
        { op: 'eq', field: 'isNonBillable', value: false },
        { op: 'gte', field: 'dateWorked', value: '2026-10-01T00:00:00.000Z' },
        { op: 'lt', field: 'dateWorked', value: '2026-11-01T00:00:00.000Z' },
      ],
      (e: SeedRecord) => e.resourceID === TECH && e.ticketID != null && e.isNonBillable === false && String(e.dateWorked) >= '2026-10-01' && String(e.dateWorked) < '2026-11-01',
    ],
  ])('%j sends exactly %j', async (args, filter, pred) => {
    const r = await search(args);
    expect(lastFilter(s.h.fake, 'TimeEntries/query')).toEqual(filter);
    expect(sortedIds(r.items)).toEqual(idsOf(pred));
  });

  it('a project is resolved to its task ids and filtered with taskID in [...], and the result says so', async () => {
    const projectTasks = tasks.filter((t) => t.projectID === 5100).map((t) => t.id).sort((a, b) => a - b);
    const r = await call(s.client, 'search_time_entries', { projectID: 5100, limit: 500 });
    track();
    const taskQueries = sent(s.h.fake, 'Tasks/query', 'POST');
    // First the project's task ids (ids only), later one batched lookup of the page's task titles.
    expect(taskQueries[0].body).toMatchObject({ filter: [{ op: 'eq', field: 'projectID', value: 5100 }], IncludeFields: ['id'] });
    expectSent(s.h.fake, 'TimeEntries/query', [{ op: 'in', field: 'taskID', value: projectTasks }]);
    const out = structured<{ columns: string[]; rows: unknown[][]; projectTaskIDs: number[]; totalHoursOnPage: number }>(r);
    expect(out.projectTaskIDs).toEqual(projectTasks);
    expect(sortedIds(rowsOf(out))).toEqual(idsOf((e) => projectTasks.includes(e.taskID as number)));
    expect(out.totalHoursOnPage).toBeCloseTo(entries.filter((e) => projectTasks.includes(e.taskID as number)).reduce((n, e) => n + (e.hoursWorked as number), 0), 2);
    expect(textOf(r)).toMatch(/Project 5100: filtered on its 8 task id\(s\) with taskID in \[\.\.\.\] \(time entries have no project field\)/);
  });

  it('a project that does not exist is stated plainly, without querying time entries', async () => {
    const r = await call(s.client, 'search_time_entries', { projectID: 1 });
    track();
    expect(structured(r).rows).toEqual([]);
    expect(textOf(r)).toMatch(/No project with id 1 exists/);
    expect(sent(s.h.fake, 'TimeEntries/query')).toEqual([]);
  });

  it('fills resource, role and task names with one batched query each (bounded requests per page)', async () => {
    const r = await search({ kind: 'task', limit: 100 });
    const item = r.items.find((e) => e.taskID === 7100)!;
    expect(r.names!.resources[String(item.resourceID)]).toEqual(expect.any(String));
    expect(r.names!.roles[String(item.roleID)]).toBe('Senior Engineer');
    expect(r.names!.tasks['7100']).toBe('Audit mailboxes and shared drives');
    const byRoute = dataRequests(s.h.fake).map((q) => q.route);
    expect(byRoute.filter((q) => q === 'Roles/query').length).toBeLessThanOrEqual(1); // the role table, unless already cached
    expect(byRoute.filter((q) => q === 'Tasks/query')).toHaveLength(1);
    expect(byRoute.length).toBeLessThanOrEqual(5);
    expect(r.untrusted).toEqual(expect.arrayContaining(['summaryNotes', 'names'])); // internalNotes only when a row has some
  });

  it('pages a resource\'s time with a cursor without repeats or loss', async () => {
    const want = idsOf((e) => e.resourceID === TECH);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const r = await list(s, 'search_time_entries', { resourceID: TECH, limit: 13, order: 'oldest', ...(cursor ? { cursor } : {}) });
      seen.push(...r.items.map((e) => e.id as number));
      cursor = r.nextCursor ?? undefined;
    } while (cursor);
    track();
    expect(seen).toEqual(want);
    expect(want.length).toBeGreaterThan(13);
  });

  it.each([
    [{ projectID: 5100, taskID: 7100 }, /do not combine it with taskID or ticketID/],
    [{ projectID: 5100, ticketID: TICKET }, /do not combine it with taskID or ticketID/],
    [{ kind: 'regular', ticketID: TICKET }, /cannot be combined with ticketID, taskID or projectID/],
    [{ kind: 'ticket', taskID: 7100 }, /contradicts/],
    [{ workedAfter: '2026-11-01', workedBefore: '2026-10-01' }, /must be earlier than workedBefore/],
    [{ kind: 'overtime' }, /kind/],
    [{ ticketID: 'T20260508.0003' }, /ticketID/],
  ])('%j is refused, sending nothing', async (args, message) => {
    await refused(s, 'search_time_entries', args, message);
  });
});

describe('create_time_entry', () => {
  const ticketArgs = { ticketID: TICKET, resourceID: TECH, hoursWorked: 1.5, dateWorked: '2026-10-30', summaryNotes: 'Replaced toner and cleared the paper path.' };

  it('posts ticket time to the root TimeEntries URL with the role the resource has on the ticket', async () => {
    // Make the assignment role differ from the resource's default, so the rule is visible.
    s.h.fake.records('Tickets').find((t) => t.id === TICKET)!.assignedResourceRoleID = LEVEL1;
    const p = await preview(s, 'create_time_entry', ticketArgs);
    expect(p.request).toEqual({
      method: 'POST',
      path: 'TimeEntries',
      body: { ticketID: TICKET, resourceID: TECH, roleID: LEVEL1, hoursWorked: 1.5, dateWorked: '2026-10-30T00:00:00.000Z', summaryNotes: ticketArgs.summaryNotes },
    });
    expect(p.summary).toMatch(/Log 1\.5h on ticket T\d{8}\.\d{4} for Marcus Reid on 2026-10-30 as role 29683355 \(Service Desk Technician\) - the role resource 29682906 has on ticket/);
    const { id } = await confirm(s, 'create_time_entry', ticketArgs, p);
    track();
    expect(s.h.fake.records('TimeEntries').find((e) => e.id === id)).toMatchObject({ ticketID: TICKET, roleID: LEVEL1, hoursWorked: 1.5 });
    s.h.fake.records('Tickets').find((t) => t.id === TICKET)!.assignedResourceRoleID = SENIOR;
  });

  it('someone else on the ticket gets their default service desk role', async () => {
    const p = await preview(s, 'create_time_entry', { ...ticketArgs, resourceID: OTHER_TECH });
    expect(p.request.body.roleID).toBe(LEVEL1);
    expect(p.summary).toMatch(/resource 29682902's default service desk role/);
  });

  it('without Resources.defaultServiceDeskRoleID the default row of ResourceServiceDeskRoles is used', async () => {
    const r = s.h.fake.records('Resources').find((x) => x.id === OTHER_TECH)!;
    r.defaultServiceDeskRoleID = null;
    try {
      const p = await preview(s, 'create_time_entry', { ...ticketArgs, resourceID: OTHER_TECH });
      expect(p.request.body.roleID).toBe(LEVEL1);
      expect(lastFilter(s.h.fake, 'ResourceServiceDeskRoles/query')).toEqual([
        { op: 'eq', field: 'resourceID', value: OTHER_TECH },
        { op: 'eq', field: 'isActive', value: true },
      ]);
      expect(p.summary).toMatch(/resource 29682902's default service desk role/);
    } finally {
      r.defaultServiceDeskRoleID = LEVEL1;
    }
  });

  it('posts task time with taskID, the task assignment role, and start/end with hours from the span', async () => {
    const args = { taskID: TASK, resourceID: TECH, startDateTime: '2026-10-29T09:00:00+01:00', endDateTime: '2026-10-29T11:45:00+01:00', summaryNotes: 'Configured conditional access policies.', isNonBillable: true, internalNotes: 'Customer asked for MFA exclusions; declined.' };
    const p = await preview(s, 'create_time_entry', args);
    expect(p.request).toEqual({
      method: 'POST',
      path: 'TimeEntries',
      body: {
        taskID: TASK,
        resourceID: TECH,
        roleID: SENIOR,
        startDateTime: '2026-10-29T08:00:00.000Z',
        endDateTime: '2026-10-29T10:45:00.000Z',
        hoursWorked: 2.75,
        dateWorked: '2026-10-29T00:00:00.000Z',
        summaryNotes: args.summaryNotes,
        internalNotes: args.internalNotes,
        isNonBillable: true,
      },
    });
    expect(p.summary).toMatch(/the role resource 29682906 has on task 7102/);
    await confirm(s, 'create_time_entry', args, p);
    track();
  });

  it('a given role the resource has is used as given; one it lacks is refused with the valid roles', async () => {
    const p = await preview(s, 'create_time_entry', { ...ticketArgs, roleID: LEVEL1 });
    expect(p.request.body.roleID).toBe(LEVEL1);
    s.h.fake.clearRequests();
    await refused(s, 'create_time_entry', { ...ticketArgs, roleID: NETWORK_ROLE }, /Role 29683357 is not one of resource 29682906's roles\. Valid roleID values: 29683356 \(Senior Engineer\), 29683355 \(Service Desk Technician\)/, 'reads');
  });

  it('a resource with no role at all must be given one', async () => {
    await refused(s, 'create_time_entry', { ...ticketArgs, resourceID: ACCOUNT_MANAGER }, /Resource 29682914 has no default role: give roleID/, 'reads');
  });

  it('warns about a future day and a completed ticket', async () => {
    const done = seed.records.Tickets.find((t) => t.status === 5)!;
    const p = await preview(s, 'create_time_entry', { ...ticketArgs, ticketID: done.id, resourceID: OTHER_TECH, dateWorked: '2099-01-01' });
    expect(p.warnings.join(' ')).toMatch(/already complete/);
    expect(p.warnings.join(' ')).toMatch(/2099-01-01 is in the future/);
  });

  it.each([
    [{ ...ticketArgs, taskID: TASK }, /exactly one of ticketID or taskID/],
    [{ resourceID: TECH, hoursWorked: 1, dateWorked: '2026-10-30', summaryNotes: 'x' }, /exactly one of ticketID or taskID/],
    [{ ...ticketArgs, hoursWorked: undefined }, /Say how long/],
    [{ ...ticketArgs, dateWorked: undefined }, /Say which day/],
    [{ ...ticketArgs, hoursWorked: undefined, dateWorked: undefined, startDateTime: '2026-10-30T10:00:00Z', endDateTime: '2026-10-30T09:00:00Z' }, /endDateTime .* must be after startDateTime/],
    [{ ...ticketArgs, startDateTime: '2026-10-30T10:00:00Z', endDateTime: '2026-10-30T11:00:00Z' }, /more than the 1 hours between/],
    [{ ...ticketArgs, dateWorked: '2026-02-30' }, /not a real date/],
  ])('%j is refused before anything is read', async (bad, message) => {
    await refused(s, 'create_time_entry', bad, message);
  });

  it.each([
    [{ ...ticketArgs, hoursWorked: 0 }, /more than 0/],
    [{ ...ticketArgs, hoursWorked: 25 }, /at most 24/],
    [{ ...ticketArgs, summaryNotes: '' }, /summaryNotes/],
    [{ ...ticketArgs, resourceID: undefined }, /resourceID/],
    [{ ...ticketArgs, dateWorked: 'yesterday' }, /ISO date/],
  ])('%j is refused by the schema', async (bad, message) => {
    await refused(s, 'create_time_entry', bad, message);
  });

  it.each([
    [{ ...ticketArgs, ticketID: 1 }, /No ticket with id 1 exists/],
    [{ ...ticketArgs, ticketID: undefined, taskID: 1 }, /No task with id 1 exists/],
    [{ ...ticketArgs, resourceID: INACTIVE }, /inactive and cannot log time/],
    [{ ...ticketArgs, resourceID: 5 }, /No resource with id 5 exists/],
  ])('%j is refused after the lookup', async (bad, message) => {
    await refused(s, 'create_time_entry', bad, message, 'reads');
  });
});

describe('update_time_entry', () => {
  const entry = entries.find((e) => e.resourceID === TECH && e.ticketID && (e.hoursWorked as number) >= 1)!;

  it('patches the root TimeEntries URL with only the changes', async () => {
    const args = { id: entry.id, hoursWorked: (entry.hoursWorked as number) - 0.25, summaryNotes: 'Rewritten summary.', isNonBillable: entry.isNonBillable };
    const p = await preview(s, 'update_time_entry', args);
    expect(p.request).toEqual({ method: 'PATCH', path: 'TimeEntries', body: { id: entry.id, hoursWorked: args.hoursWorked, summaryNotes: 'Rewritten summary.' } });
    expect(p.changes).toEqual([
      { field: 'hoursWorked', from: entry.hoursWorked, to: args.hoursWorked },
      { field: 'summaryNotes', from: entry.summaryNotes, to: 'Rewritten summary.' },
    ]);
    await confirm(s, 'update_time_entry', args, p);
    track();
  });

  it('moving start/end recomputes the hours; the day stays when unchanged', async () => {
    const other = entries.find((e) => e.resourceID === TECH && e.ticketID && e.id !== entry.id)!;
    const day = String(other.dateWorked).slice(0, 10);
    const p = await preview(s, 'update_time_entry', { id: other.id, startDateTime: `${day}T08:00:00Z`, endDateTime: `${day}T09:30:00Z` });
    expect(p.request.body).toEqual({ id: other.id, startDateTime: `${day}T08:00:00.000Z`, endDateTime: `${day}T09:30:00.000Z`, ...(other.hoursWorked === 1.5 ? {} : { hoursWorked: 1.5 }) });
  });

  it('a new role must be one of the resource\'s roles', async () => {
    const p = await preview(s, 'update_time_entry', { id: entry.id, roleID: entry.roleID === LEVEL1 ? SENIOR : LEVEL1 });
    expect(Object.keys(p.request.body)).toEqual(['id', 'roleID']);
    s.h.fake.clearRequests();
    await refused(s, 'update_time_entry', { id: entry.id, roleID: NETWORK_ROLE }, /not one of resource 29682906's roles/, 'reads');
  });

  it.each([
    [{ id: entry.id }, /Nothing to change/],
    [{ id: entry.id, summaryNotes: 'Rewritten summary.' }, /already has these values/],
    [{ id: 1, hoursWorked: 1 }, /No time entry with id 1 exists/],
    [{ id: entry.id, hoursWorked: 23 }, /more than the .* hours between startDateTime and endDateTime/],
    [{ id: entry.id, endDateTime: '2020-01-01T00:00:00Z' }, /must be after startDateTime/],
  ])('%j is refused and writes nothing', async (bad, message) => {
    await refused(s, 'update_time_entry', bad, message, 'reads');
    track();
  });
});
