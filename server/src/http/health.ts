/**
 * Liveness (/health: never touches Autotask, so an Autotask outage never restarts the container)
 * and readiness (/ready or /health?deep=1: one cheap authenticated call, cached).
 */
import { Router } from 'express';
import type { AppConfig } from '../config/types.js';
import type { AutotaskApi } from '../autotask/types.js';
import { isAutotaskError, type AutotaskErrorKind } from '../autotask/errors.js';
import type { Scrubber } from '../logging/scrub.js';

export interface ReadinessResult {
  ok: boolean;
  reason?: string;
  checkedAt: string;
}

const REASONS: Record<AutotaskErrorKind, string> = {
  auth: 'Autotask rejected the API credentials: check AUTOTASK_USERNAME, AUTOTASK_SECRET and AUTOTASK_INTEGRATION_CODE (an API-only user with an API tracking identifier).',
  forbidden: "The Autotask API user is not allowed to read ThresholdInformation: review the API user's security level.",
  not_found: 'Autotask answered 404 for the readiness call: check AUTOTASK_API_URL (it must be the REST base ending in /ATServicesRest/).',
  validation: 'Autotask refused the readiness call: check the API user and AUTOTASK_API_URL.',
  rate_limited: 'Autotask is throttling this integration right now; it should recover by itself (see get_api_usage).',
  unavailable: 'Autotask did not answer: check outbound HTTPS/DNS from this host to the Autotask zone, and AUTOTASK_API_URL if set.',
  config: 'The Autotask connection is not configured correctly: check AUTOTASK_API_URL / zone detection and the credentials.',
  protocol: 'Autotask answered something unexpected: check AUTOTASK_API_URL points at the REST API base (…/ATServicesRest/).',
};

export class ReadinessProbe {
  private cached: { result: ReadinessResult; at: number } | null = null;
  private inflight: Promise<ReadinessResult> | null = null;

  constructor(
    private readonly api: AutotaskApi,
    private readonly scrub: Scrubber,
    private readonly cacheMs = 30_000,
    private readonly timeoutMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Cached result when fresh; concurrent callers share one Autotask call. */
  async check(): Promise<ReadinessResult & { cached: boolean }> {
    if (this.cached && this.now() - this.cached.at < this.cacheMs) return { ...this.cached.result, cached: true };
    this.inflight ??= this.run().finally(() => {
      this.inflight = null;
    });
    return { ...(await this.inflight), cached: false };
  }

  private async run(): Promise<ReadinessResult> {
    let result: ReadinessResult;
    try {
      await this.api.threshold({ signal: AbortSignal.timeout(this.timeoutMs) });
      result = { ok: true, checkedAt: new Date(this.now()).toISOString() };
    } catch (err) {
      result = { ok: false, reason: this.reasonFor(err), checkedAt: new Date(this.now()).toISOString() };
    }
    this.cached = { result, at: this.now() };
    return result;
  }

  private reasonFor(err: unknown): string {
    if (isAutotaskError(err)) return this.scrub(`${REASONS[err.kind]} (${err.message})`);
    const message = err instanceof Error ? err.message : String(err);
    return this.scrub(`The readiness check failed unexpectedly: ${message}`);
  }
}

export interface HealthDeps {
  config: AppConfig;
  mode: 'live' | 'demo';
  readiness: ReadinessProbe;
  startedAt: number;
}

export function healthRouter(deps: HealthDeps): Router {
  const router = Router();
  const base = () => ({
    version: deps.config.version,
    mode: deps.mode,
    readOnly: deps.config.readOnly,
  });
  const ready = async (res: import('express').Response) => {
    const r = await deps.readiness.check();
    res.setHeader('Cache-Control', 'no-store');
    if (r.ok) res.status(200).json({ status: 'ready', ...base(), checkedAt: r.checkedAt, cached: r.cached });
    else res.status(503).json({ status: 'unavailable', reason: r.reason, ...base(), checkedAt: r.checkedAt, cached: r.cached });
  };
  router.get('/health', async (req, res) => {
    if (req.query.deep === '1' || req.query.deep === 'true') return ready(res);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok', ...base(), uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000) });
  });
  router.get('/ready', (_req, res) => ready(res));
  return router;
}
