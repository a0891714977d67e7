/**
 * Turns Autotask answers and transport failures into AutotaskErrors whose messages say what
 * failed and what to do next. Every string that could echo a request is redacted here.
 */
import { AutotaskError, type AutotaskErrorKind } from './errors.js';
import { redactSecrets } from './redact.js';
import type { FailureClass } from './retry.js';

export interface RequestContext {
  method: string;
  /** Path below V1.0/, no query string. */
  path: string;
  /** True for requests that may change data (never retried). */
  write: boolean;
  /** Attempts made, including the failed one. */
  attempts: number;
  timeoutMs: number;
  secrets: readonly string[];
  /** Autotask's Retry-After as sent (not capped), when it sent one. */
  retryAfterMs?: number;
  /** Set when the call has a deadline: its whole allowance (MCP_TOOL_TIMEOUT_SECONDS). */
  deadlineMs?: number;
  /** Time this attempt waited for a request slot. */
  queuedMs?: number;
  /** The attempt's timeout was shortened to what was left of the deadline. */
  cut?: boolean;
}

const MAX_DETAILS = 20;
const MAX_DETAIL_CHARS = 2_000;

/** Parse a body as JSON; undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Autotask's `{"errors":[…]}` strings (objects with a message tolerated), or ASP.NET's
 * `{"Message":…}`, the whole body of a 405 (WYRE-AI/autotask-mcp PR #170). Empty when the body
 * carries none.
 */
export function extractErrorTexts(body: unknown): string[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
  const rec = body as Record<string, unknown>;
  const key = Object.keys(rec).find((k) => k.toLowerCase() === 'errors');
  const out: string[] = [];
  const list = key ? rec[key] : undefined;
  if (Array.isArray(list)) {
    for (const e of list) {
      if (typeof e === 'string') out.push(e);
      else if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string') out.push((e as { message: string }).message);
    }
  } else if (typeof list === 'string') {
    out.push(list);
  }
  if (out.length === 0) {
    const msgKey = Object.keys(rec).find((k) => k.toLowerCase() === 'message');
    if (msgKey && typeof rec[msgKey] === 'string') out.push(rec[msgKey]);
  }
  return out.slice(0, MAX_DETAILS).map((t) => (t.length > MAX_DETAIL_CHARS ? `${t.slice(0, MAX_DETAIL_CHARS)}…` : t));
}

const AUTH_TEXT = /IntegrationCode is invalid|Zone information could not be determined|Invalid (user ?name|credentials)|authentication failed/i;
const THREAD_LIMIT_TEXT = /Thread Threshold Exceeded|Itgenatr005/i;
const PERMISSION_TEXT = /adequate permission|do(es)? not have (the )?(required )?permission|insufficient permission|permission denied|not authori[sz]ed/i;
const NO_RECORD_TEXT = /No matching records found/i;

/** True when Autotask's text says the per-endpoint thread limit was hit (whatever the status). */
export function isThreadLimitText(texts: readonly string[]): boolean {
  return texts.some((t) => THREAD_LIMIT_TEXT.test(t));
}

function kindForStatus(status: number, texts: readonly string[], parsed: boolean): AutotaskErrorKind {
  const joined = texts.join(' ');
  if (status === 401 || AUTH_TEXT.test(joined)) return 'auth';
  if (status === 429 || THREAD_LIMIT_TEXT.test(joined)) return 'rate_limited';
  if (status === 403 || PERMISSION_TEXT.test(joined)) return 'forbidden';
  if (status === 404 || NO_RECORD_TEXT.test(joined)) return 'not_found';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  if (status >= 300 && status < 400) return 'protocol';
  if (status >= 400 && status < 500) return 'validation';
  if (status === 500) return parsed && texts.length > 0 ? 'validation' : 'protocol';
  return 'unavailable';
}

function where(ctx: RequestContext): string {
  return `${ctx.method} ${ctx.path}`;
}

function attemptsNote(ctx: RequestContext): string {
  return ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : '';
}

/** Suffix for failures whose outcome is unknown: a write may have been applied (never suggest repeating it blindly). */
function uncertainWriteNote(ctx: RequestContext): string {
  return ctx.write ? ` ${MAY_HAVE_APPLIED}` : ' Retry later.';
}

export const MAY_HAVE_APPLIED = 'The write may have been applied: check before repeating it.';

/** Kinds whose answer means Autotask refused the request, so a write was not applied. */
const REFUSED_KINDS = new Set<AutotaskErrorKind>(['auth', 'forbidden', 'not_found', 'validation', 'rate_limited']);

function sec(ms: number): string {
  return String(Math.max(0, Math.round(ms / 1000)));
}

/** Error for an HTTP answer that was not a success. */
export function errorFromResponse(ctx: RequestContext, status: number, text: string): AutotaskError {
  const body = parseJson(text);
  const texts = extractErrorTexts(body).map((t) => redactSecrets(t, ctx.secrets));
  const kind = kindForStatus(status, texts, body !== undefined);
  const w = where(ctx);
  let message: string;
  let retryable = false;
  switch (kind) {
    case 'auth':
      message = /Zone information could not be determined/i.test(texts.join(' '))
        ? `Autotask could not determine the zone of the configured API user (${w}, HTTP ${status}): the username is probably wrong. The operator must check AUTOTASK_USERNAME.`
        : `Autotask rejected the API credentials (${w}, HTTP ${status}). The operator must check AUTOTASK_USERNAME, AUTOTASK_SECRET and AUTOTASK_INTEGRATION_CODE.`;
      break;
    case 'forbidden':
      message = `Autotask denied ${w} (HTTP ${status}): the API user's security level does not permit it.`;
      break;
    case 'not_found':
      message = `Autotask found nothing at ${w} (HTTP ${status}): check the entity name and id.`;
      break;
    case 'rate_limited':
      retryable = true;
      message = ctx.write
        ? `Autotask throttled ${w} (HTTP ${status}) and refused it, so it should not have taken effect; writes are never repeated automatically. ${ctx.retryAfterMs !== undefined ? `Autotask asked to wait ${Math.ceil(ctx.retryAfterMs / 1000)} s` : 'Wait a little'}, then repeat it.`
        : `Autotask throttled ${w} (HTTP ${status})${attemptsNote(ctx)}. ${ctx.retryAfterMs !== undefined ? `Autotask asked to wait ${Math.ceil(ctx.retryAfterMs / 1000)} s before retrying` : 'Wait before retrying'} and send fewer requests in parallel.`;
      break;
    case 'unavailable':
      retryable = !ctx.write;
      message = `Autotask answered ${w} with HTTP ${status}${attemptsNote(ctx)}.${uncertainWriteNote(ctx)}`;
      break;
    case 'protocol':
      message =
        status >= 300 && status < 400
          ? `Autotask answered ${w} with a redirect (HTTP ${status}), which this client does not follow. Check AUTOTASK_API_URL.`
          : `Autotask answered ${w} with HTTP ${status} and a body this client cannot read.${ctx.write ? ` ${MAY_HAVE_APPLIED}` : ''}`;
      break;
    default:
      message =
        status === 405
          ? `Autotask does not allow ${w} (HTTP 405): this entity does not support that operation on this route. describe_entity lists the operations and routes it supports.`
          : `Autotask rejected ${w} (HTTP ${status})${texts.length ? '; its errors say what to fix' : ' without giving a reason'}.`;
  }
  return new AutotaskError(kind, redactSecrets(message, ctx.secrets), {
    status,
    details: texts,
    method: ctx.method,
    path: ctx.path,
    retryable,
    ...(ctx.write ? { writeOutcome: REFUSED_KINDS.has(kind) ? 'refused' : 'unknown' } : {}),
  });
}

/** "(what was left of this call's 50 s limit, after 20 s waiting for a request slot)" when the deadline shortened the attempt. */
function deadlineNote(ctx: RequestContext): string {
  if (!ctx.cut || ctx.deadlineMs === undefined) return '';
  const queued = ctx.queuedMs !== undefined && ctx.queuedMs >= 1000 ? `, after it waited ${sec(ctx.queuedMs)} s for a free request slot` : '';
  return ` (what was left of this call's ${sec(ctx.deadlineMs)} s limit${queued})`;
}

/** Error for a request that got no HTTP answer (after any retries). */
export function errorFromTransport(ctx: RequestContext, failure: FailureClass): AutotaskError {
  const w = where(ctx);
  let message: string;
  let notSent = false;
  if (failure.type === 'timeout') {
    message = `${w} got no answer from Autotask within ${ctx.timeoutMs} ms${deadlineNote(ctx)}${attemptsNote(ctx)}.${ctx.cut && !ctx.write ? ' Autotask is slow or busy.' : ''}${uncertainWriteNote(ctx)}`;
  } else if (failure.type === 'reset') {
    message = `The connection to Autotask was reset during ${w}${attemptsNote(ctx)}.${uncertainWriteNote(ctx)}`;
  } else if (failure.type === 'network' && (failure.code === 'ECONNREFUSED' || failure.code === 'ENOTFOUND' || failure.code === 'EAI_AGAIN')) {
    // The connection never formed, so nothing reached Autotask.
    notSent = true;
    message = `Could not connect to Autotask for ${w} (${failure.code})${attemptsNote(ctx)}; nothing was sent. Check network access to Autotask${ctx.write ? ', then repeat the write' : ' and retry later'}.`;
  } else {
    const code = failure.type === 'network' ? failure.code : String(failure.status);
    message = `${w} failed with a network error (${code})${attemptsNote(ctx)}.${uncertainWriteNote(ctx)}`;
  }
  return new AutotaskError('unavailable', redactSecrets(message, ctx.secrets), {
    method: ctx.method,
    path: ctx.path,
    retryable: !ctx.write || notSent,
    ...(ctx.write ? { writeOutcome: notSent ? 'not_sent' : 'unknown' } : {}),
  });
}

/**
 * A request not sent because its call's deadline leaves no room for it: the slot wait gave up
 * (`queue`), or too little time was left to start it. Nothing reached Autotask.
 */
export function notSentError(ctx: RequestContext, why: { waitedMs: number; running: number; waiting: number; maxPerKey: number; bucket: string } | { elapsedMs: number }): AutotaskError {
  const w = where(ctx);
  const limit = ctx.deadlineMs !== undefined ? `${sec(ctx.deadlineMs)} s` : 'the';
  const message =
    'waitedMs' in why
      ? `Autotask is slow or busy: ${w} waited ${sec(why.waitedMs)} s for a free request slot (Autotask allows ${why.maxPerKey} at a time per endpoint; ${why.running} requests to ${why.bucket} were still running and ${why.waiting} more waiting) and was not sent within this call's ${limit} limit, so nothing was ${ctx.write ? 'written' : 'read'}. Try again in a minute, with fewer calls in parallel.`
      : `Autotask is slow or busy: this call had used ${sec(why.elapsedMs)} s of its ${limit} limit, too little was left to send ${w}, so it was not sent and nothing was ${ctx.write ? 'written' : 'read'}. Try again in a minute, with a narrower request.`;
  return new AutotaskError('unavailable', redactSecrets(message, ctx.secrets), {
    method: ctx.method,
    path: ctx.path,
    retryable: true,
    ...(ctx.write ? { writeOutcome: 'not_sent' as const } : {}),
  });
}

/** Error for a 200 whose body does not have the documented shape. */
export function protocolError(ctx: RequestContext, what: string): AutotaskError {
  return new AutotaskError(
    'protocol',
    redactSecrets(`Autotask answered ${where(ctx)} with ${what}, which this client cannot read.${ctx.write ? ` ${MAY_HAVE_APPLIED}` : ' Retry once; report it if it persists.'}`, ctx.secrets),
    { status: 200, method: ctx.method, path: ctx.path, ...(ctx.write ? { writeOutcome: 'unknown' as const } : {}) },
  );
}

/** Thrown by response parsers; the client turns it into a protocolError with request context. */
export class ShapeError extends Error {
  constructor(readonly what: string) {
    super(what);
    this.name = 'ShapeError';
  }
}
