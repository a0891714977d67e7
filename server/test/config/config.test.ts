import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_ZONE_LOOKUP_URL, loadConfig, parseByteSize } from '../../src/config/config.js';
import { TOOLSET_NAMES } from '../../src/config/types.js';
import { DEFAULT_TOOLSETS } from '../../src/config/toolsets.js';

const SECRET = 'CFG-SENTINEL-SECRET-91f0';
const CODE = 'CFG-SENTINEL-CODE-77aa';
const TOKEN = 'CFG-SENTINEL-TOKEN-0123456789';
const creds = { AUTOTASK_INTEGRATION_CODE: CODE, AUTOTASK_USERNAME: 'api@example.test', AUTOTASK_SECRET: SECRET };

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig(creds);
    expect(c).toMatchObject({
      demo: false,
      nodeEnv: 'development',
      credentials: { integrationCode: CODE, username: 'api@example.test', secret: SECRET },
      apiUrl: null,
      zoneLookupUrl: DEFAULT_ZONE_LOOKUP_URL,
      readOnly: false,
      toolsets: [...TOOLSET_NAMES],
      initialToolsets: [...DEFAULT_TOOLSETS],
      dynamicToolsets: true,
      log: { level: 'info', format: 'simple' },
      transport: 'http',
      http: { host: '127.0.0.1', port: 8080, authToken: null, allowedHosts: [], allowedOrigins: [], sessionIdleTtlMs: 1_800_000, maxSessions: 100, bodyLimit: '8mb' },
    });
    expect(c.autotask.maxConcurrencyPerEntity).toBe(3);
    expect(c.autotask.timeoutMs).toBeGreaterThan(0);
    expect(c.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('defaults LOG_FORMAT to json in production', () => {
    expect(loadConfig({ ...creds, NODE_ENV: 'production' }).log.format).toBe('json');
  });

  it('reads every setting', () => {
    const c = loadConfig({
      ...creds,
      AUTOTASK_API_URL: 'https://webservices5.autotask.net/ATServicesRest',
      LOG_LEVEL: 'DEBUG',
      LOG_FORMAT: 'json',
      MCP_TRANSPORT: 'stdio',
      MCP_HTTP_HOST: '0.0.0.0',
      MCP_HTTP_PORT: '9090',
      MCP_AUTH_TOKEN: TOKEN,
      MCP_ALLOWED_HOSTS: 'autotask-mcp, proxy.local:8443 ,',
      MCP_ALLOWED_ORIGINS: 'https://app.example.com',
      MCP_SESSION_IDLE_TTL_SECONDS: '60',
      MCP_MAX_SESSIONS: '5',
      AUTOTASK_READ_ONLY: 'Yes',
      AUTOTASK_TOOLSETS: 'tickets, Core',
      MCP_BODY_LIMIT: '2MB',
    });
    expect(c.apiUrl).toBe('https://webservices5.autotask.net/ATServicesRest/');
    expect(c.log).toEqual({ level: 'debug', format: 'json' });
    expect(c.transport).toBe('stdio');
    expect(c.http).toMatchObject({ host: '0.0.0.0', port: 9090, authToken: TOKEN, allowedHosts: ['autotask-mcp', 'proxy.local:8443'], allowedOrigins: ['https://app.example.com'], sessionIdleTtlMs: 60_000, maxSessions: 5, bodyLimit: '2mb' });
    expect(c.readOnly).toBe(true);
    expect(c.toolsets).toEqual(['core', 'tickets']);
    expect(c.initialToolsets).toEqual(['core', 'tickets']);
    expect(c.dynamicToolsets).toBe(false);
  });

  it('AUTOTASK_TOOLSETS: all registers everything up front, default names the default toolsets, a list is a fixed limit', () => {
    expect(loadConfig({ ...creds, AUTOTASK_TOOLSETS: 'ALL' })).toMatchObject({ toolsets: [...TOOLSET_NAMES], initialToolsets: [...TOOLSET_NAMES], dynamicToolsets: false });
    expect(loadConfig({ ...creds, AUTOTASK_TOOLSETS: 'default' })).toMatchObject({ toolsets: [...DEFAULT_TOOLSETS], initialToolsets: [...DEFAULT_TOOLSETS], dynamicToolsets: false });
    const withTime = loadConfig({ ...creds, AUTOTASK_TOOLSETS: 'time,default' });
    expect(withTime.toolsets).toEqual(TOOLSET_NAMES.filter((t) => t === 'time' || DEFAULT_TOOLSETS.includes(t)));
    expect(configError({ ...creds, AUTOTASK_TOOLSETS: 'all,tickets' }).message).toMatch(/AUTOTASK_TOOLSETS=all stands alone/);
    expect(configError({ ...creds, AUTOTASK_TOOLSETS: 'discovery' }).message).toMatch(/unknown toolset\(s\) "discovery".*or all, or default for core, tickets/);
  });

  it('needs no credentials in demo mode', () => {
    const c = loadConfig({ AUTOTASK_DEMO: '1' });
    expect(c.demo).toBe(true);
    expect(c.credentials).toBeNull();
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['No', false],
  ])('accepts boolean %s', (value, expected) => {
    expect(loadConfig({ ...creds, AUTOTASK_READ_ONLY: value }).readOnly).toBe(expected);
  });

  it('names every problem, one per line, in a single error', () => {
    const err = configError({
      AUTOTASK_READ_ONLY: 'maybe',
      MCP_HTTP_PORT: '99999',
      MCP_TRANSPORT: 'websocket',
      LOG_FORMAT: 'pretty',
      AUTOTASK_TOOLSETS: 'tickets,payroll',
      MCP_AUTH_TOKEN: 'short',
      AUTOTASK_API_URL: 'http://webservices5.autotask.net/ATServicesRest/',
      MCP_MAX_SESSIONS: 'lots',
      MCP_ALLOWED_ORIGINS: 'example.com',
      MCP_ALLOWED_HOSTS: 'ok-host,http://bad-host/',
    });
    const text = err.message;
    for (const name of ['AUTOTASK_INTEGRATION_CODE', 'AUTOTASK_USERNAME', 'AUTOTASK_SECRET', 'AUTOTASK_DEMO', 'AUTOTASK_READ_ONLY', 'MCP_HTTP_PORT', 'MCP_TRANSPORT', 'LOG_FORMAT', 'AUTOTASK_TOOLSETS', 'MCP_AUTH_TOKEN', 'AUTOTASK_API_URL', 'MCP_MAX_SESSIONS', 'MCP_ALLOWED_ORIGINS', 'MCP_ALLOWED_HOSTS']) {
      expect(text).toContain(name);
    }
    expect(err.problems).toHaveLength(11);
    expect(text.split('\n')).toHaveLength(12); // heading + one line per problem
    expect(text).toContain('"payroll"');
    expect(text).toContain(TOOLSET_NAMES.join(', '));
    expect(text).not.toMatch(/\bshort\b/);
  });

  it('never prints secret values, even when they are the problem', () => {
    const err = configError({ ...creds, AUTOTASK_SECRET_FILE: '/nonexistent/secret', MCP_AUTH_TOKEN: 'tooShortTok' });
    expect(err.message).toContain('AUTOTASK_SECRET and AUTOTASK_SECRET_FILE are both set');
    expect(err.message).not.toContain(SECRET);
    expect(err.message).not.toContain('tooShortTok');
  });

  it('AUTOTASK_TIME_ZONE: an IANA name, unset by default (the tenant decides)', () => {
    expect(loadConfig(creds).timeZone).toBeNull();
    expect(loadConfig({ ...creds, AUTOTASK_TIME_ZONE: 'Asia/Kolkata' }).timeZone).toBe('Asia/Kolkata');
    expect(loadConfig({ ...creds, AUTOTASK_TIME_ZONE: ' UTC ' }).timeZone).toBe('UTC');
    for (const bad of ['+05:30', 'Mars/Olympus_Mons', 'Eastern Standard Time', 'GMT+5:30']) {
      const err = configError({ ...creds, AUTOTASK_TIME_ZONE: bad });
      expect(err.problems).toEqual([expect.stringMatching(new RegExp(`^AUTOTASK_TIME_ZONE must be an IANA time zone name such as Europe/Berlin.*got "${bad.replace(/[+]/g, '\\+')}"`))]);
    }
  });

  it('reads AUTOTASK_CLOSED_STATUSES as a comma list of ticket status ids or labels', () => {
    expect(loadConfig(creds).closedStatuses).toEqual([]);
    expect(loadConfig({ ...creds, AUTOTASK_CLOSED_STATUSES: ' 5, Cancelled ,,Waiting Vendor ' }).closedStatuses).toEqual(['5', 'Cancelled', 'Waiting Vendor']);
    expect(configError({ ...creds, AUTOTASK_CLOSED_STATUSES: `5,${'x'.repeat(101)}` }).message).toContain('AUTOTASK_CLOSED_STATUSES entries must be');
  });

  it('gives a human 10 minutes to answer an elicitation unless MCP_ELICITATION_TIMEOUT_SECONDS says otherwise', () => {
    expect(loadConfig(creds).elicitationTimeoutMs).toBe(600_000);
    expect(loadConfig({ ...creds, MCP_ELICITATION_TIMEOUT_SECONDS: '1800' }).elicitationTimeoutMs).toBe(1_800_000);
    expect(configError({ ...creds, MCP_ELICITATION_TIMEOUT_SECONDS: '0' }).message).toContain('MCP_ELICITATION_TIMEOUT_SECONDS');
  });

  it('allows plain http only for loopback API URLs', () => {
    expect(loadConfig({ ...creds, AUTOTASK_API_URL: 'http://127.0.0.1:3000/ATServicesRest/' }).apiUrl).toBe('http://127.0.0.1:3000/ATServicesRest/');
    expect(configError({ ...creds, AUTOTASK_API_URL: 'http://10.0.0.5/ATServicesRest/' }).message).toContain('must use https');
    expect(configError({ ...creds, AUTOTASK_ZONE_LOOKUP_URL: 'not a url' }).message).toContain('AUTOTASK_ZONE_LOOKUP_URL must be an absolute URL');
  });

  describe('*_FILE variants', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = (name: string, content: string) => {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    };

    it('reads and trims secrets from files', () => {
      const c = loadConfig({
        AUTOTASK_INTEGRATION_CODE_FILE: file('code', `${CODE}\n`),
        AUTOTASK_USERNAME_FILE: file('user', ' api@example.test \n'),
        AUTOTASK_SECRET_FILE: file('secret', `${SECRET}\r\n`),
        MCP_AUTH_TOKEN_FILE: file('token', `${TOKEN}\n`),
      });
      expect(c.credentials).toEqual({ integrationCode: CODE, username: 'api@example.test', secret: SECRET });
      expect(c.http.authToken).toBe(TOKEN);
    });

    it('reports unreadable and empty files without their content', () => {
      const err = configError({
        ...creds,
        AUTOTASK_SECRET: '',
        AUTOTASK_SECRET_FILE: join(dir, 'missing'),
        AUTOTASK_USERNAME: '',
        AUTOTASK_USERNAME_FILE: file('empty', '  \n'),
      });
      expect(err.problems).toEqual([
        expect.stringMatching(/AUTOTASK_USERNAME_FILE points to ".*empty", which is empty/),
        expect.stringMatching(/AUTOTASK_SECRET_FILE points to ".*missing", which cannot be read \(ENOENT\)/),
      ]);
    });
  });
});

describe('parseByteSize', () => {
  it('understands body-parser style sizes', () => {
    expect(parseByteSize('8mb')).toBe(8 * 1024 * 1024);
    expect(parseByteSize('512KB')).toBe(512 * 1024);
    expect(parseByteSize('1000')).toBe(1000);
    expect(parseByteSize('lots')).toBeNull();
    expect(parseByteSize('0')).toBeNull();
  });
});
