/**
 * What a start-up loads. A live server never needs the demo tenant, the fake Autotask behind it
 * or ioredis (without REDIS_URL): imported eagerly they cost several MB of RSS for nothing.
 * The demo-mode start is the control: the same log does show the demo tenant when it is used.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, spawnServer, type SpawnedServer } from '../helpers/spawn.js';

const dir = mkdtempSync(join(tmpdir(), 'startup-modules-'));
const started: SpawnedServer[] = [];
afterAll(() => {
  for (const s of started) s.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** The src/ and node_modules/ modules loaded until the server listens, as paths below server/. */
async function modulesAtStartUp(name: string, extra: Record<string, string>): Promise<string[]> {
  const file = join(dir, `${name}.txt`);
  const env = childEnv('http://127.0.0.1:9/ATServicesRest/', { MODULE_LOG: file, MCP_HTTP_HOST: '127.0.0.1', MCP_HTTP_PORT: '0', LOG_LEVEL: 'info', ...extra });
  const server = spawnServer(env, ['--import', './test/helpers/module-log.mjs']);
  started.push(server);
  await server.waitForLog((e) => e.msg === 'MCP server listening' || e.msg === 'DEMO MODE: MCP server listening', 30_000);
  server.kill();
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((url) => {
      const m = /\/server\/((?:src|node_modules)\/.*)$/.exec(url);
      return m ? [m[1]] : [];
    });
}

describe('start-up modules', () => {
  it('live mode loads neither the demo tenant, the fake nor ioredis', async () => {
    const live = await modulesAtStartUp('live', {});
    expect(live).toContain('src/app.ts'); // the log works
    expect(live).toContain('src/catalogue/index.ts');
    expect(live.filter((m) => m.startsWith('src/demo/') || m.startsWith('src/fake/'))).toEqual([]);
    expect(live.filter((m) => m.startsWith('node_modules/ioredis/') || m.startsWith('src/state/redis'))).toEqual([]);
  }, 60_000);

  it('demo mode loads the demo tenant (the control: the log sees it when it is used)', async () => {
    const demo = await modulesAtStartUp('demo', { AUTOTASK_DEMO: 'true' });
    expect(demo).toContain('src/demo/tenant.ts');
    expect(demo).toContain('src/fake/server.ts');
  }, 60_000);
});
