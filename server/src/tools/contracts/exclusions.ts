/**
 * What a contract excludes: work types (billing codes) and roles excluded on the contract itself
 * (ContractExclusionBillingCodes / ContractExclusionRoles, by contractID) and through the
 * exclusion set it uses (Contracts.contractExclusionSetID: ContractExclusionSetExcludedWorkTypes /
 * ...ExcludedRoles, by contractExclusionSetID). Time with an excluded work type or role is not
 * charged to the contract (official ContractExclusionBillingCodes page: it goes to the contract's
 * exclusionContractID, or to none).
 */
import type { AutotaskRecord } from '../../autotask/types.js';
import type { ToolContext } from '../types.js';
import { derived, type Column, type Rec } from '../rows.js';
import { addNames, namedRef } from '../named.js';

const PAGE = 500;

export const EXCLUSION_COLUMNS: Column[] = [
  derived('excluded', (r) => (r.billingCodeID != null ? 'work type' : 'role')),
  namedRef('billingCodeID', 'billingCodes'),
  namedRef('roleID', 'roles'),
  derived('via', (r) => (r.via as string | undefined) ?? null),
];

export async function readExclusions(ctx: ToolContext, contract: AutotaskRecord): Promise<{ rows: Rec[]; set: AutotaskRecord | null }> {
  const opts = { signal: ctx.signal };
  const byContract = [{ op: 'eq' as const, field: 'contractID', value: contract.id }];
  const setId = typeof contract.contractExclusionSetID === 'number' ? contract.contractExclusionSetID : null;
  const bySet = setId === null ? null : [{ op: 'eq' as const, field: 'contractExclusionSetID', value: setId }];
  const none = Promise.resolve({ items: [] as AutotaskRecord[] });
  const [codes, roles, set, setCodes, setRoles] = await Promise.all([
    ctx.api.query('ContractExclusionBillingCodes', { filter: byContract, maxRecords: PAGE }, opts),
    ctx.api.query('ContractExclusionRoles', { filter: byContract, maxRecords: PAGE }, opts),
    setId === null ? Promise.resolve(null) : ctx.api.get('ContractExclusionSets', setId, opts),
    bySet ? ctx.api.query('ContractExclusionSetExcludedWorkTypes', { filter: bySet, maxRecords: PAGE }, opts) : none,
    bySet ? ctx.api.query('ContractExclusionSetExcludedRoles', { filter: bySet, maxRecords: PAGE }, opts) : none,
  ]);
  const setName = set ? `exclusion set ${set.id}` : 'exclusion set';
  const rows: Rec[] = [
    ...codes.items.map((c) => ({ billingCodeID: c.billingCodeID, via: 'contract' })),
    ...roles.items.map((r) => ({ roleID: r.roleID, via: 'contract' })),
    ...setCodes.items.map((c) => ({ billingCodeID: c.excludedWorkTypeID, via: setName })),
    ...setRoles.items.map((r) => ({ roleID: r.excludedRoleID, via: setName })),
  ];
  await Promise.all([addNames(ctx, rows, 'billingCodeID', 'billingCodes'), addNames(ctx, rows, 'roleID', 'roles')]);
  return { rows, set };
}
