/**
 * Runs every check against the configured tenant (or the demo tenant) with the client the server
 * uses, read-only and within REQUEST_LIMIT requests. Checks run one after another, so the doctor
 * never competes with itself for Autotask's 3 threads per endpoint.
 */
import type { Logger } from 'pino';
import type { AppConfig } from '../config/types.js';
import { createAutotaskClient } from '../autotask/client.js';
import { BudgetExhausted, BudgetedApi, REQUEST_LIMIT } from './budget.js';
import { explain } from './explain.js';
import { checkCredentialsAndUsage, checkThreads, checkVersion, checkZone } from './checks/connection.js';
import { checkFields } from './checks/fields.js';
import { checkPicklists } from './checks/picklists.js';
import { checkClosedStatuses } from './checks/closed.js';
import { checkRoles } from './checks/roles.js';
import { checkOrder } from './checks/order.js';
import { checkAttachmentRead } from './checks/attachments.js';
import { checkTimeZone } from './checks/time-zone.js';
import { fail, warn, type Check, type CheckContext, type CheckResult, type DoctorReport } from './types.js';

const CHECKS: Array<[name: string, check: Check]> = [
  ['zone', checkZone],
  ['credentials', checkCredentialsAndUsage],
  ['version', checkVersion],
  ['fields', checkFields],
  ['time zone', checkTimeZone],
  ['closed statuses', checkClosedStatuses],
  ['picklists', checkPicklists],
  ['roles', checkRoles],
  ['order', checkOrder],
  ['attachments', checkAttachmentRead],
];

export interface DoctorOptions {
  logger: Logger;
  /** Request budget (tests lower it); at most REQUEST_LIMIT. */
  limit?: number;
}

export async function runDoctor(config: AppConfig, opts: DoctorOptions): Promise<DoctorReport> {
  const mode = config.demo ? 'demo' : 'live';
  const tenant = config.demo ? await import('../demo/tenant.js').then(({ liveDemoNow, startDemoTenant }) => startDemoTenant({ logger: opts.logger, seed: { now: liveDemoNow() }, realClock: true })) : null;
  // No retries: each call is one request, so the budget is exact and a throttled request shows.
  const overrides = { maxRetries: 0 };
  const effective = tenant ? { ...config, credentials: tenant.credentials, apiUrl: tenant.apiUrl } : config;
  const client = createAutotaskClient(effective, opts.logger, overrides);
  const lookup = !tenant && config.apiUrl ? createAutotaskClient({ ...config, apiUrl: null }, opts.logger, overrides) : null;
  const api = new BudgetedApi(client, lookup, Math.min(opts.limit ?? REQUEST_LIMIT, REQUEST_LIMIT));
  const checks: CheckResult[] = [];
  const ctx: CheckContext = { api, config: effective, mode, emit: (r) => void checks.push(r), ids: new Map() };
  try {
    for (const [name, check] of CHECKS) {
      let outcome: 'stop' | void;
      try {
        outcome = await check(ctx);
      } catch (err) {
        if (err instanceof BudgetExhausted) {
          checks.push(warn('budget', `Stopped at the ${name} checks: ${err.message}; the rest was not checked.`, 'Leave tool areas you do not use out of AUTOTASK_TOOLSETS, or report this line.'));
          break;
        }
        checks.push(fail(`internal.${name.replace(/\s+/g, '-')}`, `the ${name} checks stopped on an unexpected error: ${explain(err)}`, 'Report this line; the other checks still ran.'));
        continue;
      }
      if (outcome === 'stop') break;
    }
    if (checks.some((c) => c.id === 'credentials' && c.status === 'pass')) await checkThreads(ctx);
  } finally {
    client.close();
    lookup?.close();
    await tenant?.fake.close();
  }
  const summary = { pass: 0, warn: 0, fail: 0 };
  for (const c of checks) summary[c.status] += 1;
  return {
    version: config.version,
    mode,
    readOnly: config.readOnly,
    toolsets: [...config.toolsets],
    checks,
    requests: api.used,
    requestLimit: api.limit,
    summary,
    exitCode: summary.fail > 0 ? 1 : 0,
  };
}
