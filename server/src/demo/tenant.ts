/**
 * Starts the demo tenant: the strict fake Autotask on a loopback ephemeral port, seeded with the
 * demo dataset, and random per-process credentials so nothing outside this process can use it.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { AutotaskCredentials } from '../config/types.js';
import { startFakeAutotask } from '../fake/server.js';
import type { FakeAutotask } from '../fake/types.js';
import { buildDemoSeed, type DemoSeedOptions } from './seed.js';

export interface DemoTenant {
  fake: FakeAutotask;
  credentials: AutotaskCredentials;
  /** REST base, as zoneInformation would return it (`http://127.0.0.1:PORT/ATServicesRest/`). */
  apiUrl: string;
}

export interface DemoTenantOptions {
  logger?: Logger;
  /** Dataset options (scale, seed, now); the defaults give the standard demo tenant. */
  seed?: DemoSeedOptions;
  /** Stamp what users write with the real clock, not the seed's fixed "now" (see liveDemoNow). */
  realClock?: boolean;
}

/**
 * "Now" for a demo tenant people use (the server's and doctor's demo mode): the start of the
 * current hour, so the demo's newest tickets are from the last hours, as on a working tenant,
 * and newest-first searches find them in their first window. Tests keep the fixed DEMO_NOW.
 */
export function liveDemoNow(at: number = Date.now()): string {
  return new Date(Math.floor(at / 3_600_000) * 3_600_000).toISOString();
}

export function demoCredentials(): AutotaskCredentials {
  return {
    integrationCode: randomBytes(18).toString('base64url').toUpperCase(),
    username: `demo-${randomBytes(4).toString('hex')}@demo-tenant.invalid`,
    secret: randomBytes(24).toString('base64url'),
  };
}

export async function startDemoTenant(opts: DemoTenantOptions = {}): Promise<DemoTenant> {
  const credentials = demoCredentials();
  const seed = buildDemoSeed(opts.seed);
  const fake = await startFakeAutotask({ credentials, seed, host: '127.0.0.1', port: 0, realClock: opts.realClock });
  const counts = Object.fromEntries(['Companies', 'Contacts', 'Resources', 'Tickets', 'TimeEntries'].map((e) => [e, (seed.records as Partial<Record<string, unknown[]>>)[e]?.length ?? 0]));
  // Never log the credentials; they exist only to satisfy the client's auth path.
  opts.logger?.info({ demo: true, apiUrl: fake.restBase, records: counts }, 'demo tenant started: in-memory fake Autotask, no real data');
  return { fake, credentials, apiUrl: fake.restBase };
}
