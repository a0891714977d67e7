/**
 * AUTOTASK_TOOLSETS: which tool areas a session starts with and which it may add.
 *   unset      the default toolsets (what a technician needs first) plus the discovery tools
 *              list_toolsets / enable_toolset, which add any other toolset to the session;
 *   all        every toolset up front, no discovery tools (nothing left to discover);
 *   a list     exactly those toolsets (`default` stands for the default ones), no discovery
 *              tools: a set value is the operator's limit.
 * AUTOTASK_READ_ONLY wins over all of it: no write tool is registered or enabled, ever.
 */
import { TOOLSET_NAMES, type ToolsetName } from './types.js';

/** Registered up front when AUTOTASK_TOOLSETS is unset: find and work tickets for a client. */
export const DEFAULT_TOOLSETS: readonly ToolsetName[] = ['core', 'tickets', 'companies', 'contacts', 'notes'];

/** One line per toolset, for list_toolsets and the docs. */
export const TOOLSET_DESCRIPTIONS: Record<ToolsetName, string> = {
  core: 'Connection check and API usage.',
  tickets: 'Search, read, create and update tickets.',
  companies: 'Search, read, create and update companies.',
  contacts: 'Search, read, create and update contacts.',
  projects: 'Projects and their tasks; create and update tasks.',
  time: 'Time entries: search, log and change time.',
  notes: 'Ticket, project and company notes: list, read, add.',
  attachments: 'Attachments of tickets, projects and companies: list, download, upload to tickets.',
  resources: 'Technicians: ids, roles and queues (to assign work or log time).',
  query: 'Any Autotask entity: list, describe, query, count, get; generic create, update, delete.',
  billing: 'Billing items, time awaiting approval, invoices with their lines.',
  sales: 'Opportunities, quotes and quote items; create quotes.',
  expenses: 'Expense reports and items; add items to a report.',
};

export interface ToolsetSelection {
  /** Every toolset a session may use (enabled up front or through enable_toolset). */
  toolsets: ToolsetName[];
  /** Enabled in every session from the start. */
  initialToolsets: ToolsetName[];
  /** list_toolsets / enable_toolset are offered (AUTOTASK_TOOLSETS unset). */
  dynamicToolsets: boolean;
}

const ordered = (names: Iterable<string>): ToolsetName[] => TOOLSET_NAMES.filter((t) => new Set(names).has(t));

/** Reads AUTOTASK_TOOLSETS (already split on commas); problems are pushed for the caller to report. */
export function readToolsetSelection(entries: readonly string[], problems: string[]): ToolsetSelection {
  const names = entries.map((n) => n.toLowerCase());
  const dynamic: ToolsetSelection = { toolsets: [...TOOLSET_NAMES], initialToolsets: [...DEFAULT_TOOLSETS], dynamicToolsets: true };
  if (names.length === 0) return dynamic;
  if (names.includes('all')) {
    if (names.length > 1) problems.push('AUTOTASK_TOOLSETS=all stands alone; remove the other names or list the toolsets you want instead.');
    return { toolsets: [...TOOLSET_NAMES], initialToolsets: [...TOOLSET_NAMES], dynamicToolsets: false };
  }
  const unknown = names.filter((n) => n !== 'default' && !(TOOLSET_NAMES as readonly string[]).includes(n));
  if (unknown.length) {
    problems.push(
      `AUTOTASK_TOOLSETS has unknown toolset(s) ${unknown.map((u) => `"${u}"`).join(', ')}; valid names: ${TOOLSET_NAMES.join(', ')} (or all, or default for ${DEFAULT_TOOLSETS.join(', ')}).`,
    );
    return dynamic;
  }
  const chosen = ordered(names.flatMap((n): readonly string[] => (n === 'default' ? DEFAULT_TOOLSETS : [n])));
  return { toolsets: chosen, initialToolsets: chosen, dynamicToolsets: false };
}
