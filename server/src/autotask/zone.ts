/**
 * Zone detection: which Autotask datacentre serves the API user. Pinned by AUTOTASK_API_URL or
 * asked from zoneInformation (unauthenticated), then cached until a 401 suggests the tenant moved
 * (redetect). Nothing is contacted until the first call needs the zone, so a network blip at boot
 * cannot crash the process.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import { DEFAULT_ZONE_LOOKUP_URL, isLoopbackUrl, isSafeTransportUrl } from '../config/config.js';
import { SingleFlightCache } from './cache.js';
import { AutotaskError } from './errors.js';
import type { ZoneInfo } from './types.js';

/** Where a redirect from `from` to `location` leads (hop counts from 1); throws to refuse it. */
export type RedirectPolicy = (from: string, location: string, hop: number) => string;

/**
 * Fetch JSON from an absolute URL without credentials (retried as a read, not limited), following
 * redirects as `redirect` allows; `logPath` is what errors show.
 */
export type ZoneFetch = (url: string, logPath: string, redirect: RedirectPolicy, signal?: AbortSignal) => Promise<unknown>;

export const MAX_ZONE_REDIRECTS = 3;
/**
 * Autotask's API hosts: webservices.autotask.net (the lookup) and webservicesN.autotask.net per
 * zone, as every source we have names them (the official zones page was not among them).
 */
const AUTOTASK_API_HOST = /^webservices\d{0,3}\.autotask\.net$/i;

/**
 * The zone lookup may be redirected (peer clients follow redirects; whether Autotask does it is
 * unverified), but only to an https Autotask API host on the default port, or to loopback when the
 * configured lookup is itself on loopback (the fake, the demo tenant); at most MAX_ZONE_REDIRECTS
 * hops. The lookup carries no credentials, only the username in its query string.
 */
export function zoneRedirectTarget(zoneLookupUrl: string, from: string, location: string, hop: number): string {
  const refuse = (why: string) =>
    new AutotaskError(
      'protocol',
      `The zone lookup (GET zoneInformation) was redirected ${why}, so it was not followed: only https Autotask API hosts (webservices*.autotask.net) are. Check AUTOTASK_ZONE_LOOKUP_URL (default ${DEFAULT_ZONE_LOOKUP_URL}) or pin your zone's REST base with AUTOTASK_API_URL.`,
      { method: 'GET', path: 'zoneInformation' },
    );
  if (hop > MAX_ZONE_REDIRECTS) throw refuse(`more than ${MAX_ZONE_REDIRECTS} times`);
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw refuse('to an address that is not a URL');
  }
  if (target.username || target.password) throw refuse('to an address with embedded credentials');
  const autotask = target.protocol === 'https:' && target.port === '' && AUTOTASK_API_HOST.test(target.hostname);
  const loopback = isLoopbackUrl(new URL(zoneLookupUrl)) && isLoopbackUrl(target) && isSafeTransportUrl(target);
  if (!autotask && !loopback) throw refuse(`to ${`${target.protocol}//${target.host}`.slice(0, 120)}`);
  return target.href;
}

const zoneSchema = z.looseObject({
  zoneName: z.string().optional(),
  url: z.url({ protocol: /^https?$/ }),
  webUrl: z.string().optional(),
  ci: z.number().optional(),
});

/** Ensure a trailing slash; a pasted ".../V1.0/" suffix is dropped because we append it ourselves. */
export function normaliseRestBase(url: string): string {
  let u = url.trim();
  if (!u.endsWith('/')) u += '/';
  u = u.replace(/v1\.0\/$/i, '');
  return u;
}

export function zoneLookupTarget(zoneLookupUrl: string, username: string): string {
  return `${normaliseRestBase(zoneLookupUrl)}V1.0/zoneInformation?user=${encodeURIComponent(username)}`;
}

/** PascalCase keys (ZoneName, Url, WebUrl, CI) appear in the older Swagger; accept both. */
function camelKeys(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    const lower = k.toLowerCase();
    const key = lower === 'zonename' ? 'zoneName' : lower === 'weburl' ? 'webUrl' : lower === 'url' ? 'url' : lower === 'ci' ? 'ci' : k;
    out[key] = v;
  }
  return out;
}

export class ZoneResolver {
  private readonly cache = new SingleFlightCache<ZoneInfo>(Number.POSITIVE_INFINITY);
  private readonly pinned: ZoneInfo | null;

  constructor(
    private readonly opts: { apiUrl: string | null | undefined; zoneLookupUrl: string; username: string; fetch: ZoneFetch; logger?: Logger },
  ) {
    this.pinned = opts.apiUrl ? { zoneName: 'pinned', url: normaliseRestBase(opts.apiUrl), webUrl: '', ci: 0 } : null;
  }

  get isPinned(): boolean {
    return this.pinned !== null;
  }

  /**
   * The REST base (ends in "/ATServicesRest/"-style slash, without V1.0/). With `maxWaitMs` (a
   * call's deadline) the caller stops waiting for a detection after that long; the detection
   * goes on for the others.
   */
  async resolve(signal?: AbortSignal, maxWaitMs?: number): Promise<ZoneInfo> {
    if (this.pinned) return this.pinned;
    const hit = this.cache.peek('zone');
    if (hit || maxWaitMs === undefined) return hit ?? this.cache.get('zone', () => this.detect(), signal);
    const gaveUp = new AbortController();
    const onAbort = (): void => gaveUp.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => gaveUp.abort(zoneTooSlow()), Math.max(0, maxWaitMs));
    try {
      return await this.cache.get('zone', () => this.detect(), signal?.aborted ? signal : gaveUp.signal);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Cached zone without contacting anybody (null until detected). */
  cached(): ZoneInfo | null {
    return this.pinned ?? this.cache.peek('zone') ?? null;
  }

  /** Forget a detected zone (the tenant moved: redetect below); the next call detects again. */
  private invalidate(): void {
    this.cache.clear();
  }

  /**
   * After a 401 from `used`: detect the zone again. Single-flight: every caller that saw the same
   * zone shares one lookup, and a caller whose zone was already replaced gets the replacement
   * without a lookup. A pinned zone is never re-detected.
   */
  redetect(used: ZoneInfo, signal?: AbortSignal): Promise<ZoneInfo> {
    if (this.pinned) return Promise.resolve(this.pinned);
    const current = this.cache.peek('zone');
    if (current && current !== used) return Promise.resolve(current);
    if (current === used) this.invalidate();
    return this.cache.get(
      'zone',
      async () => {
        const fresh = await this.detect();
        // REST bases carry no credentials; the username stays out (it is in the lookup query).
        if (fresh.url !== used.url) this.opts.logger?.info({ from: used.url, to: fresh.url, zoneName: fresh.zoneName }, 'autotask zone moved');
        return fresh;
      },
      signal,
    );
  }

  private async detect(): Promise<ZoneInfo> {
    const url = zoneLookupTarget(this.opts.zoneLookupUrl, this.opts.username);
    // Shared by every waiting caller, so it runs without any one caller's signal.
    const redirect: RedirectPolicy = (from, location, hop) => zoneRedirectTarget(this.opts.zoneLookupUrl, from, location, hop);
    const body = await this.opts.fetch(url, 'zoneInformation', redirect);
    const parsed = zoneSchema.safeParse(camelKeys(body));
    if (!parsed.success) {
      throw new AutotaskError(
        'protocol',
        'Autotask answered GET zoneInformation without a usable REST url, so the zone of the API user is unknown. Set AUTOTASK_API_URL to pin the REST base, or retry later.',
        { status: 200, method: 'GET', path: 'zoneInformation' },
      );
    }
    const z0 = parsed.data;
    if (!isSafeTransportUrl(new URL(z0.url))) {
      throw new AutotaskError(
        'protocol',
        'Autotask answered GET zoneInformation with a REST url that is not https, so the credentials were not sent there. Set AUTOTASK_API_URL to pin the https REST base of your zone.',
        { status: 200, method: 'GET', path: 'zoneInformation' },
      );
    }
    return { zoneName: z0.zoneName ?? '', url: normaliseRestBase(z0.url), webUrl: z0.webUrl ?? '', ci: z0.ci ?? 0 };
  }
}

function zoneTooSlow(): AutotaskError {
  return new AutotaskError(
    'unavailable',
    "Autotask's zone lookup (GET zoneInformation, which finds the REST URL of the API user) did not answer within this call's time limit, so nothing was sent. Retry in a minute; if it persists, pin the zone with AUTOTASK_API_URL.",
    { method: 'GET', path: 'zoneInformation', retryable: true },
  );
}
