/** Contract fields, the compact contract row, and "today" for end-date questions. */
import { day, field, label, ref, text, type Column } from '../rows.js';
import { dayIn } from '../dates.js';
import { zoneOf } from '../tenant-zone.js';
import type { ToolContext } from '../types.js';

export const CONTRACT_LIST_FIELDS = ['contractName', 'contractNumber', 'contractType', 'status', 'companyID', 'startDate', 'endDate'];

/** A contract row: which contract, what kind, whose, and when it ends. */
export const CONTRACT_COLUMNS: Column[] = [
  field('id'),
  text('contractName'),
  field('contractNumber'),
  label('contractType'),
  label('status'),
  ref('companyID'),
  day('startDate'),
  day('endDate'),
];

/**
 * Today's calendar day in the tenant zone. Contract and block dates are date-only fields
 * (stored as midnight UTC, never shifted), so they compare with a day, not an instant.
 */
export async function today(ctx: ToolContext): Promise<string> {
  return dayIn(ctx.now?.() ?? new Date(), await zoneOf(ctx));
}

/** The day `n` days after `day` ("2026-11-01" + 30 -> "2026-12-01"). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
