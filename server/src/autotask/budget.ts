/**
 * The budget governor's bookkeeping. Autotask allows a tenant about 10,000 requests per rolling
 * hour, shared by every integration; past it the API is suspended for all of them. The estimate
 * is the last ThresholdInformation reading plus the requests this server sent since, so it
 * follows our own usage between readings and corrects to the tenant's real count at each one.
 */
import type { Logger } from 'pino';
import type { BudgetConfig } from '../config/types.js';
import type { ThresholdInfo } from './types.js';

export type BudgetLevel = 'ok' | 'warn' | 'stop';

export interface BudgetEstimate {
  level: BudgetLevel;
  /** Requests counted in the window now (reading plus our own since). */
  used: number;
  limit: number;
  /** used / limit in percent, one decimal. */
  percent: number;
  windowMinutes: number;
  /** Requests this server sent since the reading. */
  sentSince: number;
  readingAgeMs: number;
  warnPercent: number;
  stopPercent: number;
  /**
   * At the stop level: minutes until usage should be back under it, assuming the window's
   * requests were spread evenly (the oldest leave it first). An estimate, at least 1.
   */
  retryInMinutes?: number;
}

export interface Reading {
  used: number;
  limit: number;
  windowMinutes: number;
  at: number;
}

/**
 * The count shared by every replica (src/state/budget.ts with REDIS_URL): requests any replica
 * sent since the latest reading any replica took, so the tenant's budget is counted once.
 */
export interface BudgetShare {
  sent(): void;
  record(reading: Reading): void;
  /** The team's latest reading and requests since; null when there is none or it cannot be read. */
  pull(): Promise<{ reading: Reading; sentSince: number } | null>;
}

/** Near the limits a reading goes stale sooner: the next one decides whether reads may go on. */
const HOT_CHECK_MS = 60_000;

export class UsageBudget {
  private reading: Reading | null = null;
  private sentSince = 0;
  private lastLevel: BudgetLevel = 'ok';
  private attemptAt: number | null = null;

  constructor(
    readonly config: BudgetConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** A fresh ThresholdInformation answer (whoever asked for it). */
  record(t: ThresholdInfo): void {
    this.reading = { used: t.currentTimeframeRequestCount, limit: t.externalRequestThreshold, windowMinutes: t.requestThresholdTimeframe, at: this.now() };
    this.sentSince = 0;
  }

  /** The team's reading and count (shared state) replace this replica's own. */
  adopt(reading: Reading, sentSince: number): void {
    if (this.reading && this.reading.at > reading.at) return;
    this.reading = reading;
    this.sentSince = sentSince;
  }

  /** The reading the estimate starts from (null until the first one). */
  latest(): Reading | null {
    return this.reading;
  }

  /** One authenticated request went to Autotask. */
  sent(): void {
    this.sentSince += 1;
  }

  /** Null until the first reading. */
  estimate(): BudgetEstimate | null {
    const r = this.reading;
    if (!r) return null;
    const used = r.used + this.sentSince;
    const percent = r.limit > 0 ? Math.round((used / r.limit) * 1000) / 10 : 100;
    const { warnPercent, stopPercent } = this.config;
    const level: BudgetLevel = percent >= stopPercent ? 'stop' : percent >= warnPercent ? 'warn' : 'ok';
    const estimate: BudgetEstimate = { level, used, limit: r.limit, percent, windowMinutes: r.windowMinutes, sentSince: this.sentSince, readingAgeMs: this.now() - r.at, warnPercent, stopPercent };
    if (level === 'stop') {
      const target = (stopPercent / 100) * r.limit;
      estimate.retryInMinutes = Math.max(1, Math.ceil(r.windowMinutes * (1 - target / Math.max(used, 1))));
    }
    return estimate;
  }

  /** Whether the governor should read ThresholdInformation now (never with checkMs 0). */
  due(): boolean {
    if (this.config.checkMs === 0) return false;
    const hot = Math.min(this.config.checkMs, HOT_CHECK_MS);
    // A reading that failed is not tried again at once (it would double every request while Autotask fails).
    if (this.attemptAt !== null && this.now() - this.attemptAt < hot) return false;
    if (!this.reading) return true;
    const level = this.estimate()?.level ?? 'ok';
    return this.now() - this.reading.at >= (level === 'ok' ? this.config.checkMs : hot);
  }

  /** The governor starts a reading of its own. */
  attempting(): void {
    this.attemptAt = this.now();
  }

  /** The estimate's level when it differs from the one last reported here, else null (log once per change). */
  changed(estimate: BudgetEstimate | null): BudgetLevel | null {
    const level = estimate?.level ?? 'ok';
    if (level === this.lastLevel) return null;
    this.lastLevel = level;
    return level;
  }
}

/** How long a tool call waits for the governor's reading before going on with the estimate it has. */
export const READING_WAIT_MS = 2_000;

/**
 * The governor: the bookkeeping above plus its own ThresholdInformation readings when due
 * (single-flight, bounded wait) and one log line per change of level.
 */
export class BudgetGovernor {
  readonly usage: UsageBudget;
  private pending: Promise<void> | null = null;

  constructor(
    config: BudgetConfig,
    /** Reads ThresholdInformation (the client records the answer through record()). */
    private readonly read: () => Promise<unknown>,
    private readonly log: Logger,
    now: () => number = Date.now,
    private readonly share?: BudgetShare,
  ) {
    this.usage = new UsageBudget(config, now);
  }

  sent(): void {
    this.usage.sent();
    this.share?.sent();
  }

  record(t: ThresholdInfo): void {
    this.usage.record(t);
    const reading = this.usage.latest();
    if (reading) this.share?.record(reading);
    this.report(this.usage.estimate());
  }

  /** The estimate, after a reading when one is due (waiting at most maxWaitMs; the reading goes on). */
  async status(maxWaitMs = READING_WAIT_MS): Promise<BudgetEstimate | null> {
    // Another replica's recent reading makes one of our own unnecessary.
    const team = await this.share?.pull();
    if (team) this.usage.adopt(team.reading, team.sentSince);
    if (this.usage.due() && !this.pending) {
      this.usage.attempting();
      this.pending = this.read().then(
        () => undefined,
        (err: unknown) => void this.log.debug({ err: (err as Error | undefined)?.message }, 'autotask budget: reading ThresholdInformation failed'),
      );
      void this.pending.finally(() => (this.pending = null));
    }
    if (this.pending) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.pending, new Promise<void>((r) => (timer = setTimeout(r, maxWaitMs)))]);
      clearTimeout(timer);
    }
    const estimate = this.usage.estimate();
    this.report(estimate);
    return estimate;
  }

  private report(e: BudgetEstimate | null): void {
    const level = this.usage.changed(e);
    if (level === null || !e) return;
    const line = { budgetLevel: level, percent: e.percent, used: e.used, limit: e.limit, sentSince: e.sentSince, warnPercent: e.warnPercent, stopPercent: e.stopPercent };
    if (level === 'ok') this.log.info(line, 'autotask budget: usage back below the warning level');
    else if (level === 'warn') this.log.warn(line, `autotask budget: ${e.percent}% of the hourly request budget used (warning from ${e.warnPercent}%)`);
    else this.log.warn(line, `autotask budget: ${e.percent}% used; non-essential reads are refused from ${e.stopPercent}%`);
  }
}
