/**
 * Booking a visit over MCP: create_service_call (root POST), add_service_call_ticket (through
 * the call: ServiceCalls/{id}/Tickets) and assign_service_call_resource (through the ticket or
 * task link: ServiceCallTickets/{id}/Resources, ServiceCallTasks/{id}/Resources), each previewed
 * and then confirmed exactly once; what Autotask would refuse is refused before anything is sent.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { confirm, preview, refused, useHarness } from '../companies/flow.js';
import { sent } from '../tickets/support.js';

const seed = buildDemoSeed();
const recs = (e: string) => seed.records[e];
const COMPANY = 145;
const open = recs('Tickets').filter((t) => t.companyID === COMPANY && t.status !== 5);
const ticketA = open[0];
const ticketB = open[1];
const location = recs('CompanyLocations').find((l) => l.companyID === COMPANY)!;
const elsewhere = recs('CompanyLocations').find((l) => l.companyID !== COMPANY)!;
const tech = recs('Resources').find((r) => r.isActive === true && recs('ServiceCallTicketResources').some((p) => p.resourceID === r.id))!;
const other = recs('Resources').find((r) => r.isActive === true && r.id !== tech.id && recs('ServiceCallTicketResources').some((p) => p.resourceID === r.id))!;
const inactive = recs('Resources').find((r) => r.isActive === false)!;
const taskLink = recs('ServiceCallTasks')[0];
const onTask = recs('ServiceCallTaskResources').find((p) => p.serviceCallTaskID === taskLink.id)!.resourceID;

const visit = { companyID: COMPANY, startDateTime: '2027-01-12T09:00:00Z', endDateTime: '2027-01-12T11:30:00Z', description: 'Replace the switch in the comms room', status: 'Scheduled', companyLocationID: location.id };

const s = useHarness();
/** Each refusal on its own: the request log starts empty. */
const fresh = async (...a: Parameters<typeof refused>) => {
  s.h.fake.clearRequests();
  return refused(...a);
};

describe('booking a visit', () => {
  it('creates the call, links two tickets and sends technicians, each write previewed and confirmed once', async () => {
    const p = await preview(s, 'create_service_call', visit);
    expect(p.request).toEqual({
      method: 'POST',
      path: 'ServiceCalls',
      body: { companyID: COMPANY, startDateTime: '2027-01-12T09:00:00.000Z', endDateTime: '2027-01-12T11:30:00.000Z', description: visit.description, status: 1, companyLocationID: location.id },
    });
    expect(p.summary).toMatch(/Northgate Recruitment \(145\).*\(2\.5 h\), status Scheduled/);
    const { id: callId } = await confirm(s, 'create_service_call', visit, p);
    expect(s.h.fake.records('ServiceCalls').find((c) => c.id === callId)).toMatchObject({ companyID: COMPANY, status: 1 });

    s.h.fake.clearRequests();
    await refused(s, 'assign_service_call_resource', { serviceCallID: callId, resourceID: tech.id }, /has no ticket or task yet: link its ticket with add_service_call_ticket first/, 'reads');

    const link = { serviceCallID: callId, ticketID: ticketA.id };
    const lp = await preview(s, 'add_service_call_ticket', link);
    expect(lp.request).toEqual({ method: 'POST', path: `ServiceCalls/${callId}/Tickets`, body: { serviceCallID: callId, ticketID: ticketA.id } });
    const { id: linkA } = await confirm(s, 'add_service_call_ticket', link, lp);
    s.h.fake.clearRequests();
    await refused(s, 'add_service_call_ticket', link, /is already on service call/, 'reads');

    // One ticket on the call: the technician goes to it without naming it.
    const send = { serviceCallID: callId, resourceID: tech.id };
    const ap = await preview(s, 'assign_service_call_resource', send);
    expect(ap.request).toEqual({ method: 'POST', path: `ServiceCallTickets/${linkA}/Resources`, body: { serviceCallTicketID: linkA, resourceID: tech.id } });
    expect(ap.summary).toMatch(new RegExp(`assigned to ticket ${ticketA.id}`));
    await confirm(s, 'assign_service_call_resource', send, ap);
    s.h.fake.clearRequests();
    await refused(s, 'assign_service_call_resource', send, /is already assigned to ticket/, 'reads');

    // Two tickets: the tool asks which one.
    const lb = { serviceCallID: callId, ticketID: ticketB.id };
    const { id: linkB } = await confirm(s, 'add_service_call_ticket', lb, await preview(s, 'add_service_call_ticket', lb));
    s.h.fake.clearRequests();
    await refused(s, 'assign_service_call_resource', { serviceCallID: callId, resourceID: other.id }, /has several tickets or tasks \(ticketID \d+, ticketID \d+\): give ticketID or taskID/, 'reads');
    // An appointment overlapping the visit is worth a warning (one bounded query).
    s.h.fake.records('Appointments').push({ id: 90_000_001, resourceID: other.id, title: 'Dentist', startDateTime: '2027-01-12T10:00:00Z', endDateTime: '2027-01-12T11:00:00Z' });
    s.h.fake.clearRequests();
    const toB = { serviceCallID: callId, resourceID: other.id, ticketID: ticketB.id };
    const bp = await preview(s, 'assign_service_call_resource', toB);
    expect(bp.request.path).toBe(`ServiceCallTickets/${linkB}/Resources`);
    expect(bp.warnings).toEqual([expect.stringMatching(/has 1 appointment\(s\) overlapping the call: "Dentist"/)]);
    expect(sent(s.h.fake, 'Appointments/query', 'POST').map((r) => r.body)).toEqual([{
      filter: [
        { op: 'eq', field: 'resourceID', value: other.id },
        { op: 'lt', field: 'startDateTime', value: '2027-01-12T11:30:00.000Z' },
        { op: 'gt', field: 'endDateTime', value: '2027-01-12T09:00:00.000Z' },
      ],
      IncludeFields: ['id', 'title', 'startDateTime'],
      MaxRecords: 5,
    }]);
    await confirm(s, 'assign_service_call_resource', toB, bp);
    expect(s.h.fake.records('ServiceCallTicketResources').filter((r) => r.serviceCallTicketID === linkB).map((r) => r.resourceID)).toEqual([other.id]);
  });

  it('sends a technician to a project visit through its task link', async () => {
    const args = { serviceCallID: taskLink.serviceCallID, resourceID: tech.id === onTask ? other.id : tech.id, taskID: taskLink.taskID };
    const p = await preview(s, 'assign_service_call_resource', args);
    expect(p.request).toEqual({ method: 'POST', path: `ServiceCallTasks/${taskLink.id}/Resources`, body: { serviceCallTaskID: taskLink.id, resourceID: args.resourceID } });
    expect(p.warnings).toContain(`Service call ${taskLink.serviceCallID} is already complete.`);
    await confirm(s, 'assign_service_call_resource', args, p);
  });

  it('refuses what Autotask would refuse, before sending anything', async () => {
    await fresh(s, 'create_service_call', { ...visit, endDateTime: '2027-01-12T08:00:00Z' }, /endDateTime .* must be after startDateTime/, 'metadata');
    await fresh(s, 'create_service_call', { ...visit, endDateTime: '2027-01-14T09:00:00Z' }, /would last 48 hours/, 'metadata');
    await fresh(s, 'create_service_call', { ...visit, companyLocationID: elsewhere.id }, new RegExp(`Location ${elsewhere.id} belongs to company ${String(elsewhere.companyID)}, not to company ${COMPANY}`), 'reads');
    await fresh(s, 'create_service_call', { ...visit, status: 'Sometime' }, /Sometime/, 'metadata');
    await fresh(s, 'create_service_call', { ...visit, companyID: 999_999 }, /No company with id 999999 exists/, 'reads');
    await fresh(s, 'create_service_call', { companyID: COMPANY, startDateTime: visit.startDateTime }, /endDateTime/);
    await fresh(s, 'add_service_call_ticket', { serviceCallID: 1, ticketID: ticketA.id }, /No service call with id 1 exists/, 'reads');
    await fresh(s, 'assign_service_call_resource', { serviceCallID: taskLink.serviceCallID, resourceID: inactive.id }, /is inactive and cannot be assigned/, 'reads');
    await fresh(s, 'assign_service_call_resource', { serviceCallID: taskLink.serviceCallID, resourceID: tech.id, ticketID: ticketA.id }, /Ticket \d+ is not on service call \d+: link it first/, 'reads');
    await fresh(s, 'assign_service_call_resource', { serviceCallID: taskLink.serviceCallID, resourceID: tech.id, ticketID: ticketA.id, taskID: taskLink.taskID }, /Give ticketID or taskID, not both/, 'reads');
  });
});
