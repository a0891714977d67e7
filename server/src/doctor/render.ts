/** The report as text (one line per check, the fix on the same line) or as one JSON object. */
import type { CheckStatus, DoctorReport } from './types.js';

const TAG: Record<CheckStatus, string> = { pass: 'pass', warn: 'WARN', fail: 'FAIL' };

export function renderText(r: DoctorReport): string {
  const head = `autotask-mcp doctor ${r.version}: ${r.mode === 'demo' ? 'DEMO tenant' : 'live tenant'}, read-only checks (at most ${r.requestLimit} requests), tool areas: ${r.toolsets.join(', ')}${r.readOnly ? ' (read-only server)' : ''}`;
  const lines = r.checks.map((c) => `${TAG[c.status]} ${c.id}: ${c.message}${c.fix && c.status !== 'pass' ? ` -> fix: ${c.fix}` : ''}`);
  const tail = `${r.summary.pass} pass, ${r.summary.warn} warn, ${r.summary.fail} fail; ${r.requests} Autotask requests, none of them writes.`;
  return [head, ...lines, tail].join('\n') + '\n';
}

export function renderJson(r: DoctorReport): string {
  return `${JSON.stringify(r)}\n`;
}
