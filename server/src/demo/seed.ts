/**
 * The demo tenant's dataset: a deterministic, realistic MSP ("Harbourline IT Services", company 0)
 * with ~30 companies, ~100 contacts, ~15 technicians, 400 tickets and ~600 time entries at scale 1.
 * Same options => deep-equal output. `scale` multiplies tickets and their notes/time/attachments.
 * Every entity's ids follow creation order, as Autotask assigns them (creation-order.ts).
 */
import type { ImpersonationSettings, SeedRecord, TenantSeed, UdfDefinition } from '../fake/types.js';
import { add, type DemoContext } from './context.js';
import { addChildAttachments, companyAttachment } from './attachments.js';
import { ASSET_UDFS, buildAssetDetails } from './assets.js';
import { buildCatalogue, cataloguePicklists } from './catalogue.js';
import { buildContractDetails } from './contracts.js';
import { renumberInCreationOrder } from './creation-order.js';
import { API_USER_RESOURCE_ID, buildOrg } from './org.js';
import { demoPicklists } from './picklists.js';
import { buildProjects } from './projects.js';
import { Rng } from './random.js';
import { buildTickets, type TicketCounters } from './tickets.js';
import { buildBilling } from './billing.js';
import { buildExpenses } from './expenses.js';
import { moneyPicklists } from './money-picklists.js';
import { buildSales } from './sales.js';
import { buildDispatch } from './dispatch.js';
import { dispatchPicklists } from './dispatch-picklists.js';

export const DEMO_NOW = '2026-11-01T12:00:00Z';
export const DEMO_DEFAULT_SEED = 20261101;
export const DEMO_BASE_TICKETS = 400;

export interface DemoSeedOptions {
  /** Multiplies the ticket count (and so ticket notes, time entries, attachments). Default 1. */
  scale?: number;
  /** PRNG seed. Default DEMO_DEFAULT_SEED. */
  seed?: number;
  /** Fixed "now" (ISO). Default DEMO_NOW. */
  now?: string;
}

function demoUdfs(): Record<string, UdfDefinition[]> {
  const pick = (labels: string[]) =>
    labels.map((label, i) => ({ value: label, label, isDefaultValue: false, sortOrder: i + 1, parentValue: '', isActive: true, isSystem: false }));
  return {
    Tickets: [
      { name: 'Affected Users', label: 'Affected Users', type: 'integer' },
      { name: 'Customer Reference', label: 'Customer Reference / PO', type: 'string' },
    ],
    Companies: [
      { name: 'Customer Tier', label: 'Customer Tier', type: 'string', isPickList: true, picklistValues: pick(['Gold', 'Silver', 'Bronze']) },
      { name: 'Onboarded Date', label: 'Onboarded Date', type: 'datetime' },
    ],
    Contacts: [{ name: 'Preferred Contact Method', label: 'Preferred Contact Method', type: 'string' }],
    Projects: [{ name: 'Budget Approved By', label: 'Budget Approved By', type: 'string' }],
  };
}

export function buildDemoSeed(options: DemoSeedOptions = {}): TenantSeed {
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`demo seed scale must be a positive number, got ${scale}`);
  const now = options.now ?? DEMO_NOW;
  const nowMs = Date.parse(now);
  if (Number.isNaN(nowMs)) throw new Error(`demo seed now must be an ISO date-time, got ${now}`);
  const root = new Rng(options.seed ?? DEMO_DEFAULT_SEED);
  // Independent streams: the ticket count does not change companies, contacts or projects.
  const orgRng = root.fork('org');
  const projectRng = root.fork('projects');
  const ticketRng = root.fork('tickets');
  const records: Record<string, SeedRecord[]> = {};
  const ctx = (rng: Rng): DemoContext => ({ rng, now: nowMs, records });
  const org = buildOrg(ctx(orgRng));
  const counters: TicketCounters = { noteId: 30010000, timeEntryId: 31000000, attachmentId: 29700000 };
  buildProjects(ctx(projectRng), org, counters);
  for (const company of org.customers.slice(0, 4)) add(ctx(projectRng), 'CompanyAttachments', companyAttachment(ctx(projectRng), company, counters.attachmentId++));
  buildTickets(ctx(ticketRng), org, Math.round(DEMO_BASE_TICKETS * scale), counters);
  addChildAttachments(ctx(root.fork('attachments')), counters);
  // Devices, contracts and what the MSP sells: their own stream, after the time they are billed by.
  const commerce = ctx(root.fork('commerce'));
  buildContractDetails(commerce, org, buildCatalogue(commerce, 29683520));
  buildAssetDetails(commerce, org);
  renumberInCreationOrder(records);
  // Built on the final ids of time entries and tickets, each numbered in creation order itself.
  const money = root.fork('money');
  buildExpenses(ctx(money), org);
  buildBilling(ctx(money), org);
  buildSales(ctx(money), org);
  buildDispatch(ctx(root.fork('dispatch')), org); // names time entries by their final ids
  for (const list of Object.values(records)) list.sort((a, b) => a.id - b.id);
  // Titles required, as on many tenants: a tool that sends an untitled note fails here too.
  return { records, picklists: { ...dispatchPicklists(), ...demoPicklists(), ...moneyPicklists(), ...cataloguePicklists() }, udfs: { ...demoUdfs(), ...ASSET_UDFS }, apiUserResourceId: API_USER_RESOURCE_ID, now, requireTicketNoteTitles: true, impersonation: demoImpersonation(records) };
}

/** The API user may add and edit what the tools write on behalf of every active technician (a team set-up). */
function demoImpersonation(records: Partial<Record<string, SeedRecord[]>>): ImpersonationSettings {
  const both: Array<'create' | 'update'> = ['create', 'update'];
  const entities = ['tickets', 'ticketnotes', 'timeentries', 'projectnotes', 'tasknotes', 'companynotes', 'companies', 'contacts', 'attachments'];
  return {
    apiUser: Object.fromEntries(entities.map((e) => [e, both])),
    resources: (records.Resources ?? []).filter((r) => r.isActive !== false && r.id !== API_USER_RESOURCE_ID).map((r) => r.id),
  };
}
