/**
 * The commercial side of the demo's contracts: services and bundles on recurring-service
 * contracts, purchased hour blocks used up by the time logged against them, a retainer, contracts
 * near their end date (renewals due) and one that has ended, and what each contract excludes.
 * Runs after the tickets and time entries exist, so block usage follows the logged time.
 */
import type { SeedRecord } from '../fake/types.js';
import { add, DAY, isoDate, type DemoContext } from './context.js';
import type { Catalogue } from './catalogue.js';
import type { Org } from './org.js';
import { CONTRACT_TYPE } from './picklists.js';

const BLOCK_HOURS = 20;
const BLOCK_RATE = 95;
/** Time from the last week is not approved and posted yet, so blocks do not count it. */
const UNAPPROVED_DAYS = 7;
const MAX_BLOCKS = 6;
/** Roles the demo excludes (see org.ts ROLES order). */
const ROLE = { projectManager: 29683359, security: 29683362 } as const;

export function buildContractDetails(ctx: DemoContext, org: Org, cat: Catalogue): void {
  const contracts = ctx.records.Contracts ?? [];
  const original = [...contracts];
  addNewContracts(ctx, org, contracts);
  addExclusions(ctx, org, original);
  let serviceLine = 30132000;
  let bundleLine = 30132500;
  for (const c of contracts) {
    if (c.contractType === CONTRACT_TYPE.RecurringService) {
      const services = ctx.rng.sample(['workstation', 'server', 'network', 'backup', 'm365'] as const, ctx.rng.int(2, 4));
      for (const key of services) {
        const service = (ctx.records.Services ?? []).find((s) => s.id === cat.service[key])!;
        // Some clients negotiated a lower price than the list price.
        const unitPrice = ctx.rng.chance(0.3) ? Math.round(Number(service.unitPrice) * 0.9 * 100) / 100 : Number(service.unitPrice);
        add(ctx, 'ContractServices', {
          id: serviceLine++, contractID: c.id, serviceID: service.id, unitPrice, unitCost: service.unitCost, internalCurrencyUnitPrice: unitPrice,
          invoiceDescription: service.name, internalDescription: null,
        });
      }
      if (ctx.rng.chance(0.5)) {
        const bundle = ctx.rng.pick([cat.bundle.essentials, cat.bundle.infrastructure]);
        const listed = (ctx.records.ServiceBundles ?? []).find((b) => b.id === bundle)!;
        add(ctx, 'ContractServiceBundles', {
          id: bundleLine++, contractID: c.id, serviceBundleID: bundle, unitPrice: listed.unitPrice, adjustedPrice: listed.unitPrice, internalCurrencyUnitPrice: listed.unitPrice,
          internalCurrencyAdjustedPrice: listed.unitPrice, invoiceDescription: listed.name,
        });
      }
    }
  }
  addBlocks(ctx, contracts);
  addRetainers(ctx, contracts);
}

/** Companies without a contract get the kinds the original set lacks: a retainer, a fixed-price project, an ended block. */
function addNewContracts(ctx: DemoContext, org: Org, contracts: SeedRecord[]): void {
  const without = org.customers.filter((c) => !org.contractByCompany.has(c.id));
  let id = Math.max(...contracts.map((c) => c.id)) + 1;
  const plan: Array<[type: number, suffix: string, startDaysAgo: number, endInDays: number, status: number, hours: number]> = [
    [CONTRACT_TYPE.Retainer, 'Prepaid Support Retainer', 330, 20, 1, 0],
    [CONTRACT_TYPE.FixedPrice, 'Network Refresh (fixed price)', 120, 45, 1, 60],
    [CONTRACT_TYPE.BlockHours, '10 Hour Block (ended)', 400, -35, 0, 10],
  ];
  plan.forEach(([contractType, suffix, startDaysAgo, endInDays, status, estimatedHours], i) => {
    const company = without[i] ?? org.customers[i];
    const contact = org.contactsByCompany.get(company.id)?.[0];
    contracts.push({
      id: id++, companyID: company.id, contactID: contact?.id ?? null, contractName: `${company.companyName as string} - ${suffix}`, contractNumber: `CT-${2000 + i}`,
      contractType, status, startDate: isoDate(ctx.now - startDaysAgo * DAY), endDate: isoDate(ctx.now + endInDays * DAY), timeReportingRequiresStartAndStopTimes: 0,
      isDefaultContract: false, estimatedHours, description: suffix,
    });
  });
}

/**
 * Blocks of 20 hours, the next bought when the last ran out, each valid for a year; used hours
 * (hoursApproved) are the billable time logged on the contract, oldest first, up to a week ago.
 */
function addBlocks(ctx: DemoContext, contracts: SeedRecord[]): void {
  let id = 30133000;
  const purchased: SeedRecord[] = [];
  const cutoff = ctx.now - UNAPPROVED_DAYS * DAY;
  for (const c of contracts.filter((x) => x.contractType === CONTRACT_TYPE.BlockHours)) {
    const start = Date.parse(c.startDate as string);
    const ended = Date.parse(c.endDate as string) < ctx.now;
    const time = (ctx.records.TimeEntries ?? [])
      .filter((t) => t.contractID === c.id && Date.parse(t.startDateTime as string) < cutoff)
      .sort((a, b) => Date.parse(a.startDateTime as string) - Date.parse(b.startDateTime as string));
    const size = ended ? Number(c.estimatedHours) || BLOCK_HOURS : BLOCK_HOURS;
    // The first block was bought shortly before the first work on it.
    let bought = time.length ? Math.max(start, Date.parse(time[0].startDateTime as string) - 14 * DAY) : start;
    let used = 0;
    const blocks: SeedRecord[] = [];
    const open = () => {
      const block: SeedRecord & { endDate: string } = { id: id++, contractID: c.id, datePurchased: isoDate(bought), startDate: isoDate(bought), endDate: isoDate(Math.min(bought + 365 * DAY, Date.parse(c.endDate as string))), hourlyRate: BLOCK_RATE, hours: size, hoursApproved: 0, isPaid: true, invoiceNumber: null, status: 1 };
      blocks.push(block);
      return block;
    };
    let block = open();
    for (const t of time) {
      const at = Date.parse(t.startDateTime as string);
      let hours = Number(t.hoursToBill) || 0;
      while (hours > 0) {
        // A used-up or expired block: the client bought the next one when this work came in.
        const room = at >= Date.parse(block.endDate) ? 0 : size - (block.hoursApproved as number);
        if (room <= 0) {
          if (blocks.length >= MAX_BLOCKS) break;
          bought = at;
          block = open();
          continue;
        }
        const take = Math.min(room, hours);
        block.hoursApproved = Math.round(((block.hoursApproved as number) + take) * 100) / 100;
        used += take;
        hours -= take;
      }
    }
    // The ended contract's only block was used up before it ended.
    if (ended && used < size) block.hoursApproved = size - 1.5;
    blocks[blocks.length - 1].isPaid = ended || ctx.rng.chance(0.5);
    purchased.push(...blocks);
  }
  // Ids in purchase order across contracts (Autotask numbers records as they are created).
  purchased.sort((a, b) => String(a.datePurchased).localeCompare(String(b.datePurchased)) || a.id - b.id);
  purchased.forEach((b, i) => add(ctx, 'ContractBlocks', { ...b, id: 30133000 + i, invoiceNumber: `INV-${String(30133000 + i).slice(-4)}` }));
}

function addRetainers(ctx: DemoContext, contracts: SeedRecord[]): void {
  let id = 30133500;
  for (const c of contracts.filter((x) => x.contractType === CONTRACT_TYPE.Retainer)) {
    const start = Date.parse(c.startDate as string);
    const end = Date.parse(c.endDate as string);
    const half = start + Math.floor((end - start) / 2 / DAY) * DAY;
    const periods: Array<[from: number, to: number, amount: number, approved: number]> = [
      [start, half - DAY, 6000, 6000],
      [half, end, 4500, 2734.5],
    ];
    for (const [from, to, amount, amountApproved] of periods) {
      add(ctx, 'ContractRetainers', {
        id: id++, contractID: c.id, datePurchased: isoDate(from), startDate: isoDate(from), endDate: isoDate(to), amount, amountApproved, internalCurrencyAmount: amount,
        internalCurrencyAmountApproved: amountApproved, isPaid: true, invoiceNumber: `INV-R${id}`, status: 1,
      });
    }
  }
}

/**
 * One exclusion set for managed-service contracts (project work, after-hours and project
 * management are billed separately); block contracts exclude project labour and security work
 * on their own.
 */
function addExclusions(ctx: DemoContext, org: Org, contracts: SeedRecord[]): void {
  const setId = 1;
  add(ctx, 'ContractExclusionSets', { id: setId, name: 'Managed services standard exclusions', description: 'Project work and out-of-hours work are billed separately', isActive: true });
  add(ctx, 'ContractExclusionSetExcludedWorkTypes', { id: 1, contractExclusionSetID: setId, excludedWorkTypeID: org.billingCode.project });
  add(ctx, 'ContractExclusionSetExcludedWorkTypes', { id: 2, contractExclusionSetID: setId, excludedWorkTypeID: org.billingCode.afterHours });
  add(ctx, 'ContractExclusionSetExcludedRoles', { id: 1, contractExclusionSetID: setId, excludedRoleID: ROLE.projectManager });
  let code = 30134000;
  let role = 30134500;
  for (const c of contracts) {
    if (c.contractType === CONTRACT_TYPE.RecurringService) c.contractExclusionSetID = setId;
    if (c.contractType === CONTRACT_TYPE.BlockHours) {
      add(ctx, 'ContractExclusionBillingCodes', { id: code++, contractID: c.id, billingCodeID: org.billingCode.project });
      add(ctx, 'ContractExclusionRoles', { id: role++, contractID: c.id, roleID: ROLE.security });
    }
  }
}
