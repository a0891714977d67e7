/**
 * How long each step of a request may take: the per-attempt timeout, the read budget across
 * retries, and the call's deadline (./deadline.ts) when a tool call set one. The pipeline in
 * ./client.ts asks here; the arithmetic lives in one place.
 */
import type { CallDeadline } from './deadline.js';
import { retryDelayMs, type RetryPolicy } from './retry.js';

/** Below the MCP SDK client's default 60 s request timeout. */
export const DEFAULT_READ_BUDGET_MS = 50_000;
/**
 * The least time a request is started with under a deadline: a read shorter than this would
 * rarely get its answer; a write cut short would end "may have been applied" instead of "not sent".
 */
const MIN_READ_ATTEMPT_MS = 1_000;
const MIN_WRITE_ATTEMPT_MS = 5_000;

export class CallTiming {
  constructor(
    readonly timeoutMs: number,
    /** Longest a read may take across its retries, deadline or not. */
    readonly readBudgetMs: number,
    private readonly policy: RetryPolicy,
    private readonly random: () => number,
    private readonly now: () => number,
  ) {}

  /** The least time left under `deadline` to start a request with (0 without one). */
  floor(write: boolean, deadline: CallDeadline | undefined): number {
    return deadline ? Math.min(this.timeoutMs, write ? MIN_WRITE_ATTEMPT_MS : MIN_READ_ATTEMPT_MS, deadline.budgetMs / 2) : 0;
  }

  /** An attempt's timeout: what is left of the deadline, at most the configured timeout. */
  attemptTimeout(deadline: CallDeadline | undefined): number {
    return deadline ? Math.max(1, Math.min(this.timeoutMs, deadline.remaining())) : this.timeoutMs;
  }

  /**
   * The wait before the next attempt, or null when that attempt could end after the read budget
   * or the deadline, or when Autotask asked for a longer wait than we would sleep.
   */
  retryDelay(attempt: number, retryAfterMs: number | null, callStarted: number, deadline: CallDeadline | undefined): number | null {
    if (retryAfterMs !== null && retryAfterMs > this.policy.maxRetryAfterMs) return null;
    const delayMs = retryDelayMs(attempt, this.policy, this.random, retryAfterMs);
    if (this.now() - callStarted + delayMs + this.timeoutMs > this.readBudgetMs) return null;
    return deadline && delayMs + this.timeoutMs > deadline.remaining() ? null : delayMs;
  }

  /** Whether a read still has time for one more full attempt (e.g. on the zone a tenant moved to). */
  readHasRoom(callStarted: number, deadline: CallDeadline | undefined): boolean {
    return this.now() - callStarted + this.timeoutMs <= this.readBudgetMs && (deadline?.remaining() ?? Infinity) >= this.floor(false, deadline);
  }
}
