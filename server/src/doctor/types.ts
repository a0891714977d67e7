/** The doctor's report: one result per check, in the order they ran. */
import type { AppConfig } from '../config/types.js';
import type { DoctorApi } from './budget.js';

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface CheckResult {
  /** Stable id, e.g. "fields.Tickets" (evidence rows name it in `doctorCheck`). */
  id: string;
  status: CheckStatus;
  /** What was found, one sentence or two. */
  message: string;
  /** What to do about a warn or fail. */
  fix?: string;
  /** Machine-readable facts for --json (never credentials). */
  details?: Record<string, unknown>;
}

export interface DoctorReport {
  version: string;
  mode: 'demo' | 'live';
  readOnly: boolean;
  toolsets: string[];
  checks: CheckResult[];
  /** Autotask requests sent (all reads). */
  requests: number;
  requestLimit: number;
  summary: Record<CheckStatus, number>;
  /** 0 when nothing failed, 1 otherwise (2, bad configuration, never gets this far). */
  exitCode: 0 | 1;
}

export interface CheckContext {
  api: DoctorApi;
  config: AppConfig;
  mode: 'demo' | 'live';
  /** Add a line to the report at once (a run cut short keeps what it found). */
  emit: (result: CheckResult) => void;
  /** Record ids seen per entity during the run (see samples.ts), so later checks need no extra query. */
  ids: Map<string, number[]>;
}

/** Resolves to 'stop' when later checks cannot work (no zone, bad credentials, no budget left). */
export type Check = (ctx: CheckContext) => Promise<'stop' | void>;

export const pass = (id: string, message: string, details?: Record<string, unknown>): CheckResult => ({ id, status: 'pass', message, ...(details ? { details } : {}) });
export const warn = (id: string, message: string, fix: string, details?: Record<string, unknown>): CheckResult => ({ id, status: 'warn', message, fix, ...(details ? { details } : {}) });
export const fail = (id: string, message: string, fix: string, details?: Record<string, unknown>): CheckResult => ({ id, status: 'fail', message, fix, ...(details ? { details } : {}) });
