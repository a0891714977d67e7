/**
 * One deadline per tool call. MCP clients give up on a call after 60 s with a bare "Request timed
 * out"; the model should get our actionable error instead. The registry starts a deadline per
 * call and hands its signal to the tool as ctx.signal, which every Autotask call already passes,
 * so the client finds the deadline there (deadlineOf) and ends every step by it: the wait for a
 * request slot, each attempt, every retry. Should a handler still run shortly after the deadline,
 * the signal aborts it.
 */
import { AutotaskError } from './errors.js';

export interface CallDeadline {
  /** Wall-clock time (ms) by which the call answers. */
  readonly at: number;
  /** The whole allowance (MCP_TOOL_TIMEOUT_SECONDS). */
  readonly budgetMs: number;
  /** Milliseconds left (negative once past). */
  remaining(): number;
}

export interface DeadlineScope {
  /** Aborts when the parent aborts, or BACKSTOP_MS after the deadline. */
  signal: AbortSignal;
  deadline: CallDeadline;
  /** Stop the backstop timer and detach from the parent (call when the tool call ends). */
  dispose(): void;
}

/** The client answers by the deadline itself; this is only for handler code between requests. */
export const BACKSTOP_MS = 1_000;

const deadlines = new WeakMap<AbortSignal, CallDeadline>();

/** The deadline a signal carries (from startDeadline), if any. */
export function deadlineOf(signal: AbortSignal | undefined): CallDeadline | undefined {
  return signal ? deadlines.get(signal) : undefined;
}

export function startDeadline(parent: AbortSignal, budgetMs: number, now: () => number = Date.now): DeadlineScope {
  const at = now() + budgetMs;
  const deadline: CallDeadline = { at, budgetMs, remaining: () => at - now() };
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(parent.reason);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(deadlineExceeded(deadline)), budgetMs + BACKSTOP_MS);
  timer.unref();
  deadlines.set(controller.signal, deadline);
  return {
    signal: controller.signal,
    deadline,
    dispose() {
      clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
    },
  };
}

export function seconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) || s >= 10 ? String(Math.round(s)) : s.toFixed(1);
}

/** The backstop's reason: the call ran past its deadline outside an Autotask request. */
export function deadlineExceeded(d: CallDeadline): AutotaskError {
  return new AutotaskError(
    'unavailable',
    `This call ran past its ${seconds(d.budgetMs)} s limit (MCP_TOOL_TIMEOUT_SECONDS) and was stopped: Autotask is answering slowly. Try again later with a narrower request.`,
    { retryable: true },
  );
}
