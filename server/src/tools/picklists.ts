/** Picklist helpers: accept a value or a label from the model, answer labels in results. */
import type { AutotaskApi, PicklistValue, RequestOptions } from '../autotask/types.js';
import { ToolInputError } from './results.js';

/** Resolve a picklist input given as its numeric value or its label (case-insensitive). */
export async function resolvePicklistValue(
  api: AutotaskApi,
  entity: string,
  field: string,
  input: number | string,
  opts?: RequestOptions,
): Promise<number> {
  const values = await api.picklist(entity, field, opts);
  const active = values.filter((v) => v.isActive);
  const asText = String(input).trim().toLowerCase();
  const hit = values.find((v) => v.value === String(input)) ?? values.find((v) => v.label.toLowerCase() === asText);
  if (!hit) {
    const choices = active.map((v) => `${v.value}=${v.label}`).join(', ');
    throw new ToolInputError(`"${input}" is not a valid ${entity}.${field}. Valid values: ${choices}.`);
  }
  return Number(hit.value);
}

export async function picklistLabel(api: AutotaskApi, entity: string, field: string, value: unknown, opts?: RequestOptions): Promise<string | null> {
  if (value === null || value === undefined) return null;
  const values: PicklistValue[] = await api.picklist(entity, field, opts);
  return values.find((v) => v.value === String(value))?.label ?? null;
}
