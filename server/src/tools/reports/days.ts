/** Days and "now" for the reports (days as "YYYY-MM-DD"). */
import type { ToolContext } from '../types.js';

const DAY_MS = 86_400_000;

/** The calendar day after `day`. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The moment a report is about (the registry's clock when it has one). */
export function nowOf(ctx: Pick<ToolContext, 'now'>): Date {
  return ctx.now?.() ?? new Date();
}
