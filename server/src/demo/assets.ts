/**
 * Devices (configuration items) beyond what org.ts creates: user-defined fields as an RMM sync
 * fills them, a few retired devices, and tickets that name a second device besides their
 * primary one (TicketAdditionalConfigurationItems). Runs after the tickets exist.
 */
import type { UdfDefinition } from '../fake/types.js';
import { add, type DemoContext } from './context.js';
import type { Org } from './org.js';
import { CI_TYPE } from './picklists.js';

export const ASSET_UDFS: Record<string, UdfDefinition[]> = {
  ConfigurationItems: [
    { name: 'IP Address', label: 'IP Address', type: 'string' },
    { name: 'Operating System', label: 'Operating System', type: 'string' },
  ],
};

const OS: Partial<Record<number, string[]>> = {
  [CI_TYPE.Workstation]: ['Windows 11 Pro 23H2', 'Windows 11 Pro 24H2', 'Windows 10 Pro 22H2'],
  [CI_TYPE.Server]: ['Windows Server 2022 Standard', 'Windows Server 2019 Standard'],
  [CI_TYPE.Firewall]: ['FortiOS 7.4.3'],
  [CI_TYPE.NetworkDevice]: ['Firmware 5.2.1'],
};

export function buildAssetDetails(ctx: DemoContext, org: Org): void {
  const { rng } = ctx;
  const cis = ctx.records.ConfigurationItems ?? [];
  cis.forEach((ci, i) => {
    const os = OS[ci.configurationItemType as number];
    ci.userDefinedFields = [
      { name: 'IP Address', value: ci.configurationItemType === CI_TYPE.Workstation ? null : `192.168.${10 + (i % 40)}.${rng.int(2, 250)}` },
      { name: 'Operating System', value: os ? rng.pick(os) : null },
    ];
    // Every seventh device was retired (replaced); it stays on record, inactive.
    if (i % 7 === 3) {
      ci.isActive = false;
      ci.notes = 'Retired: replaced under the hardware refresh.';
    }
  });
  let id = 29695000;
  for (const t of ctx.records.Tickets ?? []) {
    if (t.configurationItemID === null || t.configurationItemID === undefined) continue;
    const others = (org.cisByCompany.get(t.companyID as number) ?? []).filter((c) => c.id !== t.configurationItemID);
    if (others.length && rng.chance(0.2)) add(ctx, 'TicketAdditionalConfigurationItems', { id: id++, ticketID: t.id, configurationItemID: rng.pick(others).id });
  }
}
