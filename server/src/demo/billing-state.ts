/**
 * Where the demo's billable work stands: time and charges are approved and posted weekly, up to
 * two weeks before "now" (a few stragglers stay behind), which creates one BillingItem each and
 * stamps the time entry's approval; Block Hours contracts have their purchased blocks, with the
 * hours approved against each, and two customers pay a quarterly retainer. Posting is what makes work billed: a posted time entry is one with
 * a BillingItem naming it (msoukhomlinov/n8n-nodes-autotask getPosted / getUnposted).
 *
 * Other parts of the demo may own these entities: billing items and blocks are only added when
 * none exist yet, so whichever module seeds them first wins and nothing is seeded twice.
 */
import type { SeedRecord } from '../fake/types.js';
import { add, DAY, iso, isoDate, type DemoContext } from './context.js';
import type { Org } from './org.js';
import { CONTRACT_TYPE } from './picklists.js';

export const BILLING_ITEM_TYPE = { Labour: 1, LabourAdjustment: 2, TicketCharge: 4 } as const;
export const BILLING_ITEM_SUB_TYPE = { TimeEntry: 1, TicketCharge: 2 } as const;

/** Work from before this many days ago has been through Approve and Post (the weekly run). */
const POSTED_BEFORE_DAYS = 14;
const STRAGGLERS = 0.05;
const WEEK = 7 * DAY;
const ms = (v: unknown) => Date.parse(String(v));

/** The Monday after the week an instant falls in (the posting run that picked it up). */
function postingRun(at: number): number {
  const day = Math.floor(at / DAY) * DAY;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0
  return day + (7 - weekday) * DAY + 8 * 3_600_000;
}

function addBillingItems(ctx: DemoContext, org: Org): void {
  if (ctx.records.BillingItems?.length) return;
  const cutoff = ctx.now - POSTED_BEFORE_DAYS * DAY;
  const tickets = new Map((ctx.records.Tickets ?? []).map((t) => [t.id, t]));
  const tasks = new Map((ctx.records.Tasks ?? []).map((t) => [t.id, t]));
  const projects = new Map((ctx.records.Projects ?? []).map((p) => [p.id, p]));
  const rates = new Map((ctx.records.BillingCodes ?? []).map((b) => [b.id, b.unitPrice as number]));
  const items: SeedRecord[] = [];
  for (const te of ctx.records.TimeEntries ?? []) {
    const worked = ms(te.startDateTime);
    if (te.isNonBillable === true || !((te.hoursToBill as number) > 0) || worked >= cutoff || ctx.rng.chance(STRAGGLERS)) continue;
    const posted = Math.min(postingRun(worked), ctx.now - DAY);
    const ticket = tickets.get(te.ticketID as number);
    const task = tasks.get(te.taskID as number);
    const companyID = ticket ? ticket.companyID : task ? projects.get(task.projectID as number)?.companyID : undefined;
    if (companyID === undefined || companyID === 0) continue;
    const rate = rates.get(te.billingCodeID as number) ?? 95;
    const qty = te.hoursToBill as number;
    te.billingApprovalDateTime = iso(posted);
    te.billingApprovalResourceID = org.accountManagerId;
    items.push({
      id: 0, billingItemType: BILLING_ITEM_TYPE.Labour, subType: BILLING_ITEM_SUB_TYPE.TimeEntry, nonBillable: 0, companyID, timeEntryID: te.id,
      ticketID: ticket ? ticket.id : null, taskID: task ? task.id : null, projectID: task ? task.projectID : null, contractID: te.contractID ?? null,
      roleID: te.roleID, billingCodeID: te.billingCodeID, itemDate: te.dateWorked, postedDate: isoDate(posted), postedOnTime: iso(posted),
      quantity: qty, rate, extendedPrice: qty * rate, totalAmount: qty * rate, ourCost: 0, taxDollars: 0, description: String(te.summaryNotes ?? ''),
      itemName: ticket ? String(ticket.ticketNumber) : String(task?.title ?? ''), itemApproverID: org.accountManagerId, accountManagerWhenApprovedID: org.accountManagerId,
      invoiceID: null, purchaseOrderNumber: '',
    });
  }
  for (const c of ctx.records.TicketCharges ?? []) {
    if (c.isBilled !== true) continue;
    const posted = Math.min(postingRun(ms(c.createDate)), ctx.now - DAY);
    const ticket = tickets.get(c.ticketID as number);
    if (!ticket) continue;
    items.push({
      id: 0, billingItemType: BILLING_ITEM_TYPE.TicketCharge, subType: BILLING_ITEM_SUB_TYPE.TicketCharge, nonBillable: c.isBillableToCompany ? 0 : 1,
      companyID: ticket.companyID, ticketID: ticket.id, ticketChargeID: c.id, contractID: ticket.contractID ?? null, itemDate: c.datePurchased,
      postedDate: isoDate(posted), postedOnTime: iso(posted), quantity: c.unitQuantity, rate: c.unitPrice, extendedPrice: c.billableAmount,
      totalAmount: c.billableAmount, ourCost: c.extendedCost, taxDollars: 0, description: String(c.description ?? ''), itemName: String(c.name),
      itemApproverID: org.accountManagerId, accountManagerWhenApprovedID: org.accountManagerId, invoiceID: null, purchaseOrderNumber: '',
    });
  }
  // Ids in posting order, as the posting run creates them (sort keys parsed once: scale 50 posts 25,000 items).
  const keyed = items.map((item) => ({ item, posted: ms(item.postedOnTime), day: ms(item.itemDate), source: (item.timeEntryID ?? item.ticketChargeID) as number }));
  keyed.sort((a, b) => a.posted - b.posted || a.day - b.day || a.source - b.source);
  let id = 36000000;
  for (const { item } of keyed) add(ctx, 'BillingItems', { ...item, id: id++ });
}

/**
 * Blocks of a Block Hours contract: 20 hours every six months from its start; the hours approved
 * on a block are the posted hours against the contract in its period (before the demo's history,
 * most of the block). Only added when no blocks exist.
 */
function addContractBlocks(ctx: DemoContext): void {
  if (ctx.records.ContractBlocks?.length) return;
  const postedByContract = new Map<number, Array<{ day: number; hours: number }>>();
  for (const b of ctx.records.BillingItems ?? []) {
    if (b.billingItemType !== BILLING_ITEM_TYPE.Labour || typeof b.contractID !== 'number') continue;
    const list = postedByContract.get(b.contractID) ?? [];
    list.push({ day: ms(b.itemDate), hours: b.quantity as number });
    postedByContract.set(b.contractID, list);
  }
  const history = (ctx.records.TimeEntries ?? []).reduce((min, t) => Math.min(min, ms(t.startDateTime)), Infinity);
  const blocks: SeedRecord[] = [];
  const contracts = (ctx.records.Contracts ?? []).filter((c) => c.contractType === CONTRACT_TYPE.BlockHours).sort((a, b) => a.id - b.id);
  for (const c of contracts) {
    for (let start = ms(c.startDate); start <= ctx.now; start += 26 * WEEK) {
      const end = start + 26 * WEEK - DAY;
      const hours = 20;
      const used = (postedByContract.get(c.id) ?? []).filter((b) => b.day >= start && b.day <= end).reduce((n, b) => n + b.hours, 0);
      const before = end < history ? Math.round(hours * (0.7 + ctx.rng.next() * 0.3) * 4) / 4 : 0;
      blocks.push({
        id: 0, contractID: c.id, datePurchased: isoDate(start), startDate: isoDate(start), endDate: isoDate(end), hours, hourlyRate: 85,
        hoursApproved: Math.min(hours, Math.round((used + before) * 100) / 100), isPaid: start + 30 * DAY < ctx.now, invoiceNumber: '', paymentNumber: '', status: 1,
      });
    }
  }
  // Ids in purchase order.
  blocks.sort((a, b) => ms(a.datePurchased) - ms(b.datePurchased) || (a.contractID as number) - (b.contractID as number));
  let id = 37000;
  for (const b of blocks) add(ctx, 'ContractBlocks', { ...b, id: id++ });
}

/** Customers on a retainer, and what each quarter's purchase buys. */
const RETAINER_CUSTOMERS = 2;
const RETAINER_AMOUNT = 6000;
const QUARTER = 13 * WEEK;

/**
 * Two customers without a contract pay a quarterly retainer (a Retainer contract, new ids after
 * the others); each quarter's purchase has the amount used against it (all of past quarters'
 * most, part of the current one). Only added when no retainers exist.
 */
function addRetainers(ctx: DemoContext): void {
  if (ctx.records.ContractRetainers?.length) return;
  const contracts = ctx.records.Contracts ?? [];
  const withContract = new Set(contracts.map((c) => c.companyID));
  const withTickets = new Set((ctx.records.Tickets ?? []).map((t) => t.companyID));
  const customers = (ctx.records.Companies ?? []).filter((c) => c.id !== 0 && c.isActive === true && !withContract.has(c.id) && withTickets.has(c.id)).sort((a, b) => a.id - b.id).slice(0, RETAINER_CUSTOMERS);
  let contractId = contracts.reduce((m, c) => Math.max(m, c.id), 0) + 1;
  let id = 38000;
  for (const company of customers) {
    const start = Math.floor((ctx.now - 200 * DAY) / DAY) * DAY;
    const contract = add(ctx, 'Contracts', {
      id: contractId++, companyID: company.id, contactID: null, contractName: `${String(company.companyName)} - Quarterly Retainer`, contractNumber: `RET-${company.id}`,
      contractType: CONTRACT_TYPE.Retainer, status: 1, startDate: isoDate(start), endDate: isoDate(start + 2 * 365 * DAY), timeReportingRequiresStartAndStopTimes: 0,
      isDefaultContract: false, estimatedHours: 0, description: 'Quarterly prepaid retainer, drawn down at contract rates.',
    });
    for (let from = start; from <= ctx.now; from += QUARTER) {
      const current = from + QUARTER > ctx.now;
      const share = current ? ctx.rng.next() * 0.6 : 0.8 + ctx.rng.next() * 0.2;
      add(ctx, 'ContractRetainers', {
        id: id++, contractID: contract.id, datePurchased: isoDate(from), startDate: isoDate(from), endDate: isoDate(from + QUARTER - DAY), amount: RETAINER_AMOUNT,
        amountApproved: Math.round(RETAINER_AMOUNT * share * 100) / 100, isPaid: from + 30 * DAY < ctx.now, invoiceNumber: '', paymentNumber: '', status: 1,
      });
    }
  }
}

export function buildBillingState(ctx: DemoContext, org: Org): void {
  addBillingItems(ctx, org);
  addContractBlocks(ctx);
  addRetainers(ctx);
}
