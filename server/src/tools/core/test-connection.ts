/**
 * test_connection: proves the whole path to Autotask works (zone, credentials, API) and says what
 * this server is (demo or live, read-only or not). On failure it names the step that failed and
 * what the operator should check. Credentials never appear: only the zone's public URLs are shown.
 */
import { defineReadTool } from '../types.js';
import { errorResult, errorToResult, structuredResult } from '../results.js';
import { renderUsage, summariseUsage } from './api-usage.js';
import { tenantZone } from '../tenant-zone.js';

type Step = 'zone' | 'version' | 'usage' | 'timeZone';

const STEP_TEXT: Record<Step, string> = {
  zone: 'finding the Autotask zone (REST base URL) for the API user',
  version: 'making an authenticated request (GET Version)',
  usage: 'reading the API usage (GET ThresholdInformation)',
  timeZone: 'reading the tenant\'s time zone (its default InternalLocations record)',
};

/** What to check, by failing step and error kind, beyond the generic hint for the error kind. */
function checks(step: Step, kind: string | undefined): string {
  if (kind === 'auth') return 'Check: the API user is active and of type "API User"; AUTOTASK_USERNAME, AUTOTASK_SECRET and AUTOTASK_INTEGRATION_CODE belong together (the integration code is the API tracking identifier).';
  if (step === 'zone' && (kind === 'config' || kind === 'validation' || kind === 'not_found'))
    return 'Check: AUTOTASK_USERNAME is the API user\'s exact e-mail (zone lookup uses it), or pin the zone with AUTOTASK_API_URL.';
  if (kind === 'unavailable') return 'Check: the server can reach Autotask over HTTPS (DNS, proxy, firewall/egress rules); then retry.';
  if (kind === 'forbidden') return 'Check: the API user\'s security level allows API access.';
  return '';
}

export const testConnection = defineReadTool({
  name: 'test_connection',
  title: 'Test the Autotask connection',
  description: 'Checks that Autotask is reachable with these credentials; shows zone, version, API usage, demo or live, read-only, time zone. Call it first when anything fails, or to name the tenant.',
  toolset: 'core',
  input: {},
  async handler(_args, ctx) {
    const opts = { signal: ctx.signal };
    let step: Step = 'zone';
    try {
      const zone = await ctx.api.zone(opts);
      step = 'version';
      const version = await ctx.api.version(opts);
      step = 'usage';
      const usage = summariseUsage(await ctx.api.threshold(opts));
      step = 'timeZone';
      const timeZone = await tenantZone(ctx);
      const mode = ctx.config.demo ? 'demo' : 'live';
      const structured = {
        status: 'ok' as const,
        mode,
        readOnly: ctx.config.readOnly,
        zone: { name: zone.zoneName, restBaseUrl: zone.url, webUrl: zone.webUrl },
        autotaskVersion: version,
        apiUsage: usage,
        toolsets: [...ctx.config.toolsets],
        timeZone,
      };
      const versionText = Object.values(version).filter((v) => typeof v === 'string' || typeof v === 'number').join('.') || 'unknown';
      const text = [
        `Connected to Autotask${mode === 'demo' ? ' DEMO tenant (fictitious data, not a real PSA)' : ''}: zone "${zone.zoneName}" at ${zone.url}; Autotask version ${versionText}.`,
        ctx.config.readOnly ? 'Server is READ-ONLY: no write tools are available.' : 'Writes are enabled (each one needs the user\'s confirmation).',
        renderUsage(usage),
        `Time zone: ${timeZone.name} (${timeZone.detail}). Dates without an offset are read in it; times in text results are shown in it.`,
      ].join('\n');
      return structuredResult(structured, text);
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      const base = errorToResult(err);
      const detail = base.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
      const kind = (err as { kind?: string }).kind;
      return errorResult([`Connection test failed while ${STEP_TEXT[step]}.`, detail, checks(step, kind)].filter(Boolean).join('\n'));
    }
  },
});
