/**
 * The budget governor at the tool boundary. Autotask's hourly request budget is shared by every
 * integration of the tenant, and at 100 % Autotask suspends the API for all of them. Past the
 * warning level every result carries a short note; past the stop level this server refuses
 * non-essential reads, so its own traffic cannot push the tenant into suspension.
 *
 * Essential (never refused): writes, previews and confirms alike (a user asked for them, each is
 * a few requests); get_api_usage and test_connection (they show the budget and the connection);
 * the toolset tools (no Autotask request). Every other read is non-essential: the model can wait
 * and retry, or narrow it, and the user is told why.
 */
import type { BudgetEstimate } from '../../autotask/budget.js';
import { errorResult } from '../results.js';
import type { ToolContext, ToolDefinition, ToolResult } from '../types.js';

/** The reads that report usage and connectivity: allowed at any level, and they read ThresholdInformation themselves. */
const USAGE_TOOLS = new Set(['get_api_usage', 'test_connection']);

export interface BudgetGate {
  /** The call is not run: this is its answer. */
  refusal?: ToolResult;
  /** Appended to the call's result. */
  note?: string;
}

export function isEssential(def: Pick<ToolDefinition, 'name' | 'kind' | 'toolset'>): boolean {
  return def.kind !== 'read' || def.toolset === 'discovery' || USAGE_TOOLS.has(def.name);
}

export async function budgetGate(def: ToolDefinition, ctx: ToolContext): Promise<BudgetGate> {
  if (def.toolset === 'discovery' || USAGE_TOOLS.has(def.name) || !ctx.api.budgetStatus) return {};
  let e: BudgetEstimate | null;
  try {
    e = await ctx.api.budgetStatus();
  } catch {
    return {}; // the governor never fails a call
  }
  if (!e || e.level === 'ok') return {};
  if (e.level === 'stop' && !isEssential(def)) {
    ctx.logger.warn({ tool: def.name, session: ctx.sessionId, percent: e.percent, stopPercent: e.stopPercent }, 'autotask budget: refused a non-essential read');
    return { refusal: errorResult(refusalText(e)) };
  }
  return { note: noteText(e) };
}

export function withNote(result: ToolResult, note: string | undefined): ToolResult {
  return note ? { ...result, content: [...result.content, { type: 'text', text: note }] } : result;
}

function usageText(e: BudgetEstimate): string {
  return `${e.percent}% used (about ${e.used} of ${e.limit} requests in ${e.windowMinutes} min, all integrations of the tenant)`;
}

function noteText(e: BudgetEstimate): string {
  return e.level === 'stop'
    ? `API budget: ${usageText(e)}. Reads other than get_api_usage and test_connection are refused until it falls below ${e.stopPercent}% (about ${e.retryInMinutes} min).`
    : `API budget: ${usageText(e)}. Keep requests few and narrow; from ${e.stopPercent}% this server refuses reads other than get_api_usage and test_connection.`;
}

function refusalText(e: BudgetEstimate): string {
  return `Not sent: Autotask's hourly API budget is ${usageText(e)}; at 100% Autotask suspends the API for every integration. This server refuses reads from ${e.stopPercent}% (AUTOTASK_BUDGET_STOP_PERCENT). Retry in about ${e.retryInMinutes} min, as older requests leave the rolling window; writes, get_api_usage and test_connection still work. Tell the user.`;
}
