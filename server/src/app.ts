/**
 * Composition root: turns a validated config into the dependencies every MCP session shares
 * (Autotask client, confirmation service, name resolver). Start-up never contacts Autotask:
 * zone detection and the credential check happen on first use (see /ready and tool errors).
 */
import type { Logger } from 'pino';
import type { AppConfig } from './config/types.js';
import type { ServerDeps } from './mcp/server.js';
import { ConfirmationService } from './tools/confirm.js';
import { createAutotaskClient } from './autotask/client.js';
import { createNameResolver } from './tools/enrich.js';
import { liveDemoNow, startDemoTenant } from './demo/tenant.js';

export interface AppContext {
  deps: ServerDeps;
  /** Releases what the context started (the demo tenant). Idempotent. */
  close(): Promise<void>;
}

export async function createAppContext(config: AppConfig, logger: Logger): Promise<AppContext> {
  let effective = config;
  let closeTenant: (() => Promise<void>) | null = null;

  if (config.demo) {
    const tenant = await startDemoTenant({ logger, seed: { now: liveDemoNow() } });
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

  const api = createAutotaskClient(effective, logger);
  const deps: ServerDeps = {
    mode: config.demo ? 'demo' : 'live',
    api,
    config: effective,
    logger,
    names: createNameResolver(api, { logger }),
    confirmations: new ConfirmationService(),
  };

  let closed: Promise<void> | null = null;
  return {
    deps,
    close: () => (closed ??= closeTenant ? closeTenant() : Promise.resolve()),
  };
}
