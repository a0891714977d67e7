/**
 * Which time zone dates mean for this tenant, and where that came from:
 *   1. AUTOTASK_TIME_ZONE (an IANA name), when set;
 *   2. else the tenant's own: the timeZone of its default internal location. The official
 *      InternalLocations page: every resource belongs to a location whose time zone "is applied to
 *      the resource's time entries and schedules", and timeZone "returns the Microsoft Time Zone
 *      Index value" (./windows-zones.ts maps it); the admin help: every tenant starts with a
 *      default location, "Headquarters";
 *   3. else UTC, saying why.
 * Read once per Autotask client and kept for the metadata TTL; a lookup that fails because
 * Autotask is unreachable is not kept (the next call asks again).
 */
import type { AutotaskApi } from '../autotask/types.js';
import { isAutotaskError } from '../autotask/errors.js';
import type { ToolContext } from './types.js';
import { UTC, isKnownZone } from './dates.js';
import { ianaForWindowsZone } from './windows-zones.js';

export type ZoneSource = 'configured' | 'tenant' | 'default';

export interface TenantZone {
  /** IANA name, e.g. "Asia/Kolkata". */
  name: string;
  source: ZoneSource;
  /** Where it came from, in words for test_connection. */
  detail: string;
}

type Ctx = Pick<ToolContext, 'config' | 'logger'> & { api: Pick<AutotaskApi, 'query'> };

interface Entry {
  zone: Promise<TenantZone>;
  at: number;
}

const cache = new WeakMap<object, Entry>();

/** Kinds of failure that say "this API user cannot read locations", not "Autotask is down". */
const UNREADABLE = new Set(['forbidden', 'validation', 'not_found']);

function fallback(why: string): TenantZone {
  return { name: UTC, source: 'default', detail: `default UTC: ${why}; set AUTOTASK_TIME_ZONE to the tenant's IANA zone (e.g. Europe/Berlin)` };
}

async function readTenantZone(api: Pick<AutotaskApi, 'query'>): Promise<TenantZone> {
  let items;
  try {
    ({ items } = await api.query('InternalLocations', { filter: [{ op: 'gte', field: 'id', value: 0 }], includeFields: ['id', 'isDefault', 'timeZone'], maxRecords: 500 }));
  } catch (err) {
    if (isAutotaskError(err) && UNREADABLE.has(err.kind)) return fallback(`InternalLocations could not be read (${err.kind}: ${err.message})`);
    throw err;
  }
  const defaults = items.filter((l) => l.isDefault === true);
  const location = defaults.length === 1 ? defaults[0] : items.length === 1 ? items[0] : undefined;
  if (!location) return fallback(items.length ? `the tenant has ${items.length} internal locations and ${defaults.length} marked default` : 'the tenant has no internal location');
  const raw = typeof location.timeZone === 'string' || typeof location.timeZone === 'number' ? String(location.timeZone) : '';
  const mapped = raw ? ianaForWindowsZone(raw) : null;
  if (mapped && isKnownZone(mapped.iana)) {
    return { name: mapped.iana, source: 'tenant', detail: `read from the tenant: internal location ${location.id} (default), timeZone ${raw} = ${mapped.windows}` };
  }
  if (raw && /\//.test(raw) && isKnownZone(raw)) return { name: raw, source: 'tenant', detail: `read from the tenant: internal location ${location.id} (default), timeZone ${raw}` };
  return fallback(`internal location ${location.id} has ${raw ? `timeZone "${raw.slice(0, 40)}", which is not a known Microsoft time zone index` : 'no timeZone'}`);
}

/** The tenant's time zone (cached per Autotask client). Throws only when Autotask cannot be reached. */
export async function tenantZone(ctx: Ctx): Promise<TenantZone> {
  if (ctx.config.timeZone) return { name: ctx.config.timeZone, source: 'configured', detail: 'configured with AUTOTASK_TIME_ZONE' };
  const ttl = ctx.config.autotask.metadataTtlMs;
  const hit = cache.get(ctx.api);
  if (hit && Date.now() - hit.at < ttl) return hit.zone;
  // One lookup shared by concurrent callers; not tied to one caller's abort signal.
  const zone = readTenantZone(ctx.api);
  const entry = { zone, at: Date.now() };
  cache.set(ctx.api, entry);
  try {
    const z = await zone;
    ctx.logger.info({ timeZone: z.name, source: z.source }, `tenant time zone: ${z.detail}`);
    return z;
  } catch (err) {
    if (cache.get(ctx.api) === entry) cache.delete(ctx.api);
    throw err;
  }
}

/** The IANA name only, for handlers that convert or render dates. */
export async function zoneOf(ctx: Ctx): Promise<string> {
  return (await tenantZone(ctx)).name;
}
