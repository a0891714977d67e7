/**
 * Zone, credentials, request budget, version and thread headroom: the path every tool takes.
 * A failed zone or credential check stops the run (nothing after it could work).
 */
import { summariseUsage, renderUsage } from '../../tools/core/api-usage.js';
import { isAutotaskError } from '../../autotask/errors.js';
import type { ThresholdInfo, ZoneInfo } from '../../autotask/types.js';
import { normaliseRestBase } from '../../autotask/zone.js';
import { REQUEST_LIMIT } from '../budget.js';
import { commonFix, explain, kindOf, rethrowBudget } from '../explain.js';
import { fail, pass, warn, type Check } from '../types.js';

const PIN_FIX = "Pin your zone's REST base in .env: AUTOTASK_API_URL=https://webservicesN.autotask.net/ATServicesRest/ with N your zone's number.";

function zoneFailFix(err: unknown): string {
  const status = isAutotaskError(err) ? err.status : undefined;
  // The zone lookup follows redirects only to Autotask API hosts (autotask/zone.ts); whether it redirects at all is unverified.
  if (status !== undefined && status >= 300 && status < 400) return `The zone lookup answered a redirect (HTTP ${status}) that was not followed. ${PIN_FIX}`;
  if (kindOf(err) === 'auth' || kindOf(err) === 'not_found') return `AUTOTASK_USERNAME must be the API user's exact user name: the zone lookup finds the zone by it. Or: ${PIN_FIX}`;
  return `${commonFix(err) ?? 'Check outbound HTTPS to the zone lookup (AUTOTASK_ZONE_LOOKUP_URL).'} Or: ${PIN_FIX}`;
}

export const checkZone: Check = async ({ api, config, mode, emit }) => {
  if (mode === 'demo') {
    const z = await api.zone();
    emit(pass('zone', `demo tenant (built-in fake Autotask with fictitious data, not a real PSA) at ${z.url}`, { source: 'demo', url: z.url }));
    return;
  }
  if (config.apiUrl) {
    const pinned = normaliseRestBase(config.apiUrl);
    let looked: ZoneInfo;
    try {
      looked = await api.lookupZone();
    } catch (err) {
      rethrowBudget(err);
      emit(pass('zone', `pinned by AUTOTASK_API_URL: ${pinned} (the zone lookup could not be asked to compare: ${explain(err)})`, { source: 'pinned', url: pinned }));
      return;
    }
    if (looked.url.toLowerCase() !== pinned.toLowerCase()) {
      emit(
        warn('zone', `AUTOTASK_API_URL pins ${pinned}, but the zone lookup puts this API user in zone "${looked.zoneName}" at ${looked.url}.`, `Set AUTOTASK_API_URL=${looked.url} in .env, or remove it so the zone is detected.`, {
          source: 'pinned',
          url: pinned,
          detected: looked.url,
        }),
      );
      return;
    }
    emit(pass('zone', `pinned by AUTOTASK_API_URL: ${pinned}; the zone lookup agrees (zone "${looked.zoneName}")`, { source: 'pinned', url: pinned, zoneName: looked.zoneName }));
    return;
  }
  try {
    const z = await api.zone();
    emit(pass('zone', `detected zone "${z.zoneName}" for the API user: ${z.url}`, { source: 'detected', url: z.url, zoneName: z.zoneName }));
  } catch (err) {
    rethrowBudget(err);
    emit(fail('zone', `the zone of the API user could not be found: ${explain(err)}`, zoneFailFix(err)));
    return 'stop';
  }
};

/** The first authenticated call is ThresholdInformation: it proves the credentials and shows the hourly budget. */
export const checkCredentialsAndUsage: Check = async ({ api, emit }) => {
  let t: ThresholdInfo;
  try {
    t = await api.threshold();
  } catch (err) {
    rethrowBudget(err);
    emit(fail('credentials', `GET ThresholdInformation failed: ${explain(err)}`, commonFix(err) ?? 'Check AUTOTASK_API_URL (the REST base ending in /ATServicesRest/) and the credentials in .env.'));
    return 'stop';
  }
  emit(pass('credentials', 'Autotask accepted the API user (authenticated GET ThresholdInformation).'));
  const usage = summariseUsage(t);
  const details = { used: usage.used, limit: usage.limit, percentUsed: usage.percentUsed, windowMinutes: usage.windowMinutes };
  const line = renderUsage(usage).replace(/^API usage: /, '');
  if (usage.latencyTier === 'suspended') {
    emit(fail('api.usage', line, 'Wait until the rolling window frees up, and find which integration or script uses up the budget.', details));
    return 'stop';
  }
  if (usage.remaining < REQUEST_LIMIT) {
    emit(warn('api.usage', `${line} Only ${usage.remaining} requests are left, so the doctor stopped here.`, 'Run the doctor again when the hourly window has freed up.', details));
    return 'stop';
  }
  if (usage.latencyTier !== 'none') {
    emit(warn('api.usage', line, 'Reduce what other integrations and scripts request, or wait: from 50% on Autotask slows every request of the tenant.', details));
  } else {
    emit(pass('api.usage', line.replace(usage.advice, '').trim(), details));
  }
};

export const checkVersion: Check = async ({ api, emit }) => {
  try {
    const v = await api.version();
    const text = Object.values(v).filter((x) => typeof x === 'string' || typeof x === 'number').join('.') || 'unknown';
    emit(pass('version', `Autotask version ${text.slice(0, 80)} (GET Version, as test_connection shows it)`, { version: v }));
  } catch (err) {
    rethrowBudget(err);
    emit(warn('version', `GET Version failed: ${explain(err)}`, 'Only test_connection uses Version; it will report this error too.'));
  }
};

/** Runs last: whether any request of this run met Autotask's thread or rate limit. */
export const checkThreads: Check = async ({ api, config, emit }) => {
  const per = config.autotask.maxConcurrencyPerEntity;
  const base = `the server sends at most ${per} concurrent request(s) per endpoint; Autotask allows 3 per integration code and endpoint, shared by every process using the code`;
  const details = { throttled: api.throttled, maxConcurrencyPerEntity: per };
  if (api.throttled > 0) {
    emit(
      warn('api.threads', `${api.throttled} of this run's one-at-a-time requests were refused by Autotask's thread or rate limit; ${base}.`, 'Another process uses this integration code heavily (a second server or replica, a script, another integration): give each its own integration code, or lower AUTOTASK_MAX_CONCURRENCY.', details),
    );
    return;
  }
  emit(pass('api.threads', `no request was throttled; ${base}.`, details));
};
