/**
 * Project and task tools over MCP: search filters as sent, open-only from the tenant's status
 * picklist, get options, and task writes through Projects/{id}/Tasks with taskType always sent.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { SeedRecord } from '../../../src/fake/types.js';
import { call, lastFilter, sent, structured, textOf, writes } from '../tickets/support.js';
import { nameOf, rowsOf } from '../results/support.js';
import { confirm, list, preview, refused, sortedIds, useHarness } from '../companies/flow.js';
import type { Wire } from '../../helpers/wire.js';

const seed = buildDemoSeed();
const projects = seed.records.Projects;
const tasks = seed.records.Tasks;
const numberOf = (id: number) => String(projects.find((p) => p.id === id)!.projectNumber);
const idsOf = (rows: SeedRecord[], pred: (r: SeedRecord) => boolean) => rows.filter(pred).map((r) => r.id).sort((a, b) => a - b);
const before = (field: string, iso: string) => (r: SeedRecord) => Date.parse(String(r[field])) < Date.parse(iso);
const onOrAfter = (field: string, iso: string) => (r: SeedRecord) => Date.parse(String(r[field])) >= Date.parse(iso);
const LEAD = 29682912;
const TECH = 29682906; // Senior Engineer: default service desk role 29683356
const SENIOR_ROLE = 29683356;
const INACTIVE_RESOURCE = 29682899;

const s = useHarness();

describe('search_projects', () => {
  const search = (args: Record<string, unknown>) => list(s, 'search_projects', { limit: 500, order: 'oldest', ...args });

  it.each([
    [{ name: 'MIGRATION' }, [{ op: 'contains', field: 'projectName', value: 'MIGRATION' }], (p: SeedRecord) => /migration/i.test(String(p.projectName))],
    [{ projectNumber: numberOf(5100).toLowerCase() }, [{ op: 'eq', field: 'projectNumber', value: numberOf(5100) }], (p: SeedRecord) => p.projectNumber === numberOf(5100)],
    [{ companyID: 0 }, [{ op: 'eq', field: 'companyID', value: 0 }], (p: SeedRecord) => p.companyID === 0],
    [{ status: 'on hold' }, [{ op: 'eq', field: 'status', value: 3 }], (p: SeedRecord) => p.status === 3],
    [{ status: ['New', 2] }, [{ op: 'in', field: 'status', value: [1, 2] }], (p: SeedRecord) => p.status === 1 || p.status === 2],
    [{ type: 'Internal' }, [{ op: 'eq', field: 'projectType', value: 4 }], (p: SeedRecord) => p.projectType === 4],
    [{ projectLeadResourceID: LEAD }, [{ op: 'eq', field: 'projectLeadResourceID', value: LEAD }], (p: SeedRecord) => p.projectLeadResourceID === LEAD],
    [
      { startAfter: '2026-09-01', startBefore: '2026-10-15T00:00:00Z' },
      [
        { op: 'gte', field: 'startDateTime', value: '2026-09-01T00:00:00.000Z' },
        { op: 'lt', field: 'startDateTime', value: '2026-10-15T00:00:00.000Z' },
      ],
      (p: SeedRecord) => onOrAfter('startDateTime', '2026-09-01T00:00:00Z')(p) && before('startDateTime', '2026-10-15T00:00:00Z')(p),
    ],
    [
      { endAfter: '2026-12-01', endBefore: '2027-01-01' },
      [
        { op: 'gte', field: 'endDateTime', value: '2026-12-01T00:00:00.000Z' },
        { op: 'lt', field: 'endDateTime', value: '2027-01-01T00:00:00.000Z' },
      ],
      (p: SeedRecord) => onOrAfter('endDateTime', '2026-12-01T00:00:00Z')(p) && before('endDateTime', '2027-01-01T00:00:00Z')(p),
    ],
  ])('%j sends exactly %j', async (args, filter, pred) => {
    const r = await search(args);
    expect(lastFilter(s.h.fake, 'Projects/query')).toEqual(filter);
    expect(sortedIds(r.items)).toEqual(idsOf(projects, pred));
    expect(r.items.length).toBeGreaterThan(0);
  });

  it('openOnly leaves out the statuses the tenant calls complete, and says which', async () => {
    const r = await search({ openOnly: true });
    expect(lastFilter(s.h.fake, 'Projects/query')).toEqual([{ op: 'notIn', field: 'status', value: [5] }]);
    expect(r.excludedClosedStatuses).toEqual([{ value: '5', label: 'Complete' }]);
    expect(sortedIds(r.items)).toEqual(idsOf(projects, (p) => p.status !== 5));
    expect(r.items.every((p) => p.status !== 'Complete')).toBe(true);
    expect(r.items[0]).toMatchObject({ companyID: expect.any(Number), projectLeadResourceID: expect.any(Number), status: expect.any(String) });
    expect(nameOf(r, 'companies', r.items[0].companyID)).toEqual(expect.any(String));
    expect(nameOf(r, 'resources', r.items[0].projectLeadResourceID)).toEqual(expect.any(String));
  });

  it('refuses bad input', async () => {
    await refused(s, 'search_projects', { projectNumber: '5100' }, /project number looks like P20261101\.0001/);
    await refused(s, 'search_projects', { startAfter: '2026-11-01', startBefore: '2026-10-01' }, /startAfter .* must be earlier than startBefore/);
    await refused(s, 'search_projects', { status: 'Finished' }, /"Finished" is not a valid Projects\.status\. Valid values: 0=Inactive, 1=New/, 'metadata');
  });
});

describe('get_project', () => {
  it('by id or number, with its tasks on request', async () => {
    const r = structured<{ project: Record<string, Wire>; tasks: { columns: string[]; rows: unknown[][]; more: boolean } }>(await call(s.client, 'get_project', { id: 5100, includeTasks: true }));
    expect(r.project).toMatchObject({ id: 5100, projectName: 'Microsoft 365 Migration', status: 'In Progress', companyID: 103 });
    expect(nameOf(r, 'companies', 103)).toBe('Brightwater Dental Group');
    expect(lastFilter(s.h.fake, 'Tasks/query')).toEqual([{ op: 'eq', field: 'projectID', value: 5100 }]);
    expect(sortedIds(rowsOf(r.tasks))).toEqual(idsOf(tasks, (t) => t.projectID === 5100));
    expect(r.tasks.more).toBe(false);

    s.h.fake.clearRequests();
    const byNumber = structured<{ project: Record<string, unknown> }>(await call(s.client, 'get_project', { projectNumber: numberOf(5101).toLowerCase() }));
    expect(byNumber.project.id).toBe(5101);
    expect(lastFilter(s.h.fake, 'Projects/query')).toEqual([{ op: 'eq', field: 'projectNumber', value: numberOf(5101) }]);
  });

  it('says plainly when the project does not exist, and needs exactly one of id / number', async () => {
    const r = await call(s.client, 'get_project', { id: 1 });
    expect(structured(r)).toEqual({ found: false });
    expect(textOf(r)).toMatch(/No project with id 1 exists/);
    expect(textOf(await call(s.client, 'get_project', { projectNumber: 'p20990101.0001' }))).toMatch(/No project with number P20990101\.0001 exists/);
    s.h.fake.clearRequests();
    await refused(s, 'get_project', {}, /exactly one of id or projectNumber/);
    await refused(s, 'get_project', { id: 5100, projectNumber: numberOf(5100) }, /exactly one of id or projectNumber/);
  });
});

describe('search_tasks and get_task', () => {
  const search = (args: Record<string, unknown>) => list(s, 'search_tasks', { limit: 500, order: 'oldest', ...args });

  it.each([
    [{ projectID: 5101 }, [{ op: 'eq', field: 'projectID', value: 5101 }], (t: SeedRecord) => t.projectID === 5101],
    [{ text: 'migrate' }, [{ op: 'contains', field: 'title', value: 'migrate' }], (t: SeedRecord) => /migrate/i.test(String(t.title))],
    [{ status: 'waiting customer' }, [{ op: 'eq', field: 'status', value: 7 }], (t: SeedRecord) => t.status === 7],
    [{ openOnly: true }, [{ op: 'notIn', field: 'status', value: [5] }], (t: SeedRecord) => t.status !== 5],
    [{ assignedResourceID: TECH }, [{ op: 'eq', field: 'assignedResourceID', value: TECH }], (t: SeedRecord) => t.assignedResourceID === TECH],
    [{ unassigned: false }, [{ op: 'exist', field: 'assignedResourceID' }], (t: SeedRecord) => t.assignedResourceID != null],
    [{ phaseID: 6100 }, [{ op: 'eq', field: 'phaseID', value: 6100 }], (t: SeedRecord) => t.phaseID === 6100],
    [
      { dueAfter: '2026-11-01', dueBefore: '2026-12-01' },
      [
        { op: 'gte', field: 'endDateTime', value: '2026-11-01T00:00:00.000Z' },
        { op: 'lt', field: 'endDateTime', value: '2026-12-01T00:00:00.000Z' },
      ],
      (t: SeedRecord) => onOrAfter('endDateTime', '2026-11-01T00:00:00Z')(t) && before('endDateTime', '2026-12-01T00:00:00Z')(t),
    ],
  ])('%j sends exactly %j', async (args, filter, pred) => {
    const r = await search(args);
    expect(lastFilter(s.h.fake, 'Tasks/query')).toEqual(filter);
    expect(sortedIds(r.items)).toEqual(idsOf(tasks, pred));
    expect(r.items.length).toBeGreaterThan(0);
  });

  it('unassigned=true is notExist, and contradicting filters are refused', async () => {
    const r = await search({ unassigned: true });
    expect(lastFilter(s.h.fake, 'Tasks/query')).toEqual([{ op: 'notExist', field: 'assignedResourceID' }]);
    expect(r.items).toEqual([]);
    s.h.fake.clearRequests();
    await refused(s, 'search_tasks', { unassigned: true, assignedResourceID: TECH }, /contradict/);
  });

  it('get_task returns the task with labels and project name, or says it does not exist', async () => {
    const r = structured<{ task: Record<string, unknown> }>(await call(s.client, 'get_task', { id: 7100 }));
    expect(r.task).toMatchObject({ id: 7100, projectID: 5100, status: 'Complete', taskType: 'Fixed Work' });
    expect(nameOf(r, 'projects', 5100)).toBe('Microsoft 365 Migration');
    const missing = await call(s.client, 'get_task', { id: 1 });
    expect(textOf(missing)).toMatch(/No task with id 1 exists/);
  });
});

describe('create_task', () => {
  it('posts through Projects/{id}/Tasks with taskType and status defaulted from the tenant, and says so', async () => {
    const args = { projectID: 5101, title: 'Update network diagram' };
    const p = await preview(s, 'create_task', args);
    expect(p.request).toEqual({ method: 'POST', path: 'Projects/5101/Tasks', body: { projectID: 5101, title: 'Update network diagram', status: 1, taskType: 1 } });
    expect(p.summary).toMatch(/Defaulted: status New \(1, the tenant's default\); taskType Fixed Work \(1, the tenant's default\)/);
    const { id } = await confirm(s, 'create_task', args, p);
    expect(s.h.fake.records('Tasks').find((t) => t.id === id)).toMatchObject({ projectID: 5101, taskType: 1, status: 1 });
  });

  it('resolves labels, checks the phase, and gives an assignee its default role', async () => {
    const args = {
      projectID: 5100,
      title: 'Decommission on-prem Exchange',
      taskType: 'Fixed Duration',
      status: 'In Progress',
      priority: 'High',
      department: 'Professional Services',
      phaseID: 6102,
      assignedResourceID: TECH,
      estimatedHours: 4,
      startDateTime: '2026-11-20T09:00:00Z',
      endDateTime: '2026-11-21T17:00:00+01:00',
    };
    const p = await preview(s, 'create_task', args);
    expect(p.request.body).toEqual({
      projectID: 5100,
      title: args.title,
      status: 2,
      taskType: 2,
      priorityLabel: 1,
      departmentID: 2,
      phaseID: 6102,
      estimatedHours: 4,
      startDateTime: '2026-11-20T09:00:00.000Z',
      endDateTime: '2026-11-21T16:00:00.000Z',
      assignedResourceID: TECH,
      assignedResourceRoleID: SENIOR_ROLE,
    });
    expect(p.summary).toMatch(/role 29683356 \(Senior Engineer\): resource 29682906's default service desk role/);
    await confirm(s, 'create_task', args, p);
  });

  it('warns when the project is already complete', async () => {
    const p = await preview(s, 'create_task', { projectID: 5103, title: 'Late follow-up' });
    expect(p.warnings.join(' ')).toMatch(/already complete/);
  });

  it.each([
    [{ projectID: 1, title: 'x' }, /No project with id 1 exists/],
    [{ projectID: 5100, title: 'x', phaseID: 6103 }, /Phase 6103 belongs to project 5101, not to project 5100/],
    [{ projectID: 5100, title: 'x', taskType: 'Fixed Price' }, /"Fixed Price" is not a valid Tasks\.taskType\. Valid values: 1=Fixed Work, 2=Fixed Duration/],
    [{ projectID: 5100, title: 'x', assignedResourceID: INACTIVE_RESOURCE }, /inactive and cannot be assigned/],
    [{ projectID: 5100, title: 'x', assignedResourceID: TECH, assignedResourceRoleID: 29683358 }, /Role 29683358 is not one of resource 29682906's roles\. Valid roleID values: .*29683356 \(Senior Engineer\)/],
    [{ projectID: 5100, title: 'x', startDateTime: '2026-11-02', endDateTime: '2026-11-01' }, /endDateTime .* must be after startDateTime/],
    [{ projectID: 5100, title: 'x', assignedResourceRoleID: SENIOR_ROLE }, /assignedResourceRoleID needs assignedResourceID/],
  ])('%j is refused and writes nothing', async (bad, message) => {
    await refused(s, 'create_task', bad, message, 'reads');
  });

  it('refuses a missing title by schema, sending nothing', async () => {
    await refused(s, 'create_task', { projectID: 5100 }, /title/);
  });
});

describe('update_task', () => {
  it('patches through the task\'s project with only the changes, labels in the preview', async () => {
    const t = tasks.find((x) => x.projectID === 5101 && x.status === 1)!;
    const args = { id: t.id, status: 'complete', estimatedHours: t.estimatedHours, title: `${t.title} (done)` };
    const p = await preview(s, 'update_task', args);
    expect(p.request).toEqual({ method: 'PATCH', path: 'Projects/5101/Tasks', body: { id: t.id, status: 5, title: `${t.title} (done)` } });
    expect(p.changes).toEqual([
      { field: 'status', from: 'New (1)', to: 'Complete (5)' },
      { field: 'title', from: t.title, to: `${t.title} (done)` },
    ]);
    expect(p.warnings.join(' ')).toMatch(/completes the task/);
    await confirm(s, 'update_task', args, p);
    expect(writes(s.h.fake).every((w) => !/^Tasks$/i.test(w.route))).toBe(true);
  });

  it('a new assignee keeps its role on the task when it already has one there', async () => {
    const t = tasks.find((x) => x.id === 7102)!;
    const p = await preview(s, 'update_task', { id: 7102, assignedResourceID: t.assignedResourceID, estimatedHours: 10 });
    expect(p.request.body).toEqual({ id: 7102, estimatedHours: 10 });
    // The role is the one on the task: none of the resource's role rows is read (its name and state come from the role cache).
    expect(sent(s.h.fake, 'ResourceServiceDeskRoles/query', 'POST')).toHaveLength(0);
    expect(sent(s.h.fake, 'Roles/query', 'POST').length).toBeLessThanOrEqual(1);
  });

  it.each([
    [{ id: 7100 }, /Nothing to change/],
    [{ id: 1, title: 'x' }, /No task with id 1 exists/],
    [{ id: 7100, endDateTime: '2026-01-01' }, /must be after startDateTime/],
    [{ id: 7100, phaseID: 6103 }, /belongs to project 5101/],
  ])('%j is refused and writes nothing', async (bad, message) => {
    await refused(s, 'update_task', bad, message, 'reads');
  });
});
