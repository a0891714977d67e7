/**
 * Text of a write's preview, its elicitation message and its done result. A plan's summary,
 * changes and warnings can show existing client text (a ticket title, a company name, the current
 * value of a field), so they go inside one untrusted boundary (./untrusted.ts); the server's own
 * instructions (what to do with the token) stay outside it.
 */
import type { BoundRequest } from './confirm.js';
import type { ToolResult, WritePlan } from './types.js';
import { structuredResult } from './results.js';
import { fence, fencedText } from './untrusted.js';

/** What structuredContent of a preview marks as client text. */
export const PREVIEW_UNTRUSTED = ['summary', 'changes', 'warnings'];

/** The plan as lines for people: summary, request, body, each change, each warning. */
function planLines(request: BoundRequest, plan: WritePlan): string[] {
  const lines = [plan.summary];
  if (request.then) {
    // A multi-request write: every request in the order it is sent, each with its own line.
    const summaries = [plan.firstStep ?? plan.summary, ...(plan.then ?? []).map((s) => s.summary)];
    lines.push(`${request.then.length + 1} requests, sent in order; a failure stops the rest (nothing is undone):`);
    [{ method: request.method, path: request.path, body: request.body }, ...request.then].forEach((r, i) => {
      lines.push(`Step ${i + 1}: ${r.method} ${r.path} - ${summaries[i]}`);
      if (r.body !== undefined) lines.push(`  Body: ${JSON.stringify(r.body, elideLongStrings)}`);
    });
  } else {
    lines.push(`Request: ${request.method} ${request.path}`);
    if (request.body !== undefined) lines.push(`Body: ${JSON.stringify(request.body, elideLongStrings)}`);
  }
  for (const c of plan.changes ?? []) lines.push(`Change ${c.field}: ${JSON.stringify(c.from)} -> ${JSON.stringify(c.to)}`);
  for (const w of plan.warnings ?? []) lines.push(`Warning: ${w}`);
  return lines;
}

/** Previews summarise long values (e.g. base64 attachment data); the token still binds the full body. */
function elideLongStrings(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.length > 300) return `${value.slice(0, 60)}... [${value.length} characters in total]`;
  return value;
}

export function previewText(tool: string, request: BoundRequest, plan: WritePlan, token: string, expiresAt: string): string {
  const head = `PREVIEW ONLY - nothing was written. To execute, show this preview to the user and, once they approve, call ${tool} again with the same arguments and confirmationToken="${token}" (valid until ${expiresAt}, single use).`;
  return fencedText([head], planLines(request, plan));
}

export function elicitationMessage(request: BoundRequest, plan: WritePlan): string {
  return ['Approve this change in Autotask?', ...fence(planLines(request, plan))].join('\n');
}

/** The default answer once a write ran: what was done, the plan's summary fenced. */
export function doneResult(structured: Record<string, unknown>, done: string, plan: WritePlan): ToolResult {
  return structuredResult(structured, fencedText([done], [plan.summary]));
}
