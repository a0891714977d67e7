/**
 * Names of the catalogue and contract records other records point to (productID, contractID,
 * serviceID...), which name enrichment (./enrich.ts) does not fill in. Same bound as there: one
 * batched `in` query per entity for the ids not cached (the shared resolver's cache), never one
 * per row; best-effort, a failed lookup leaves the names out.
 */
import type { AutotaskRecord } from '../autotask/types.js';
import { ROLE_LOOKUP, type LookupSpec } from './enrich.js';
import type { ToolContext } from './types.js';
import type { Column, Rec } from './rows.js';

const named = (entity: string, field: string): LookupSpec => ({
  entity,
  includeFields: [field],
  suffix: 'Name',
  display: (r: AutotaskRecord) => (typeof r[field] === 'string' && r[field] !== '' ? (r[field]) : null),
});

/**
 * Lookups by kind; the kind is also the key of the result's `names` member. One spec per entity:
 * the resolver caches by entity, so roles reuse ROLE_LOOKUP (its cached rows carry isActive).
 */
export const NAMED = {
  products: named('Products', 'name'),
  contracts: named('Contracts', 'contractName'),
  services: named('Services', 'name'),
  serviceBundles: named('ServiceBundles', 'name'),
  billingCodes: named('BillingCodes', 'name'),
  roles: ROLE_LOOKUP,
  configurationItems: named('ConfigurationItems', 'referenceTitle'),
} as const;

export type NamedKind = keyof typeof NAMED;

/** `${field without ID}Name` next to each id: productID -> productName (excludedRoleID -> excludedRoleName). */
export const nameFieldOf = (field: string) => `${field.replace(/ID$/, '')}Name`;

/** Fill the names of `field`'s ids on every record (one batched lookup). */
export async function addNames(ctx: ToolContext, records: readonly Rec[], field: string, kind: NamedKind): Promise<void> {
  const ids = [...new Set(records.map((r) => r[field]).filter((v): v is number => typeof v === 'number' && Number.isInteger(v)))];
  if (!ids.length) return;
  let found: Map<number, AutotaskRecord | null>;
  try {
    found = await ctx.names.lookup(NAMED[kind], ids, ctx.signal);
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    return;
  }
  const target = nameFieldOf(field);
  for (const r of records) {
    const hit = typeof r[field] === 'number' ? found.get(r[field]) : undefined;
    if (hit !== undefined) r[target] = hit ? NAMED[kind].display(hit) : null;
  }
}

/** A column of ids with their names (filled by addNames) listed once in names[kind]. */
export function namedRef(key: string, kind: NamedKind, from = key): Column {
  const nf = nameFieldOf(from);
  return {
    key,
    value: (r) => (typeof r[from] === 'number' ? (r[from]) : null),
    ref: { kind, name: (r) => (typeof r[nf] === 'string' && r[nf] !== '' ? (r[nf]) : null) },
  };
}
