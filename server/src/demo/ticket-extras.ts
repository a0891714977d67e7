/**
 * What hangs off the demo tickets besides notes and time: SLA milestone dates, the ticket
 * history, checklists, charges (products used), additional contacts and secondary resources.
 * Runs after the tickets exist (and after renumbering), on its own random stream, so it changes
 * nothing the ticket generator made except filling SLA fields the generator left empty.
 */
import type { SeedRecord } from '../fake/types.js';
import { add, DAY, HOUR, iso, isoDate, type DemoContext } from './context.js';
import type { Org } from './org.js';
import { API_USER_RESOURCE_ID } from './org.js';
import { demoPicklists, ISSUE, TICKET_PRIORITY, TICKET_STATUS } from './picklists.js';

const S = TICKET_STATUS;
const CLOSED: readonly number[] = [S.Complete, S.Cancelled];
/** Hours to the first response by priority, as an SLA would set them. */
const FIRST_RESPONSE_HOURS: Record<number, number> = { [TICKET_PRIORITY.Critical]: 1, [TICKET_PRIORITY.High]: 2, [TICKET_PRIORITY.Medium]: 4, [TICKET_PRIORITY.Low]: 8 };

export const CHARGE_TYPE = { Operational: 1, Capitalized: 2 } as const;
export const CHARGE_STATUS = { Pending: 1, Ordered: 2, Delivered: 3 } as const;

const STATUS_LABELS: Record<number, string> = {
  [S.New]: 'New', [S.InProgress]: 'In Progress', [S.WaitingCustomer]: 'Waiting Customer', [S.WaitingVendor]: 'Waiting Vendor',
  [S.WaitingMaterials]: 'Waiting Materials', [S.Scheduled]: 'Scheduled', [S.Escalated]: 'Escalated', [S.OnHold]: 'On Hold',
  [S.CustomerNoteAdded]: 'Customer Note Added', [S.Complete]: 'Complete', [S.Cancelled]: 'Cancelled',
};

const CHECKLISTS: Record<number, string[]> = {
  [ISSUE.Hardware]: ['Confirm asset tag and warranty', 'Back up user data', 'Replace or repair the part', 'Test and hand back to the user'],
  [ISSUE.UserAccounts]: ['Create the account', 'Assign the Microsoft 365 licence', 'Add to security and distribution groups', 'Send the welcome email'],
  [ISSUE.Network]: ['Check the switch port and cabling', 'Check the firewall logs', 'Apply the fix', 'Confirm with the user that it works'],
  [ISSUE.BackupRecovery]: ['Check the last successful backup', 'Re-run the failed job', 'Test restore a sample file'],
};
const GENERIC_CHECKLIST = ['Reproduce the issue', 'Apply the fix', 'Confirm with the user', 'Update the documentation'];

const ms = (v: unknown) => Date.parse(String(v));

/** First-response and resolution milestones on tickets that have an SLA (fields the generator leaves out). */
function addSlaMilestones(ctx: DemoContext, tickets: SeedRecord[]): void {
  for (const t of tickets) {
    if (t.serviceLevelAgreementID === null || t.serviceLevelAgreementID === undefined) continue;
    const created = ms(t.createDate);
    const last = ms(t.lastActivityDate);
    const responded = t.status !== S.New || CLOSED.includes(t.status);
    const frDue = created + FIRST_RESPONSE_HOURS[t.priority as number] * HOUR;
    t.firstResponseDueDateTime ??= iso(frDue);
    t.resolvedDueDateTime ??= t.dueDateTime;
    if (responded) {
      t.firstResponseDateTime ??= iso(Math.min(last, created + ctx.rng.int(5, 150) * 60_000));
      t.firstResponseInitiatingResourceID ??= t.assignedResourceID ?? null;
    }
    if (t.completedDate) t.serviceLevelAgreementHasBeenMet ??= ms(t.completedDate) <= ms(t.dueDateTime);
  }
}

interface HistoryDraft {
  ticketID: number;
  at: number;
  /** The date as text when the ticket already has it (formatting 75,000 dates at scale 50 is slow). */
  text?: string;
  action: string;
  detail: string;
  resourceID: number;
}

/** The ticket history: created, assigned, status changes (ids handed out in date order, as Autotask writes them). */
function addHistory(ctx: DemoContext, org: Org, tickets: SeedRecord[], names: Map<number, string>, queues: Map<string, string>): void {
  const drafts: HistoryDraft[] = [];
  const lead = org.technicians[0]?.id ?? API_USER_RESOURCE_ID;
  for (const t of tickets) {
    const created = ms(t.createDate);
    const last = ms(t.lastActivityDate);
    const by = (t.creatorResourceID as number | null) ?? API_USER_RESOURCE_ID;
    const step = (n: number) => Math.min(last, created + n * ctx.rng.int(2, 40) * 60_000);
    drafts.push({ ticketID: t.id, at: created, text: String(t.createDate), action: 'Created', detail: `Ticket created: status New, queue ${queues.get(String(t.queueID)) ?? String(t.queueID)}`, resourceID: by });
    const tech = t.assignedResourceID as number | null;
    if (tech !== null) drafts.push({ ticketID: t.id, at: step(1), action: 'Edited', detail: `Primary Resource: ${names.get(tech) ?? tech}`, resourceID: lead });
    const status = t.status as number;
    if (status === S.New) continue;
    const working = CLOSED.includes(status) ? S.InProgress : status;
    drafts.push({ ticketID: t.id, at: step(2), action: 'Edited', detail: `Status: New -> ${STATUS_LABELS[working]}`, resourceID: tech ?? lead });
    if (CLOSED.includes(status)) {
      const end = t.completedDate ? ms(t.completedDate) : last;
      drafts.push({ ticketID: t.id, at: Math.max(step(2), end), action: 'Edited', detail: `Status: ${STATUS_LABELS[working]} -> ${STATUS_LABELS[status]}`, resourceID: tech ?? lead });
    }
  }
  drafts.sort((a, b) => a.at - b.at || a.ticketID - b.ticketID);
  let id = 32000000;
  for (const d of drafts) add(ctx, 'TicketHistory', { id: id++, ticketID: d.ticketID, date: d.text ?? iso(d.at), action: d.action, detail: d.detail, resourceID: d.resourceID });
}

function addChecklists(ctx: DemoContext, tickets: SeedRecord[]): void {
  let id = 33000000;
  for (const t of tickets) {
    if (t.assignedResourceID === null || !ctx.rng.chance(0.12)) continue;
    const items = CHECKLISTS[t.issueType as number] ?? GENERIC_CHECKLIST;
    const closed = CLOSED.includes(t.status as number);
    const done = closed ? items.length : t.status === S.New ? 0 : ctx.rng.int(0, items.length - 1);
    const created = ms(t.createDate);
    const end = t.completedDate ? ms(t.completedDate) : ms(t.lastActivityDate);
    items.forEach((itemName, i) => {
      const completed = i < done;
      add(ctx, 'TicketChecklistItems', {
        id: id++, ticketID: t.id, itemName, position: i + 1, isImportant: i === items.length - 1, knowledgebaseArticleID: null,
        isCompleted: completed, completedByResourceID: completed ? t.assignedResourceID : null,
        completedDateTime: completed ? iso(created + ((i + 1) / (items.length + 1)) * (end - created)) : null,
      });
    });
  }
}

/** Products used on hardware tickets, billed once posted (isBilled) like other billing items. */
function addCharges(ctx: DemoContext, tickets: SeedRecord[]): void {
  const products = ctx.records.Products ?? [];
  if (!products.length) return;
  const drafts: SeedRecord[] = [];
  for (const t of tickets) {
    if (t.issueType !== ISSUE.Hardware || t.companyID === 0 || t.assignedResourceID === null || !ctx.rng.chance(0.45)) continue;
    const product = ctx.rng.pick(products);
    const at = Math.min(ctx.now - HOUR, ms(t.createDate) + ctx.rng.int(2, 30) * HOUR);
    const qty = ctx.rng.weighted([[1, 6], [2, 2], [3, 1]] as const);
    const price = product.unitPrice as number;
    const cost = product.unitCost as number;
    const posted = ctx.now - at > 21 * DAY;
    drafts.push({
      id: 0, ticketID: t.id, name: String(product.name), description: `${String(product.name)} for ${String(t.ticketNumber)}`, productID: product.id,
      chargeType: CHARGE_TYPE.Operational, status: posted ? CHARGE_STATUS.Delivered : ctx.rng.pick(Object.values(CHARGE_STATUS)),
      unitQuantity: qty, unitPrice: price, unitCost: cost, billableAmount: qty * price, extendedCost: qty * cost,
      isBillableToCompany: ctx.rng.chance(0.9), isBilled: posted, datePurchased: isoDate(at), createDate: iso(at), creatorResourceID: t.assignedResourceID,
      purchaseOrderNumber: '', internalPurchaseOrderNumber: '', billingCodeID: null, notes: '',
    });
  }
  drafts.sort((a, b) => ms(a.createDate) - ms(b.createDate) || (a.ticketID as number) - (b.ticketID as number));
  let id = 34000000;
  for (const d of drafts) add(ctx, 'TicketCharges', { ...d, id: id++ });
}

/** Another contact of the same company copied on some tickets, and a second technician on others. */
function addPeople(ctx: DemoContext, org: Org, tickets: SeedRecord[]): void {
  let contactLink = 35000000;
  let resourceLink = 35500000;
  for (const t of tickets) {
    const others = (org.contactsByCompany.get(t.companyID as number) ?? []).filter((c) => c.isActive === 1 && c.id !== t.contactID);
    if (t.contactID !== null && others.length && ctx.rng.chance(0.1)) add(ctx, 'TicketAdditionalContacts', { id: contactLink++, ticketID: t.id, contactID: ctx.rng.pick(others).id });
    const helpers = org.technicians.filter((x) => x.id !== t.assignedResourceID);
    if (t.assignedResourceID !== null && ctx.rng.chance(0.08)) {
      const helper = ctx.rng.pick(helpers);
      add(ctx, 'TicketSecondaryResources', { id: resourceLink++, ticketID: t.id, resourceID: helper.id, roleID: helper.roleId });
    }
  }
}

export function buildTicketExtras(ctx: DemoContext, org: Org): void {
  const tickets = [...(ctx.records.Tickets ?? [])].sort((a, b) => a.id - b.id);
  const names = new Map((ctx.records.Resources ?? []).map((r) => [r.id, `${String(r.firstName)} ${String(r.lastName)}`]));
  addSlaMilestones(ctx, tickets);
  const queues = new Map(demoPicklists().Tickets.queueID.map((q) => [q.value, q.label]));
  addHistory(ctx, org, tickets, names, queues);
  addChecklists(ctx, tickets);
  addCharges(ctx, tickets);
  addPeople(ctx, org, tickets);
}
