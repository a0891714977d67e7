/**
 * The demo records the service call, ticket extras and report tools read: present, consistent
 * with the tickets, contracts and time they hang off, within the rules the fake enforces, dated
 * no later than "now" (except when work is scheduled), and numbered in creation order.
 */
import { describe, expect, it } from 'vitest';
import type { SeedRecord } from '../../src/fake/types.js';
import { buildDemoSeed, DEMO_NOW } from '../../src/demo/seed.js';

const seed = buildDemoSeed();
const now = Date.parse(DEMO_NOW);
const recs = (entity: string): SeedRecord[] => seed.records[entity] ?? [];
const byId = (entity: string) => new Map(recs(entity).map((r) => [r.id, r]));
const ms = (v: unknown) => Date.parse(String(v));
const ascending = (list: SeedRecord[], field: string) => list.every((r, i) => i === 0 || ms(r[field]) >= ms(list[i - 1][field]));

describe('demo seed: dispatch, ticket extras and billing state', () => {
  it('has records of every entity the new tools read', () => {
    for (const entity of ['ServiceCalls', 'ServiceCallTickets', 'ServiceCallTicketResources', 'ServiceCallTasks', 'ServiceCallTaskResources', 'Appointments', 'TicketHistory', 'TicketChecklistItems', 'TicketCharges', 'TicketAdditionalContacts', 'TicketSecondaryResources', 'Phases', 'BillingItems', 'ContractBlocks']) {
      expect(recs(entity).length, entity).toBeGreaterThan(0);
    }
  });

  it('numbers records in creation order', () => {
    expect(ascending(recs('ServiceCalls'), 'createDateTime')).toBe(true);
    expect(ascending(recs('Appointments'), 'createDateTime')).toBe(true);
    expect(ascending(recs('TicketHistory'), 'date')).toBe(true);
    expect(ascending(recs('TicketCharges'), 'createDate')).toBe(true);
    expect(ascending(recs('BillingItems'), 'postedOnTime')).toBe(true);
    expect(ascending(recs('ContractBlocks'), 'datePurchased')).toBe(true);
  });

  it('books service calls for the ticket company, created before they start and never after now', () => {
    const calls = byId('ServiceCalls');
    const tickets = byId('Tickets');
    for (const c of recs('ServiceCalls')) {
      expect(ms(c.createDateTime) <= Math.min(now, ms(c.startDateTime)), `call ${c.id}`).toBe(true);
      expect(ms(c.endDateTime)).toBeGreaterThan(ms(c.startDateTime));
      if (c.isComplete === 1) expect(ms(c.endDateTime)).toBeLessThanOrEqual(now);
    }
    for (const link of recs('ServiceCallTickets')) {
      const ticket = tickets.get(link.ticketID as number)!;
      const call = calls.get(link.serviceCallID as number)!;
      expect(call.companyID).toBe(ticket.companyID);
      expect(ms(ticket.createDate)).toBeLessThan(ms(call.createDateTime));
    }
    expect(recs('ServiceCalls').some((c) => ms(c.startDateTime) > now)).toBe(true);
    expect(recs('ServiceCalls').some((c) => c.isComplete === 1)).toBe(true);
    const links = byId('ServiceCallTickets');
    for (const r of recs('ServiceCallTicketResources')) expect(links.has(r.serviceCallTicketID as number)).toBe(true);
  });

  it('keeps ticket children within the rules the fake enforces', () => {
    const tickets = byId('Tickets');
    const contacts = byId('Contacts');
    const perTicket = new Map<number, number>();
    for (const i of recs('TicketChecklistItems')) perTicket.set(i.ticketID as number, (perTicket.get(i.ticketID as number) ?? 0) + 1);
    expect(Math.max(...perTicket.values())).toBeLessThanOrEqual(40);
    for (const a of recs('TicketAdditionalContacts')) {
      const t = tickets.get(a.ticketID as number)!;
      expect(contacts.get(a.contactID as number)!.companyID).toBe(t.companyID);
      expect(a.contactID).not.toBe(t.contactID);
    }
    const pairs = new Set<string>();
    for (const s of recs('TicketSecondaryResources')) {
      expect(s.resourceID).not.toBe(tickets.get(s.ticketID as number)!.assignedResourceID);
      expect(pairs.has(`${s.ticketID}/${s.resourceID}`)).toBe(false);
      pairs.add(`${s.ticketID}/${s.resourceID}`);
    }
    for (const h of recs('TicketHistory')) {
      const t = tickets.get(h.ticketID as number)!;
      expect(ms(h.date) >= ms(t.createDate) && ms(h.date) <= now, `history ${h.id}`).toBe(true);
    }
  });

  it('stamps every posted time entry approved, one billing item each, and leaves recent work awaiting approval', () => {
    const items = recs('BillingItems').filter((b) => b.timeEntryID !== null && b.timeEntryID !== undefined);
    const posted = new Set(items.map((b) => b.timeEntryID as number));
    expect(posted.size).toBe(items.length);
    const entries = byId('TimeEntries');
    for (const id of posted) expect(entries.get(id)!.billingApprovalDateTime).toEqual(expect.any(String));
    const waiting = recs('TimeEntries').filter((t) => !posted.has(t.id) && t.ticketID != null);
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((t) => t.billingApprovalDateTime === undefined || t.billingApprovalDateTime === null)).toBe(true);
    const charges = recs('TicketCharges');
    expect(charges.some((c) => c.isBilled === true) && charges.some((c) => c.isBilled === false)).toBe(true);
  });

  it('gives Block Hours contracts blocks whose approved hours never exceed the hours bought', () => {
    const contracts = byId('Contracts');
    for (const b of recs('ContractBlocks')) {
      expect(contracts.get(b.contractID as number)!.contractType).toBe(3);
      expect(b.hoursApproved as number).toBeLessThanOrEqual(b.hours as number);
    }
    expect(recs('ContractBlocks').some((b) => ms(b.startDate) <= now && ms(b.endDate) >= now)).toBe(true);
  });

  it('fills SLA milestones on tickets with an SLA only', () => {
    const sla = recs('Tickets').filter((t) => t.serviceLevelAgreementID !== null);
    expect(sla.every((t) => typeof t.firstResponseDueDateTime === 'string' && t.resolvedDueDateTime === t.dueDateTime)).toBe(true);
    expect(recs('Tickets').filter((t) => t.serviceLevelAgreementID === null).every((t) => t.firstResponseDueDateTime === undefined)).toBe(true);
  });
});
