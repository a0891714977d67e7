/**
 * What every fuzzed exchange must satisfy, as lists of problems (empty = fine): the HTTP answer
 * (no 5xx, JSON errors, an answer for every request id, no stack trace, file path or internal
 * error text, no secret in any form), the fake's request log (Autotask would have accepted every
 * request: 2xx, or 404 for a missing record on a GET) and the server log (no secret).
 */
import { MCP_HEADERS } from '../../helpers/raw.js';
import { SENTINELS } from '../../helpers/harness.js';
import type { RecordedRequest } from '../../../src/fake/types.js';
import type { Wire } from '../../helpers/wire.js';

export interface Answer {
  status: number;
  contentType: string;
  text: string;
  /** JSON-RPC messages in the body (one JSON object, or every SSE data line). */
  messages: Array<Record<string, Wire>>;
  /** Mcp-Session-Id of the answer (an initialize opened a session). */
  sessionId: string | null;
  ms: number;
}

/** POST one body to /mcp and read the whole answer (SSE streams end after the response). */
export async function post(url: string, body: string | Uint8Array, headers: Record<string, string>, timeoutMs = 30_000): Promise<Answer> {
  const started = Date.now();
  const res = await fetch(url, { method: 'POST', headers: { ...MCP_HEADERS, ...headers }, body: body as BodyInit, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  let messages: Array<Record<string, Wire>> = [];
  try {
    if (contentType.includes('text/event-stream')) messages = text.split('\n').filter((l) => l.startsWith('data: ') && l.length > 6).map((l) => JSON.parse(l.slice(6)));
    else if (text) messages = [JSON.parse(text)].flat();
  } catch {
    messages = [];
  }
  return { status: res.status, contentType, text, messages, sessionId: res.headers.get('mcp-session-id'), ms: Date.now() - started };
}

/** The secret sentinels as they could leak: raw, URL-encoded, base64 (also as Basic credentials). */
export const SECRET_FORMS: string[] = [SENTINELS.integrationCode, SENTINELS.secret, SENTINELS.authToken].flatMap((s) => [
  s,
  encodeURIComponent(s),
  Buffer.from(s).toString('base64'),
  Buffer.from(s).toString('base64url'),
  Buffer.from(`${SENTINELS.username}:${s}`).toString('base64'),
]);

export function secretsIn(text: string): string[] {
  return SECRET_FORMS.filter((s) => text.includes(s));
}

/** Stack frames and paths of this code base (a URI the client sent and gets echoed is not one). */
const STACK = /\n\s+at [\w$.<>[\] ]+ \(|\bat (?:async )?[\w$.]+ \((?:file:|node:|\/)|(?:\/[\w.@-]+)+\.(?:ts|js|mjs|cjs):\d+|node_modules|\/work\/|\/app\/(?:dist|src)|\/server\/(?:dist|src)\//;
const CRASH = /Internal error while running the tool|is not a function|is not iterable|Cannot read propert|undefined is not|native code\]|\[object Object\]|Maximum call stack|RangeError|TypeError|ReferenceError/;

/** Problems of one answer to a POST that carried `requestIds`. */
export function answerProblems(a: Answer, requestIds: Array<string | number>): string[] {
  const out: string[] = [];
  if (a.status >= 500) out.push(`HTTP ${a.status}`);
  if (a.status >= 400 && !a.contentType.includes('application/json')) out.push(`HTTP ${a.status} without a JSON body (${a.contentType || 'none'})`);
  if (STACK.test(a.text)) out.push(`stack trace or file path in the answer: ${a.text.match(STACK)![0]}`);
  if (CRASH.test(a.text)) out.push(`crash text in the answer: ${a.text.match(CRASH)![0]}`);
  const leaked = secretsIn(a.text);
  if (leaked.length) out.push(`secret in the answer (${leaked.length} form(s))`);
  if (a.status === 200 && a.contentType.includes('text/event-stream')) {
    for (const id of requestIds) if (!a.messages.some((m) => m.id === id && ('result' in m || 'error' in m))) out.push(`no answer for request id ${JSON.stringify(id)}`);
  }
  for (const m of a.messages) if (m.error?.code === -32603) out.push(`JSON-RPC internal error: ${String(m.error.message).slice(0, 200)}`);
  return out;
}

/**
 * Requests the fake (a strict Autotask) refused. A missing record is not a refusal: a GET answers
 * 404 for a missing parent, and an attachment root answers 500 for a missing attachment (evidence
 * attachments.root-get-missing-500), which `exists` tells apart from a real refusal.
 */
export function fakeProblems(requests: readonly RecordedRequest[], exists: (entity: string, id: number) => boolean, known?: (r: RecordedRequest) => void): string[] {
  const missingAttachment = (r: RecordedRequest) => {
    const m = /^(\w+Attachments)\/(\d+)$/i.exec(r.route);
    return r.method === 'GET' && r.status === 500 && !!m && !exists(m[1], Number(m[2]));
  };
  return requests
    .filter((r) => !(r.status >= 200 && r.status < 300) && !(r.status === 404 && r.method === 'GET') && !missingAttachment(r))
    .filter((r) => {
      if (!KNOWN_REFUSALS.some((k) => k(r))) return true;
      known?.(r);
      return false;
    })
    .map((r) => `the fake refused ${r.method} ${r.route} with ${r.status}: ${JSON.stringify(r.body)?.slice(0, 300)}`);
}

/**
 * Refusals the fuzz found where no source says whether Autotask refuses too; counted, not failed,
 * until the fake's behaviour has evidence (see the report of issue 10):
 *  - an update of the tenant's own company (id 0): the fake refuses every update whose id is not
 *    positive, while its own seed (like Autotask) has a company 0 that reads fine.
 */
const KNOWN_REFUSALS: Array<(r: RecordedRequest) => boolean> = [
  (r) => (r.method === 'PATCH' || r.method === 'PUT') && /^Companies$/i.test(r.route) && (r.body as { id?: unknown } | undefined)?.id === 0 && r.status === 500,
];

export function logProblems(logs: string): string[] {
  const leaked = secretsIn(logs);
  return leaked.length ? [`secret in the server log (${leaked.length} form(s))`] : [];
}
