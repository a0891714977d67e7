/** Picklist helpers: accept a value or a label from the model, answer labels in results. */
import type { AutotaskApi, PicklistValue, RequestOptions } from '../autotask/types.js';
import { ToolInputError } from './results.js';

export interface PicklistOptions extends RequestOptions {
  /**
   * A value to write: refuse values the tenant has deactivated (Autotask rejects them). Searches
   * leave this off, because old records still carry inactive values.
   */
  forWrite?: boolean;
}

const listed = (values: PicklistValue[]) => values.filter((v) => v.isActive).map((v) => `${v.value}=${v.label}`).join(', ');

/**
 * The picklist entry for an input given as its value or its label (case-insensitive; an active
 * entry wins over an inactive one with the same label). Throws a ToolInputError listing the
 * active values when nothing matches, or when `forWrite` and the entry is inactive.
 */
export function matchPicklistValue(values: PicklistValue[], input: number | string, what: string, forWrite = false): PicklistValue {
  const asText = String(input).trim().toLowerCase();
  const byLabel = values.filter((v) => v.label.toLowerCase() === asText);
  const hit = values.find((v) => v.value === String(input).trim()) ?? byLabel.find((v) => v.isActive) ?? byLabel.at(0);
  if (!hit) throw new ToolInputError(`"${input}" is not a valid ${what}. Valid values: ${listed(values)}.`);
  if (forWrite && !hit.isActive) {
    throw new ToolInputError(`"${hit.label}" (${hit.value}) is inactive in this tenant's ${what} list, so Autotask will not accept it. Nothing was sent. Active values: ${listed(values)}.`);
  }
  return hit;
}

/** Resolve a picklist input given as its numeric value or its label (case-insensitive). */
export async function resolvePicklistValue(api: AutotaskApi, entity: string, field: string, input: number | string, opts?: PicklistOptions): Promise<number> {
  const values = await api.picklist(entity, field, opts);
  return Number(matchPicklistValue(values, input, `${entity}.${field}`, opts?.forWrite).value);
}

export async function picklistLabel(api: AutotaskApi, entity: string, field: string, value: unknown, opts?: RequestOptions): Promise<string | null> {
  if (value === null || value === undefined) return null;
  const values: PicklistValue[] = await api.picklist(entity, field, opts);
  return values.find((v) => v.value === String(value))?.label ?? null;
}
