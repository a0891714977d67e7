/** Options of the Autotask client and the shape of one call through its pipeline (./client.ts). */
import type { Logger } from 'pino';
import type { AutotaskCredentials, BudgetConfig } from '../config/types.js';
import type { RetryPolicy } from './retry.js';
import type { SlotLimiter } from './limiter.js';
import type { BudgetShare } from './budget.js';
import type { RedirectPolicy } from './zone.js';

export interface AutotaskClientOptions {
  credentials: AutotaskCredentials;
  /** Pinned REST base (…/ATServicesRest/); null or absent = detect the zone on first use. */
  apiUrl?: string | null;
  zoneLookupUrl: string;
  timeoutMs?: number;
  /** Retries for reads (writes are never retried). */
  maxRetries?: number;
  maxConcurrencyPerEntity?: number;
  metadataTtlMs?: number;
  logger: Logger;
  /**
   * Longest a read may take across its retries (default: 50 s, or timeoutMs when larger). A retry
   * that could end later is not started: MCP clients give up on a call after 60 s, and the model
   * should get our actionable error rather than the client's bare timeout.
   */
  readBudgetMs?: number;
  /** Backoff tuning (tests shorten it). */
  retryPolicy?: Partial<Omit<RetryPolicy, 'maxRetries'>>;
  /** The budget governor's levels (default: warn 80 %, stop 95 %, a reading every 5 min). */
  budget?: BudgetConfig;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  userAgent?: string;
  /** Request slots shared by every replica (REDIS_URL); default: this process's own limiter. */
  limiter?: SlotLimiter;
  /** The budget count shared by every replica (REDIS_URL). */
  budgetShare?: BudgetShare;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface Call<T> {
  method: Method;
  /** Path below V1.0/ (bucket, logs, errors); never carries a query string. */
  path: string;
  /** Absolute URL instead of restBase + path (nextPageUrl, zoneInformation). */
  url?: string;
  /** A nextPageUrl's part below V1.0/ (with its query string): where it continues on a new zone. */
  rel?: string;
  body?: unknown;
  /** Receives the parsed JSON body (undefined when the body was empty). */
  parse: (body: unknown) => T;
  /** zoneInformation goes without credentials and outside the thread limiter. */
  anonymous?: boolean;
  /** Anonymous calls only: follow redirects where this allows (it throws to refuse). */
  redirect?: RedirectPolicy;
  /** 404 means "no such record" (GET by id). */
  notFound?: () => T;
  signal?: AbortSignal;
  /** Writes only: the ImpersonationResourceId header's value. */
  impersonate?: number;
}
