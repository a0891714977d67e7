/**
 * The Autotask REST client (implements AutotaskApi). One request pipeline for everything:
 * zone -> per-endpoint slot -> HTTP -> classify -> retry (reads only) -> parse. Nothing is
 * contacted at construction.
 */
import type { Logger } from 'pino';
import type { AppConfig, AutotaskCredentials, BudgetConfig } from '../config/types.js';
import type { AutotaskClientOptions, Call } from './client-options.js';
import { AutotaskError, withWriteOutcome } from './errors.js';
import { errorFromResponse, errorFromTransport, extractErrorTexts, isThreadLimitText, notSentError, parseJson, protocolError, ShapeError, type RequestContext } from './error-map.js';
import { authHeaders, HttpTransport, TransportError, type RawResponse } from './http.js';
import { KeyedLimiter, QueueTimeout, type Release, type SlotLimiter } from './limiter.js';
import { BudgetGovernor, type BudgetEstimate } from './budget.js';
import { deadlineOf, type CallDeadline } from './deadline.js';
import { MetadataCache } from './metadata.js';
import { queryBody, validateQuery } from './query.js';
import { credentialSecrets, redactSecrets } from './redact.js';
import { parseChildItem, parseCount, parseItem, parseItemId, parseObject, parsePage, parseThreshold } from './responses.js';
import { DEFAULT_RETRY_POLICY, abortableSleep, isReadRequest, isRetryableFailure, parseRetryAfter, type FailureClass, type RetryPolicy } from './retry.js';
import { CallTiming, DEFAULT_READ_BUDGET_MS } from './timing.js';
import { IMPERSONATION_HEADER } from './impersonation.js';
import { canonicalChild, canonicalEntity, checkId, endpointBucket, nextPageTarget, resolveWriteRoute, type WriteOperation } from './routes.js';
import type {
  AutotaskApi,
  AutotaskRecord,
  EntityInfo,
  FieldInfo,
  ParentRef,
  PicklistValue,
  QueryAllResult,
  QueryPage,
  QueryRequest,
  QueryAllOptions,
  RequestOptions,
  WriteOptions,
  ThresholdInfo,
  UdfInfo,
  ZoneInfo,
} from './types.js';
import { ZoneResolver } from './zone.js';
import { SharedStateUnavailable, WRITES_NEED_REDIS } from '../state/errors.js';
import { callEvents } from './call-events.js';

export type { AutotaskClientOptions } from './client-options.js';

/** Autotask documents 3 concurrent requests per entity endpoint and integration. */
const DEFAULT_CONCURRENCY = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DEFAULT_BUDGET: BudgetConfig = { warnPercent: 80, stopPercent: 95, checkMs: 300_000 };
const noRelease: Release = () => undefined;

export class AutotaskClient implements AutotaskApi {
  private readonly credentials: AutotaskCredentials;
  private readonly secrets: string[];
  private readonly log: Logger;
  private readonly transport: HttpTransport;
  private readonly limiter: SlotLimiter;
  private readonly zones: ZoneResolver;
  private readonly metadata: MetadataCache;
  private readonly policy: RetryPolicy;
  private readonly timing: CallTiming;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly governor: BudgetGovernor;

  constructor(opts: AutotaskClientOptions) {
    this.credentials = opts.credentials;
    this.secrets = credentialSecrets(opts.credentials);
    this.log = opts.logger.child({ component: 'autotask' });
    this.transport = new HttpTransport(opts.userAgent);
    this.limiter = opts.limiter ?? new KeyedLimiter(opts.maxConcurrencyPerEntity ?? DEFAULT_CONCURRENCY);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...opts.retryPolicy, maxRetries: opts.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries };
    const timeoutMs = opts.timeoutMs ?? 30_000;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? abortableSleep;
    this.timing = new CallTiming(timeoutMs, opts.readBudgetMs ?? Math.max(DEFAULT_READ_BUDGET_MS, timeoutMs), this.policy, opts.random ?? Math.random, this.now);
    this.zones = new ZoneResolver({
      apiUrl: opts.apiUrl,
      zoneLookupUrl: opts.zoneLookupUrl,
      username: opts.credentials.username,
      fetch: (url, path, redirect, signal) => this.call({ method: 'GET', path, url, anonymous: true, redirect, parse: (b) => b, signal }),
      logger: this.log,
    });
    this.metadata = new MetadataCache((path, parse) => this.call({ method: 'GET', path, parse }), opts.metadataTtlMs ?? 15 * 60_000, this.now);
    this.governor = new BudgetGovernor(opts.budget ?? DEFAULT_BUDGET, () => this.threshold(), this.log, undefined, opts.budgetShare);
  }

  // ---- zone, reads ------------------------------------------------------------------------

  zone(opts?: RequestOptions): Promise<ZoneInfo> {
    return this.zones.resolve(opts?.signal);
  }

  /** The detected or pinned zone, without contacting Autotask (null before first use). */
  cachedZone(): ZoneInfo | null {
    return this.zones.cached();
  }

  get(entity: string, id: number, opts?: RequestOptions): Promise<AutotaskRecord | null> {
    const name = canonicalEntity(entity);
    checkId(id);
    return this.call({ method: 'GET', path: `${name}/${id}`, parse: parseItem, notFound: () => null, signal: opts?.signal });
  }

  getChild(parent: ParentRef, childSegment: string, id: number, opts?: RequestOptions): Promise<AutotaskRecord | null> {
    const route = canonicalChild(parent.entity, childSegment);
    const pid = checkId(parent.id, `parent ${route.parent} id`);
    checkId(id);
    return this.call({ method: 'GET', path: `${route.parent}/${pid}/${route.segment}/${id}`, parse: parseChildItem, notFound: () => null, signal: opts?.signal });
  }

  query(entity: string, q: QueryRequest, opts?: RequestOptions): Promise<QueryPage> {
    const name = canonicalEntity(entity);
    const valid = validateQuery(q, name);
    return this.call({ method: 'POST', path: `${name}/query`, body: queryBody(valid), parse: parsePage, signal: opts?.signal });
  }

  async queryNext(entity: string, nextPageUrl: string, q: QueryRequest, opts?: RequestOptions): Promise<QueryPage> {
    const name = canonicalEntity(entity);
    const valid = validateQuery(q, name);
    const { url, path, rel } = nextPageTarget(await this.restBase(opts?.signal), name, nextPageUrl);
    // Autotask requires the original body again (a bodyless POST fails, a GET is 405).
    return this.call({ method: 'POST', path, url, rel, body: queryBody(valid), parse: parsePage, signal: opts?.signal });
  }

  async queryAll(entity: string, q: QueryRequest, cap: number, opts?: QueryAllOptions): Promise<QueryAllResult> {
    if (!Number.isSafeInteger(cap) || cap < 1) throw new AutotaskError('validation', `The record cap must be a positive integer, got ${String(cap).slice(0, 40)}.`);
    // No point fetching 500 per page when fewer are wanted.
    const paged: QueryRequest = q.maxRecords === undefined ? { ...q, maxRecords: Math.min(500, cap) } : q;
    let page = await this.query(entity, paged, opts);
    const items = [...page.items];
    opts?.onPage?.(items.length);
    const seen = new Set<string>();
    while (page.nextPageUrl && items.length < cap) {
      if (seen.has(page.nextPageUrl)) {
        throw new AutotaskError('protocol', `Autotask returned the same nextPageUrl twice while paging ${entity}; stopped to avoid a loop.`, { method: 'POST', path: `${entity}/query/next` });
      }
      seen.add(page.nextPageUrl);
      page = await this.queryNext(entity, page.nextPageUrl, paged, opts);
      if (page.items.length === 0) break;
      items.push(...page.items);
      opts?.onPage?.(items.length);
    }
    const truncated = items.length > cap || (items.length === cap && page.nextPageUrl !== null);
    return { items: items.slice(0, cap), truncated };
  }

  count(entity: string, filter: QueryRequest['filter'], opts?: RequestOptions): Promise<number> {
    const name = canonicalEntity(entity);
    const valid = validateQuery({ filter }, name);
    return this.call({ method: 'POST', path: `${name}/query/count`, body: { filter: valid.filter }, parse: parseCount, signal: opts?.signal });
  }

  // ---- writes (never retried) ---------------------------------------------------------------

  writeRoute(operation: WriteOperation, entity: string, parent?: ParentRef, id?: number): { method: string; path: string } {
    return resolveWriteRoute(operation, entity, parent, id);
  }

  create(entity: string, body: Record<string, unknown>, parent?: ParentRef, opts?: WriteOptions): Promise<number> {
    checkBody(body, entity);
    const route = resolveWriteRoute('create', entity, parent);
    return this.call({ method: 'POST', path: route.path, body, parse: parseItemId, signal: opts?.signal, impersonate: opts?.impersonate });
  }

  update(entity: string, body: Record<string, unknown> & { id: number }, parent?: ParentRef, opts?: WriteOptions): Promise<number> {
    checkBody(body, entity);
    const id = checkId(body.id, `${entity} update body id`);
    // PATCH goes to the collection URL with id in the body; PATCH /{id} is a 405.
    const route = resolveWriteRoute('update', entity, parent);
    return this.call({ method: 'PATCH', path: route.path, body, parse: (b) => (b === undefined ? id : parseItemId(b)), signal: opts?.signal, impersonate: opts?.impersonate });
  }

  delete(entity: string, id: number, parent?: ParentRef, opts?: RequestOptions): Promise<number> {
    const route = resolveWriteRoute('delete', entity, parent, id);
    return this.call({ method: 'DELETE', path: route.path, parse: (b) => (b === undefined ? id : parseItemId(b)), signal: opts?.signal });
  }

  // ---- metadata, limits ---------------------------------------------------------------------

  entityInformation(entity: string, opts?: RequestOptions): Promise<EntityInfo> {
    return this.metadata.entityInformation(canonicalEntity(entity), opts?.signal);
  }

  fields(entity: string, opts?: RequestOptions): Promise<FieldInfo[]> {
    return this.metadata.fields(canonicalEntity(entity), opts?.signal);
  }

  userDefinedFields(entity: string, opts?: RequestOptions): Promise<UdfInfo[]> {
    return this.metadata.userDefinedFields(canonicalEntity(entity), opts?.signal);
  }

  /** Values of a picklist field ([] when the field exists but is not a picklist). */
  async picklist(entity: string, field: string, opts?: RequestOptions): Promise<PicklistValue[]> {
    const name = canonicalEntity(entity);
    const fields = await this.metadata.fields(name, opts?.signal);
    const wanted = String(field).toLowerCase();
    const f = fields.find((x) => x.name.toLowerCase() === wanted);
    if (!f) throw new AutotaskError('validation', `${name} has no field "${String(field).slice(0, 100)}" (see ${name} fields).`);
    return f.picklistValues ?? [];
  }

  async threshold(opts?: RequestOptions): Promise<ThresholdInfo> {
    const t = await this.call({ method: 'GET', path: 'ThresholdInformation', parse: parseThreshold, signal: opts?.signal });
    this.governor.record(t);
    return t;
  }

  /** The budget governor's estimate (ThresholdInformation plus our requests since), reading it first when due. */
  budgetStatus(opts?: { maxWaitMs?: number }): Promise<BudgetEstimate | null> {
    return this.governor.status(opts?.maxWaitMs);
  }

  version(opts?: RequestOptions): Promise<Record<string, unknown>> {
    return this.call({ method: 'GET', path: 'Version', parse: parseObject, signal: opts?.signal });
  }

  /** Close pooled keep-alive sockets. */
  close(): void {
    this.transport.close();
  }

  // ---- pipeline -----------------------------------------------------------------------------

  private async restBase(signal?: AbortSignal): Promise<string> {
    return `${(await this.zones.resolve(signal)).url}V1.0/`;
  }

  private async call<T>(c: Call<T>): Promise<T> {
    const write = !isReadRequest(c.method, c.path);
    const maxAttempts = write ? 1 : this.policy.maxRetries + 1;
    const deadline = deadlineOf(c.signal);
    // The zone this request goes to (none for the anonymous zone lookup itself).
    const zoneWaitMs = deadline ? deadline.remaining() - this.timing.floor(write, deadline) : undefined;
    let zone = c.anonymous ? null : await this.zones.resolve(c.signal, zoneWaitMs).catch((err: unknown) => {
      throw write && err instanceof AutotaskError && !err.writeOutcome ? withWriteOutcome(err, 'not_sent') : err;
    });
    let url = c.url ?? `${zone?.url}V1.0/${c.path}`;
    let moved = false;
    let hops = 0;
    const headers: Record<string, string> = c.anonymous ? { 'Content-Type': 'application/json' } : authHeaders(this.credentials);
    if (write && c.impersonate !== undefined) headers[IMPERSONATION_HEADER] = String(checkId(c.impersonate, 'impersonated resource id'));
    const callStarted = this.now();
    for (let attempt = 1; ; attempt++) {
      const base: RequestContext = { method: c.method, path: c.path, write, attempts: attempt, timeoutMs: this.timing.timeoutMs, secrets: this.secrets, ...(deadline ? { deadlineMs: deadline.budgetMs } : {}) };
      const waitStarted = Date.now();
      const release = await this.slot(c, base, deadline);
      const timeoutMs = this.timing.attemptTimeout(deadline);
      const ctx: RequestContext = { ...base, timeoutMs, queuedMs: Date.now() - waitStarted, cut: timeoutMs < this.timing.timeoutMs };
      const started = this.now();
      let res: RawResponse | null = null;
      let failure: FailureClass | null = null;
      try {
        if (!c.anonymous) this.governor.sent();
        res = await this.transport.send({ method: c.method, url, headers, body: c.body, timeoutMs, signal: c.signal });
      } catch (err) {
        if (!(err instanceof TransportError)) throw err; // aborted by the caller
        failure = err.failure;
      } finally {
        release();
      }
      if (!res) {
        const f = failure as FailureClass;
        this.logAttempt(c, attempt, started, null, f.type);
        const delayMs = write || attempt >= maxAttempts || !isRetryableFailure(f) ? null : this.timing.retryDelay(attempt, null, callStarted, deadline);
        if (delayMs === null) throw errorFromTransport(ctx, f);
        await this.backoff(c, attempt, delayMs, f.type);
        continue;
      }
      this.logAttempt(c, attempt, started, res.status);
      if (res.status >= 200 && res.status < 300) return this.parseSuccess(c, ctx, res.text);
      if (res.status === 404 && c.notFound) return c.notFound();
      if (c.redirect && c.anonymous && REDIRECT_STATUSES.has(res.status) && res.location !== undefined) {
        url = c.redirect(url, res.location, ++hops);
        // The target's origin only: the lookup's query string holds the username.
        this.log.info({ path: c.path, status: res.status, to: new URL(url).origin, hop: hops }, 'autotask zone lookup redirected');
        attempt--; // a redirect is not a failed attempt
        continue;
      }
      if (res.status === 401 && zone && !moved) {
        const next = await this.zoneAfter401(zone, ctx, callStarted, c.signal);
        if (next) {
          // Once, on the new zone, with its own attempts (still inside the read budget).
          zone = next;
          url = `${next.url}V1.0/${c.rel ?? c.path}`;
          moved = true;
          attempt = 0;
          continue;
        }
      }
      failure = { type: 'status', status: res.status, retryAfter: res.retryAfter, threadLimit: isThreadLimitText(extractErrorTexts(parseJson(res.text))) };
      // Reported as Autotask sent it; only the wait we would sleep is capped.
      const retryAfterMs = parseRetryAfter(res.retryAfter, this.now(), Number.POSITIVE_INFINITY);
      const delayMs = write || attempt >= maxAttempts || !isRetryableFailure(failure) ? null : this.timing.retryDelay(attempt, retryAfterMs, callStarted, deadline);
      if (delayMs === null) throw errorFromResponse({ ...ctx, retryAfterMs: retryAfterMs ?? undefined }, res.status, res.text);
      await this.backoff(c, attempt, delayMs, `HTTP ${res.status}`);
    }
  }

  /**
   * This attempt's request slot (none for the anonymous zone lookup), within the call's deadline:
   * not started when too little is left, and the wait gives up while enough still is.
   */
  private async slot(c: Call<unknown>, ctx: RequestContext, deadline: CallDeadline | undefined): Promise<Release> {
    const floor = this.timing.floor(ctx.write, deadline);
    if (deadline && deadline.remaining() < floor) throw notSentError(ctx, { elapsedMs: deadline.budgetMs - deadline.remaining() });
    if (c.anonymous) return noRelease;
    try {
      return await this.limiter.acquire(endpointBucket(c.path), { signal: c.signal, giveUpAt: deadline ? deadline.at - floor : undefined, write: ctx.write });
    } catch (err) {
      if (err instanceof SharedStateUnavailable) {
        // Only writes get here: reads fall back to this replica's own limiter.
        throw new AutotaskError('unavailable', WRITES_NEED_REDIS, { method: ctx.method, path: ctx.path, retryable: true, writeOutcome: 'not_sent' });
      }
      if (!(err instanceof QueueTimeout)) throw err;
      throw notSentError(ctx, { waitedMs: err.waitedMs, running: err.running, waiting: err.waiting, maxPerKey: err.maxPerKey, bucket: c.path.split('/')[0] });
    }
  }

  /**
   * A 401 from a detected zone may mean the tenant moved (django-autotask re-detects on a 401):
   * the new zone to repeat the request on, or null when the 401 stands (same zone: the
   * credentials are wrong; pinned: AUTOTASK_API_URL is the operator's word). Writes are repeated
   * too: Autotask authenticates a request before it processes it, so a 401 changed nothing and
   * the one repeat cannot duplicate a record. A read repeats only while the read budget leaves
   * room for one more attempt; a write is a single request and always gets its one repeat.
   */
  private async zoneAfter401(used: ZoneInfo, ctx: RequestContext, callStarted: number, signal?: AbortSignal): Promise<ZoneInfo | null> {
    if (this.zones.isPinned) return null;
    const fresh = await this.zones.redetect(used, signal);
    if (fresh.url === used.url) return null;
    if (!ctx.write && !this.timing.readHasRoom(callStarted, deadlineOf(signal))) {
      throw new AutotaskError(
        'unavailable',
        `Autotask moved this tenant to another zone (${fresh.zoneName || new URL(fresh.url).host}) during ${ctx.method} ${ctx.path}; it was not repeated there because the time for this call is spent. Retry it: the new zone is used from now on.`,
        { status: 401, method: ctx.method, path: ctx.path, retryable: true },
      );
    }
    return fresh;
  }

  private parseSuccess<T>(c: Call<T>, ctx: RequestContext, text: string): T {
    const body = parseJson(text);
    if (body === undefined && text.trim() !== '') throw protocolError(ctx, 'a body that is not JSON');
    try {
      return c.parse(body);
    } catch (err) {
      if (err instanceof ShapeError) throw protocolError(ctx, err.what);
      throw err;
    }
  }

  private async backoff(c: Call<unknown>, attempt: number, delayMs: number, reason: string): Promise<void> {
    this.log.info({ method: c.method, path: c.path, attempt, delayMs, reason }, 'autotask read retry');
    callEvents.getStore()?.retry?.({ method: c.method, path: redactSecrets(c.path, this.secrets), attempt, delayMs, reason });
    await this.sleep(delayMs, c.signal);
  }

  private logAttempt(c: Call<unknown>, attempt: number, started: number, status: number | null, failure?: string): void {
    // Every request passes here: skip building (and redacting) the line when debug is off.
    if (!this.log.isLevelEnabled('debug')) return;
    const line = { method: c.method, path: redactSecrets(c.path, this.secrets), status, ms: this.now() - started, attempt, ...(failure ? { failure } : {}) };
    this.log.debug(line, 'autotask request');
  }
}

function checkBody(body: unknown, entity: string): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AutotaskError('validation', `The ${String(entity).slice(0, 60)} body must be a JSON object of fields.`);
  }
}

/** Build the client from the validated configuration (credentials must be present). */
export function createAutotaskClient(config: AppConfig, logger: Logger, overrides: Partial<AutotaskClientOptions> = {}): AutotaskClient {
  const credentials = overrides.credentials ?? config.credentials;
  if (!credentials) {
    throw new AutotaskError('config', 'Autotask credentials are missing: set AUTOTASK_USERNAME, AUTOTASK_SECRET and AUTOTASK_INTEGRATION_CODE (or enable AUTOTASK_DEMO).');
  }
  return new AutotaskClient({
    apiUrl: config.apiUrl,
    zoneLookupUrl: config.zoneLookupUrl,
    timeoutMs: config.autotask.timeoutMs,
    maxRetries: config.autotask.maxRetries,
    maxConcurrencyPerEntity: config.autotask.maxConcurrencyPerEntity,
    metadataTtlMs: config.autotask.metadataTtlMs,
    budget: config.autotask.budget,
    logger,
    ...overrides,
    credentials,
  });
}
