/**
 * Composition root: turns a validated config into the dependencies every MCP session shares
 * (Autotask client, confirmation service, name resolver; with REDIS_URL the state replicas share).
 * Start-up never contacts Autotask: zone detection and the credential check happen on first use
 * (see /ready and tool errors).
 */
import type { Logger } from 'pino';
import type { AppConfig } from './config/types.js';
import type { ServerDeps } from './mcp/server.js';
import { ConfirmationService } from './tools/confirm.js';
import { createAutotaskClient } from './autotask/client.js';
import { createNameResolver } from './tools/enrich.js';
import { createAuditLog } from './logging/audit.js';
import { stderrDestination, type LogDestination } from './logging/logger.js';
import { createScrubber } from './logging/scrub.js';
import { secretValues } from './config/config.js';
import { startSharedState } from './state/index.js';

export interface AppContext {
  deps: ServerDeps;
  /** Reopen MCP_AUDIT_FILE (SIGHUP, after logrotate). */
  reopenAudit(): void;
  /** Releases what the context started (the demo tenant). Idempotent. */
  close(): Promise<void>;
}

export interface AppContextOptions {
  /** Where audit lines go besides MCP_AUDIT_FILE (default: stderr, like the logs). */
  auditDestination?: LogDestination;
}

export async function createAppContext(config: AppConfig, logger: Logger, opts: AppContextOptions = {}): Promise<AppContext> {
  const audit = createAuditLog({
    destination: opts.auditDestination ?? stderrDestination(),
    file: config.auditFile,
    scrub: createScrubber(secretValues(config)),
    onFileError: (err) => logger.error({ err: { name: err.name, message: err.message } }, 'audit file write failed; audit lines still go to stderr'),
  });
  let effective = config;
  let closeTenant: (() => Promise<void>) | null = null;

  if (config.demo) {
    // Loaded only in demo mode: a live server never holds the demo tenant or the fake's code.
    const { liveDemoNow, startDemoTenant } = await import('./demo/tenant.js');
    const tenant = await startDemoTenant({ logger, seed: { now: liveDemoNow() }, realClock: true });
    closeTenant = () => tenant.fake.close();
    effective = { ...config, credentials: tenant.credentials, apiUrl: tenant.apiUrl };
    logger.warn(
      { mode: 'demo', apiUrl: tenant.apiUrl, readOnly: config.readOnly },
      'DEMO MODE: serving the built-in demo tenant (fictitious data, in memory; writes are lost on restart). This is NOT a real Autotask PSA.',
    );
  } else {
    logger.info(
      { mode: 'live', apiUrl: config.apiUrl ?? `auto-detected via ${config.zoneLookupUrl}`, readOnly: config.readOnly, toolsets: config.toolsets },
      'live mode: Autotask is contacted on first use (check /ready for credentials and reachability)',
    );
  }

  // REDIS_URL: replicas share Autotask's limits and the confirmations (src/state/).
  const shared = await startSharedState(effective, config.demo ? null : effective.credentials, logger);
  const api = createAutotaskClient(effective, logger, shared?.client);
  const deps: ServerDeps = {
    mode: config.demo ? 'demo' : 'live',
    api,
    config: effective,
    logger,
    names: createNameResolver(api, { logger }),
    confirmations: new ConfirmationService(undefined, undefined, undefined, shared?.confirmStore),
    audit,
  };

  let closed: Promise<void> | null = null;
  return {
    deps,
    reopenAudit: () => audit.reopen(),
    close: () =>
      (closed ??= (async () => {
        await Promise.all([closeTenant?.(), shared?.close()]);
        audit.close();
      })()),
  };
}
