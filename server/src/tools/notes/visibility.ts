/**
 * Who sees a note or attachment, mapped onto the tenant's `publish` picklist. Competitors
 * hard-coded publish values and leaked internal notes to clients (anchors §c, #126); here the
 * values are read from the tenant's picklist, internal is the default, and when the picklist
 * does not say which value is internal we refuse instead of guessing.
 */
import { z } from 'zod';
import type { AutotaskApi, PicklistValue, RequestOptions } from '../../autotask/types.js';
import { ToolInputError } from '../results.js';

export const VISIBILITIES = ['internal', 'all_autotask_users_and_client'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const visibilityInput = z
  .enum(VISIBILITIES)
  .default('internal')
  .describe('internal: staff only. all_autotask_users_and_client publishes it to the client: only when the user explicitly asks.');

const INTERNAL = /internal/i;
const ALL = /\ball\b|public|client|customer|everyone/i;
/** Labels that also reach people outside the MSP, even when they say "internal". */
const SHARED_OUTSIDE = /co-?managed|client|customer|portal|public|everyone|\ball\b/i;
const ONLY = /\bonly\b/i;

export interface ResolvedVisibility {
  value: number;
  label: string;
  /** True when people outside the MSP (the client) can see it. */
  clientVisible: boolean;
}

/** Pick the publish value for a visibility from the tenant's picklist (active values only). */
export function pickPublishValue(values: PicklistValue[], visibility: Visibility, what: string): ResolvedVisibility {
  const active = values.filter((v) => v.isActive);
  const listed = active.map((v) => `${v.value}=${v.label}`).join(', ') || 'none';
  if (visibility === 'internal') {
    // Staff only: never a value shared with people outside the MSP ("Internal & Co-Managed" is
    // read by the client's own IT staff). "... Only" is the narrowest; then the lowest sort order.
    const internal = active.filter((v) => INTERNAL.test(v.label) && !SHARED_OUTSIDE.test(v.label));
    const hit = [...internal].sort((a, b) => Number(!ONLY.test(a.label)) - Number(!ONLY.test(b.label)) || a.sortOrder - b.sortOrder).at(0);
    if (!hit) throw new ToolInputError(`Cannot tell which ${what} publish value is internal in this tenant (values: ${listed}). Nothing was sent; ask the operator to check the publish picklist.`);
    return { value: Number(hit.value), label: hit.label, clientVisible: false };
  }
  const hit = active.find((v) => !INTERNAL.test(v.label) && ALL.test(v.label));
  if (!hit) throw new ToolInputError(`Cannot tell which ${what} publish value is visible to all users in this tenant (values: ${listed}). Nothing was sent.`);
  return { value: Number(hit.value), label: hit.label, clientVisible: true };
}

export async function resolveVisibility(api: AutotaskApi, entity: string, visibility: Visibility, opts?: RequestOptions): Promise<ResolvedVisibility> {
  return pickPublishValue(await api.picklist(entity, 'publish', opts), visibility, entity);
}

export function publishWarning(v: ResolvedVisibility, what: string): string[] {
  return v.clientVisible ? [`This ${what} will be PUBLISHED ("${v.label}"): the client can see it. Confirm only if the user explicitly asked to publish it.`] : [];
}

/**
 * Warnings for a generic write that sets `publish` to `value`: none when the tenant's label for
 * it is staff-only, a PUBLISHED warning otherwise (including values the picklist does not name).
 */
export async function publishValueWarnings(api: AutotaskApi, entity: string, value: unknown, opts?: RequestOptions): Promise<string[]> {
  if (value === undefined || value === null) return [];
  const hit = (await api.picklist(entity, 'publish', opts)).find((v) => v.value === String(value));
  if (hit && INTERNAL.test(hit.label) && !SHARED_OUTSIDE.test(hit.label)) return [];
  const label = hit?.label ?? `value ${String(value)}, which this tenant's publish list does not name`;
  return [`This record will be PUBLISHED ("${label}"): the client can see it. Confirm only if the user explicitly asked to publish it.`];
}
