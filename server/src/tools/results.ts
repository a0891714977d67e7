/** Small helpers to build tool results the same way everywhere. */
import type { ToolResult } from './types.js';
import { isAutotaskError } from '../autotask/errors.js';
import { SharedStateUnavailable, WRITES_NEED_REDIS } from '../state/errors.js';

export function textResult(text: string): ToolResult {
  return { content: [{ type: 'text', text }] };
}

/** structuredContent plus a compact text rendering for clients that only show text. */
export function structuredResult(structured: Record<string, unknown>, text: string): ToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

export function errorResult(message: string): ToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

const HINTS: Record<string, string> = {
  auth: 'Autotask rejected the API credentials. Ask the operator to check AUTOTASK_USERNAME, AUTOTASK_SECRET and AUTOTASK_INTEGRATION_CODE in .env (never ask the user to paste them into the chat).',
  forbidden: 'The Autotask API user lacks permission for this. Ask the operator to review the API user\'s security level.',
  not_found: 'Check the id or entity name (use list_entities / describe_entity).',
  validation: 'Fix the arguments as the message says and try again.',
  rate_limited: 'Autotask is throttling this integration. Wait before retrying and prefer fewer, narrower queries (check get_api_usage).',
  unavailable: 'Autotask did not answer in time or is unavailable. Retry later; writes were not retried automatically, so check whether a write took effect before repeating it.',
  config: 'The server configuration is incomplete; the operator must fix it.',
  protocol: 'Autotask returned something unexpected. Retry once; report it if it persists.',
};

/**
 * Turn any thrown error into an isError result the model can act on (no stack, no secrets).
 * `errorId` (./error-ids.ts) names the log line of an internal failure.
 */
export function errorToResult(err: unknown, errorId?: string): ToolResult {
  if (isAutotaskError(err)) {
    const details = err.details.length ? `\nAutotask said: ${err.details.join(' | ')}` : '';
    return errorResult(`${err.message}${details}\n${HINTS[err.kind] ?? ''}`.trim());
  }
  if (err instanceof Error && err.name === 'ToolInputError') return errorResult(err.message);
  // Only writes depend on Redis (holding or confirming a token): they fail closed.
  if (err instanceof SharedStateUnavailable) return errorResult(WRITES_NEED_REDIS);
  const ref = errorId ? ` (error id ${errorId})` : '';
  return errorResult(`Internal error while running the tool${ref}. Retry once; if it persists, report it to the operator${errorId ? ' with this error id, which names the log line' : ''}.`);
}

/** Raised by handlers for bad input that zod could not catch (e.g. unknown picklist label). */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputError';
  }
}
