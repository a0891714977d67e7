/**
 * How a confirmed write that failed is reported. What is known decides the words
 * (AutotaskError.writeOutcome): not sent (the same token may confirm again), refused by Autotask
 * (nothing was written), or unknown: it may have been applied, so the answer names the read that
 * shows whether it was and never suggests repeating it.
 */
import { isAutotaskError, type WriteOutcome } from '../autotask/errors.js';
import { errorResult, errorToResult } from './results.js';
import type { ToolResult, WritePlan } from './types.js';

/** The tools that read back an entity's records: one record by id, and a list. */
const CHECK_TOOLS = new Map<string, { get: string; list: string }>([
  ['tickets', { get: 'get_ticket', list: 'search_tickets' }],
  ['companies', { get: 'get_company', list: 'search_companies' }],
  ['contacts', { get: 'get_contact', list: 'search_contacts' }],
  ['projects', { get: 'get_project', list: 'search_projects' }],
  ['tasks', { get: 'get_task', list: 'search_tasks' }],
  ['resources', { get: 'get_resource', list: 'search_resources' }],
  ['ticketnotes', { get: 'get_note', list: 'list_notes' }],
  ['projectnotes', { get: 'get_note', list: 'list_notes' }],
  ['companynotes', { get: 'get_note', list: 'list_notes' }],
  ['timeentries', { get: 'get_entity', list: 'search_time_entries' }],
  ['ticketattachments', { get: 'get_attachment', list: 'list_attachments' }],
  ['quotes', { get: 'get_quote', list: 'search_quotes' }],
  ['quoteitems', { get: 'get_entity', list: 'get_quote' }],
  ['expenseitems', { get: 'get_entity', list: 'search_expense_items' }],
]);

/** list_notes takes the parent as parentType/parentId. */
const NOTE_PARENTS = new Map([
  ['tickets', 'ticket'],
  ['projects', 'project'],
  ['companies', 'company'],
]);

/** "Check with list_notes (parentType ticket, parentId 41000) whether it was created" and the like. */
export function checkHint(plan: WritePlan): string {
  const tools = CHECK_TOOLS.get(plan.entity.toLowerCase()) ?? { get: 'get_entity', list: 'query_entities' };
  if (plan.operation === 'create') {
    const parent = plan.parent;
    const noteParent = parent && tools.list === 'list_notes' ? NOTE_PARENTS.get(parent.entity.toLowerCase()) : undefined;
    const where = noteParent ? ` (parentType ${noteParent}, parentId ${parent!.id})` : parent ? ` (${plan.entity} of ${parent.entity} ${parent.id})` : ` (${plan.entity})`;
    return `Check with ${tools.list}${where} whether it was created`;
  }
  const which = tools.get === 'get_entity' ? ` (entity ${plan.entity}, id ${plan.id})` : ` (id ${plan.id})`;
  return `Check with ${tools.get}${which} whether it was ${plan.operation === 'update' ? 'changed' : 'deleted'}`;
}

/** What a failed write's error says about it; errors the client raised before sending count as not sent. */
export function writeOutcomeOf(err: unknown): WriteOutcome {
  if (isAutotaskError(err)) return err.writeOutcome ?? (err.kind === 'validation' || err.kind === 'config' ? 'not_sent' : 'unknown');
  return 'unknown';
}

function autotaskText(err: unknown): string {
  if (!isAutotaskError(err)) return '';
  return `${err.message}${err.details.length ? `\nAutotask said: ${err.details.join(' | ')}` : ''}`;
}

/**
 * The result for a write that failed with `outcome` (`viaToken`: confirmed with a token, which is
 * given back when nothing was sent). A refusal keeps the tool's advice (plan.ifRefused).
 */
export function writeFailure(err: unknown, plan: WritePlan, outcome: WriteOutcome, viaToken: boolean): ToolResult {
  if (outcome === 'unknown') {
    const what = isAutotaskError(err) && err.writeOutcome ? autotaskText(err) : 'The write was interrupted before Autotask answered.';
    const token = viaToken ? ' This confirmationToken cannot confirm it again; repeating it needs a new preview.' : '';
    return errorResult(`${what}\n${checkHint(plan)} before repeating it: the write may have been applied.${token}`);
  }
  if (outcome === 'not_sent' && isAutotaskError(err) && err.writeOutcome === 'not_sent') {
    const token = viaToken ? '; the same confirmationToken can confirm it again until it expires' : '';
    return errorResult(`${autotaskText(err)}\nNothing reached Autotask, so nothing was written${token}.`);
  }
  const said = errorToResult(err).content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
  return errorResult(plan.ifRefused && isAutotaskError(err) && err.kind === 'validation' ? `${said}\n${plan.ifRefused}` : said);
}
