/**
 * search_service_calls and get_service_call over MCP against the demo tenant: the filters as
 * they reach Autotask (a technician or ticket is resolved through the link entities first),
 * labels and names without per-row requests, newest-first paging, and refusals that send nothing.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { call, expectSent, filterOf, sent, structured, textOf } from '../tickets/support.js';
import { nameOf, rowsOf } from '../results/support.js';
import { list, refused, useHarness } from '../companies/flow.js';
import type { Wire } from '../../helpers/wire.js';

const seed = buildDemoSeed();
const recs = (e: string) => seed.records[e];
const calls = recs('ServiceCalls');
const links = recs('ServiceCallTickets');
const people = recs('ServiceCallTicketResources');
const taskLinks = recs('ServiceCallTasks');
const taskPeople = recs('ServiceCallTaskResources');
const newestFirst = (ids: number[]) => [...ids].sort((a, b) => b - a);
const busiestCompany = (() => {
  const n = new Map<number, number>();
  for (const c of calls) n.set(c.companyID as number, (n.get(c.companyID as number) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1])[0][0];
})();
/** A technician on both a ticket visit and a task visit. */
const tech = taskPeople.find((p) => people.some((q) => q.resourceID === p.resourceID))!.resourceID as number;
const callsOfTech = (() => {
  const viaTickets = people.filter((p) => p.resourceID === tech).map((p) => links.find((l) => l.id === p.serviceCallTicketID)!.serviceCallID as number);
  const viaTasks = taskPeople.filter((p) => p.resourceID === tech).map((p) => taskLinks.find((l) => l.id === p.serviceCallTaskID)!.serviceCallID as number);
  return [...new Set([...viaTickets, ...viaTasks])];
})();
/** A ticket visit with two technicians. */
const twoTechs = links.find((l) => people.filter((p) => p.serviceCallTicketID === l.id).length === 2)!;

const s = useHarness();

describe('search_service_calls', () => {
  it('sends company, status (by label) and the start range as one filter, newest first with names and labels', async () => {
    const r = await list(s, 'search_service_calls', { companyID: busiestCompany, status: ['Complete', 'Scheduled'], startAfter: '2026-01-01', startBefore: '2027-01-01' });
    expectSent(s.h.fake, 'ServiceCalls/query', [
      { op: 'eq', field: 'companyID', value: busiestCompany },
      { op: 'in', field: 'status', value: [2, 1] },
      { op: 'gte', field: 'startDateTime', value: expect.stringMatching(/^2026-01-01T/) },
      { op: 'lt', field: 'startDateTime', value: expect.stringMatching(/^2027-01-01T/) },
    ]);
    const want = calls.filter((c) => c.companyID === busiestCompany && [1, 2].includes(c.status as number));
    expect(want.length).toBeGreaterThan(1);
    expect(r.items.map((i) => i.id)).toEqual(newestFirst(want.map((c) => c.id)));
    expect(new Set(r.items.map((i) => i.status))).toEqual(new Set(want.map((c) => (c.status === 2 ? 'Complete' : 'Scheduled'))));
    expect(nameOf(r, 'companies', busiestCompany)).toEqual(expect.any(String));
    expect(sent(s.h.fake, 'Companies/query', 'POST').length).toBeLessThanOrEqual(1);
    expect(r.untrusted).toContain('description');
  });

  it('finds a technician\'s calls through their ticket and task assignments, then one id filter', async () => {
    const r = await list(s, 'search_service_calls', { resourceID: tech, limit: 50 });
    expectSent(s.h.fake, 'ServiceCallTicketResources/query', [{ op: 'eq', field: 'resourceID', value: tech }]);
    expectSent(s.h.fake, 'ServiceCallTaskResources/query', [{ op: 'eq', field: 'resourceID', value: tech }]);
    const q = sent(s.h.fake, 'ServiceCalls/query', 'POST');
    expect(filterOf(q[0])[0]).toEqual({ op: 'in', field: 'id', value: [...callsOfTech].sort((a, b) => a - b) });
    expect(r.items.map((i) => i.id)).toEqual(newestFirst(callsOfTech));
  });

  it('finds the calls of a ticket, and says so plainly (no service call query) when a technician has none', async () => {
    const r = await list(s, 'search_service_calls', { ticketID: twoTechs.ticketID });
    expectSent(s.h.fake, 'ServiceCallTickets/query', [{ op: 'eq', field: 'ticketID', value: twoTechs.ticketID as number }]);
    expect(r.items.map((i) => i.id)).toContain(twoTechs.serviceCallID);

    s.h.fake.clearRequests();
    const idle = recs('Resources').find((p) => !people.some((q) => q.resourceID === p.id) && !taskPeople.some((q) => q.resourceID === p.id))!;
    const none = await call(s.client, 'search_service_calls', { resourceID: idle.id });
    expect(textOf(none)).toMatch(/No service calls found matching resourceID/);
    expect(sent(s.h.fake, 'ServiceCalls/query')).toEqual([]);
  });

  it('pages newest first without gaps or repeats', async () => {
    const first = await list(s, 'search_service_calls', { complete: true, limit: 4 });
    expectSent(s.h.fake, 'ServiceCalls/query', [{ op: 'eq', field: 'isComplete', value: 1 }]);
    expect(first.hasMore).toBe(true);
    const second = await list(s, 'search_service_calls', { complete: true, limit: 4, cursor: first.nextCursor });
    const done = newestFirst(calls.filter((c) => c.isComplete === 1).map((c) => c.id));
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(done.slice(0, 8));
  });

  it('refuses bad filters before sending anything', async () => {
    await refused(s, 'search_service_calls', { startAfter: '2026-05-01', startBefore: '2026-04-01' }, /startAfter.*startBefore|startBefore.*startAfter/);
    await refused(s, 'search_service_calls', { companyID: -1 }, /companyID/);
    await refused(s, 'search_service_calls', { status: 'Nonsense' }, /Nonsense/, 'metadata');
  });
});

describe('get_service_call', () => {
  it('returns the call with its ticket, the ticket\'s status and number, and both technicians by name, in a bounded number of requests', async () => {
    const r = structured<Record<string, Wire>>(await call(s.client, 'get_service_call', { id: twoTechs.serviceCallID }));
    const c = calls.find((x) => x.id === twoTechs.serviceCallID)!;
    expect(r.serviceCall).toMatchObject({ id: c.id, companyID: c.companyID, description: c.description });
    expect(nameOf(r, 'companies', c.companyID)).toEqual(expect.any(String));
    const tickets = rowsOf(r.tickets);
    expect(tickets).toEqual([expect.objectContaining({ serviceCallTicketID: twoTechs.id, ticketID: twoTechs.ticketID, status: expect.any(String) })]);
    const ticket = recs('Tickets').find((t) => t.id === twoTechs.ticketID)!;
    expect(nameOf(r, 'tickets', twoTechs.ticketID)).toBe(ticket.ticketNumber);
    const techs = rowsOf(r.technicians);
    const assigned = people.filter((p) => p.serviceCallTicketID === twoTechs.id);
    expect(techs.map((t) => t.resourceID).sort()).toEqual(assigned.map((p) => p.resourceID).sort());
    for (const t of techs) expect(nameOf(r, 'resources', t.resourceID)).toEqual(expect.any(String));
    expect(r.untrusted).toEqual(expect.arrayContaining(['description', 'tickets.title', 'names']));
    // The call, its two kinds of link, their technicians, ticket details: one request each, names batched.
    expect(sent(s.h.fake, 'ServiceCallTickets/query', 'POST')).toHaveLength(1);
    expect(sent(s.h.fake, 'ServiceCallTicketResources/query', 'POST')).toHaveLength(1);
    expect(sent(s.h.fake, 'Tickets/query', 'POST').length).toBeLessThanOrEqual(1);
    expect(sent(s.h.fake, 'Resources/query', 'POST').length).toBeLessThanOrEqual(1);
  });

  it('shows a project visit\'s task with its title and project, and the technician on it', async () => {
    const link = taskLinks[0];
    const r = structured<Record<string, Wire>>(await call(s.client, 'get_service_call', { id: link.serviceCallID }));
    const task = recs('Tasks').find((t) => t.id === link.taskID)!;
    expect(rowsOf(r.tasks)).toEqual([expect.objectContaining({ serviceCallTaskID: link.id, taskID: task.id, projectID: task.projectID })]);
    expect(nameOf(r, 'tasks', task.id)).toBe(task.title);
    expect(nameOf(r, 'projects', task.projectID)).toEqual(expect.any(String));
    const on = taskPeople.find((p) => p.serviceCallTaskID === link.id)!;
    expect(rowsOf(r.technicians)).toEqual([expect.objectContaining({ taskID: task.id, resourceID: on.resourceID })]);
  });

  it('says when the call does not exist', async () => {
    const r = await call(s.client, 'get_service_call', { id: 1 });
    expect(textOf(r)).toMatch(/No service call with id 1 exists/);
    expect(sent(s.h.fake, 'ServiceCallTickets/query')).toEqual([]);
  });
});
