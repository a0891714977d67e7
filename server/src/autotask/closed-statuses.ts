/**
 * The one rule for "closed" statuses (tickets, projects, tasks), used by the tools, the doctor,
 * the demo tenant and the tests.
 *
 * What the API gives: a status picklist value has value, label, isActive, isSystem... but no
 * closed/complete flag (official REST "Tickets" entity page and the picklist shape of
 * entityInformation/fields). The one status with a system meaning of finished is Complete,
 * value 5 (a system value for Tickets, Projects, Tasks and Service Calls; the official Service
 * Call Statuses page: "two pre-configured system statuses (New and Complete)"). Tenants add
 * their own finished statuses (Cancelled...), which only their label can tell.
 *
 * So: Complete (5) is always closed; then either the operator's AUTOTASK_CLOSED_STATUSES
 * (ids or labels, tickets only) or, without it, a status whose WHOLE label is one of
 * CLOSED_LABELS. Words inside a label never count: "Not Resolved" and "RMM Resolved" (an RMM
 * alert cleared, the ticket still open) stay open.
 */
import type { PicklistValue } from './types.js';
import { AutotaskError } from './errors.js';

/** Autotask's system "Complete" status (value 5) is always closed, whatever its label. */
export const SYSTEM_COMPLETE_STATUS = '5';

/** Whole labels (case-insensitive, trimmed) that mean finished. */
export const CLOSED_LABELS: ReadonlySet<string> = new Set(['complete', 'completed', 'closed', 'cancelled', 'canceled', 'resolved', 'done']);

/** True when a status value is closed by the label rule (no AUTOTASK_CLOSED_STATUSES). */
export function isClosedStatus(v: Pick<PicklistValue, 'value' | 'label'>): boolean {
  return v.value === SYSTEM_COMPLETE_STATUS || CLOSED_LABELS.has(v.label.trim().toLowerCase());
}

/**
 * The closed statuses of a tenant's picklist (never a fixed list of open ids). `configured`
 * (AUTOTASK_CLOSED_STATUSES, ticket statuses only) replaces the label rule; an entry the
 * picklist does not have is a configuration error, never silently ignored.
 */
export function closedStatuses(values: PicklistValue[], configured: readonly string[] = []): PicklistValue[] {
  if (!configured.length) return values.filter(isClosedStatus);
  const { matched, unknown } = matchConfiguredStatuses(values, configured);
  if (unknown.length) throw new AutotaskError('config', unknownClosedStatusesMessage(values, unknown));
  return values.filter((v) => v.value === SYSTEM_COMPLETE_STATUS || matched.includes(v));
}

/** AUTOTASK_CLOSED_STATUSES entries matched to picklist values by id or label (case-insensitive). */
export function matchConfiguredStatuses(values: PicklistValue[], configured: readonly string[]): { matched: PicklistValue[]; unknown: string[] } {
  const matched: PicklistValue[] = [];
  const unknown: string[] = [];
  for (const entry of configured) {
    const e = entry.trim().toLowerCase();
    const hit = values.find((v) => v.value === e) ?? values.find((v) => v.label.toLowerCase() === e);
    if (hit) matched.push(hit);
    else unknown.push(entry);
  }
  return { matched, unknown };
}

export function unknownClosedStatusesMessage(values: PicklistValue[], unknown: string[]): string {
  const valid = values.map((v) => `${v.value}=${v.label}`).join(', ');
  return `AUTOTASK_CLOSED_STATUSES names ${unknown.map((u) => `"${u}"`).join(', ')}, which this tenant's ticket status list does not have. Valid statuses: ${valid}. Fix AUTOTASK_CLOSED_STATUSES in .env and restart (autotask-mcp doctor checks it).`;
}
