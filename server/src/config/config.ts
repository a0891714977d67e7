/**
 * Builds the validated AppConfig from the environment. Every problem is collected (not just the
 * first), so an operator fixes a bad .env in one go; messages name variables, never secret values.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AppConfig, AutotaskCredentials, BudgetConfig } from './types.js';
import { readToolsetSelection } from './toolsets.js';
import { readTokensFile } from '../auth/principals.js';
import { TokensFileError } from '../auth/tokens-file.js';

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export const DEFAULT_ZONE_LOOKUP_URL = 'https://webservices.autotask.net/ATServicesRest/';

const SECRET_VARS = ['AUTOTASK_INTEGRATION_CODE', 'AUTOTASK_USERNAME', 'AUTOTASK_SECRET'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const TRUE_WORDS = new Set(['true', '1', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'no']);

/** Collects problems while reading variables; each reader returns a usable fallback on error. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  }

  bool(name: string, fallback: boolean): boolean {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    const lower = v.toLowerCase();
    if (TRUE_WORDS.has(lower)) return true;
    if (FALSE_WORDS.has(lower)) return false;
    this.problems.push(`${name} must be true/false (also accepted: 1/0, yes/no); got "${v}".`);
    return fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max}; got "${v}".`);
      return fallback;
    }
    return n;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    const match = allowed.find((a) => a === v.toLowerCase());
    if (!match) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}; got "${v}".`);
      return fallback;
    }
    return match;
  }

  list(name: string): string[] {
    const v = this.raw(name);
    if (v === undefined) return [];
    return v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }

  /** A secret from NAME or NAME_FILE (Docker secrets). Never echoes the value. */
  secret(name: string): string | undefined {
    const direct = this.raw(name);
    const file = this.raw(`${name}_FILE`);
    if (direct !== undefined && file !== undefined) {
      this.problems.push(`${name} and ${name}_FILE are both set; set only one of them.`);
      return undefined;
    }
    if (file === undefined) return direct;
    let content: string;
    try {
      content = readFileSync(file, 'utf8').trim();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'read error';
      this.problems.push(`${name}_FILE points to "${file}", which cannot be read (${code}).`);
      return undefined;
    }
    if (content === '') {
      this.problems.push(`${name}_FILE points to "${file}", which is empty.`);
      return undefined;
    }
    return content;
  }
}

const urlSchema = z.string().url();

/**
 * Where the Autotask credentials may travel: https anywhere, plain http only on loopback (the
 * demo tenant and the fake in tests). Used for configured URLs and for the zone Autotask names.
 */
export function isSafeTransportUrl(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackUrl(url));
}

export function isLoopbackUrl(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname.toLowerCase());
}

function checkAutotaskUrl(reader: EnvReader, name: string, value: string): string | null {
  if (!urlSchema.safeParse(value).success) {
    reader.problems.push(`${name} must be an absolute URL such as https://webservices5.autotask.net/ATServicesRest/; got "${value}".`);
    return null;
  }
  const url = new URL(value);
  if (!isSafeTransportUrl(url)) {
    reader.problems.push(`${name} must use https (plain http is accepted only for localhost/127.0.0.1/[::1]); got "${value}".`);
    return null;
  }
  if (url.search || url.hash || url.username || url.password) {
    reader.problems.push(`${name} must not contain credentials, a query string or a fragment.`);
    return null;
  }
  return url.toString().endsWith('/') ? url.toString() : `${url.toString()}/`;
}

/** Ticket status ids or labels; whether they exist is only known to the tenant (doctor checks it). */
function readClosedStatuses(reader: EnvReader): string[] {
  const entries = reader.list('AUTOTASK_CLOSED_STATUSES');
  if (entries.some((e) => e.length > 100)) {
    reader.problems.push('AUTOTASK_CLOSED_STATUSES entries must be ticket status ids or labels of at most 100 characters, separated by commas (e.g. 5,Cancelled).');
    return [];
  }
  return entries;
}

/** Size limit like "8mb", "512kb" or a byte count; body-parser accepts the same strings. */
function readBodyLimit(reader: EnvReader): string {
  const v = reader.raw('MCP_BODY_LIMIT') ?? '8mb';
  if (parseByteSize(v) === null) {
    reader.problems.push(`MCP_BODY_LIMIT must be a size such as 8mb, 512kb or 1048576; got "${v}".`);
    return '8mb';
  }
  return v.toLowerCase();
}

export function parseByteSize(value: string): number | null {
  const m: Array<string | undefined> | null = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(value.trim());
  if (!m) return null;
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase() as 'b'];
  const bytes = Math.floor(Number(m[1]) * unit);
  return bytes > 0 ? bytes : null;
}

/**
 * AUTOTASK_TIME_ZONE: the IANA zone dates mean for this tenant (unset: the zone of the tenant's
 * default internal location, else UTC). Checked against the zone data Node ships (Intl).
 */
function readTimeZone(reader: EnvReader): string | null {
  const v = reader.raw('AUTOTASK_TIME_ZONE');
  if (v === undefined) return null;
  let known = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(v);
  try {
    if (known) new Intl.DateTimeFormat('en-US', { timeZone: v });
  } catch {
    known = false;
  }
  if (!known) {
    reader.problems.push(`AUTOTASK_TIME_ZONE must be an IANA time zone name such as Europe/Berlin, America/New_York, Asia/Kolkata or UTC (not an offset like +05:30); got "${v}". Leave it unset to use the zone of the tenant's default internal location.`);
    return null;
  }
  return v;
}

function readBudget(reader: EnvReader): BudgetConfig {
  const warnPercent = reader.int('AUTOTASK_BUDGET_WARN_PERCENT', 80, 1, 100);
  const stopPercent = reader.int('AUTOTASK_BUDGET_STOP_PERCENT', 95, 1, 100);
  if (warnPercent > stopPercent) {
    reader.problems.push(`AUTOTASK_BUDGET_WARN_PERCENT (${warnPercent}) must be at most AUTOTASK_BUDGET_STOP_PERCENT (${stopPercent}): the warning comes before the refusal.`);
  }
  return { warnPercent, stopPercent, checkMs: reader.int('AUTOTASK_BUDGET_CHECK_SECONDS', 300, 0, 86_400) * 1000 };
}

/** The package version (package.json), as the server reports it and `--version` prints it. */
export function readVersion(): string {
  // src/config/config.ts and dist/config/config.js both sit two levels below package.json.
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export function loadConfig(env: Env = process.env): AppConfig {
  const r = new EnvReader(env);
  const nodeEnv = r.raw('NODE_ENV') ?? 'development';
  const demo = r.bool('AUTOTASK_DEMO', false);

  const secrets = Object.fromEntries(SECRET_VARS.map((n) => [n, r.secret(n)])) as Record<(typeof SECRET_VARS)[number], string | undefined>;
  let credentials: AutotaskCredentials | null = null;
  if (!demo) {
    const missing = SECRET_VARS.filter((n) => secrets[n] === undefined && r.raw(`${n}_FILE`) === undefined && r.raw(n) === undefined);
    if (missing.length) {
      r.problems.push(`Missing Autotask credentials: set ${missing.join(', ')} (or the matching *_FILE variables), or set AUTOTASK_DEMO=true to run against the built-in demo tenant.`);
    }
    if (SECRET_VARS.every((n) => secrets[n] !== undefined)) {
      credentials = { integrationCode: secrets.AUTOTASK_INTEGRATION_CODE!, username: secrets.AUTOTASK_USERNAME!, secret: secrets.AUTOTASK_SECRET! };
    }
  }

  const apiUrlRaw = r.raw('AUTOTASK_API_URL');
  const apiUrl = apiUrlRaw === undefined ? null : checkAutotaskUrl(r, 'AUTOTASK_API_URL', apiUrlRaw);
  const zoneRaw = r.raw('AUTOTASK_ZONE_LOOKUP_URL');
  const zoneLookupUrl = (zoneRaw === undefined ? null : checkAutotaskUrl(r, 'AUTOTASK_ZONE_LOOKUP_URL', zoneRaw)) ?? DEFAULT_ZONE_LOOKUP_URL;

  const authToken = r.secret('MCP_AUTH_TOKEN') ?? null;
  if (authToken !== null && authToken.length < 16) {
    r.problems.push('MCP_AUTH_TOKEN must be at least 16 characters long (use e.g. `openssl rand -hex 32`).');
  }

  const tokensFile = r.raw('MCP_TOKENS_FILE') ?? null;
  if (tokensFile !== null && authToken !== null) {
    r.problems.push('MCP_AUTH_TOKEN and MCP_TOKENS_FILE are both set; set only one: MCP_TOKENS_FILE gives every technician a token of their own (add one for yourself with `autotask-mcp token add`), MCP_AUTH_TOKEN is the single shared token.');
  } else if (tokensFile !== null) {
    try {
      readTokensFile(tokensFile);
    } catch (err) {
      r.problems.push(...(err instanceof TokensFileError ? err.problems : [String(err)]).map((p) => (p.startsWith('MCP_TOKENS_FILE') ? p : `MCP_TOKENS_FILE ${p}`)));
    }
  }
  const redisUrl = readRedisUrl(r);

  const config: AppConfig = {
    nodeEnv,
    version: readVersion(),
    demo,
    credentials,
    apiUrl,
    zoneLookupUrl,
    readOnly: r.bool('AUTOTASK_READ_ONLY', false),
    timeZone: readTimeZone(r),
    ...readToolsetSelection(r.list('AUTOTASK_TOOLSETS'), r.problems),
    closedStatuses: readClosedStatuses(r),
    // A human reads the preview before answering: far longer than the SDK's 60 s request timeout.
    elicitationTimeoutMs: r.int('MCP_ELICITATION_TIMEOUT_SECONDS', 600, 1, 86_400) * 1000,
    log: {
      level: r.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
      format: r.oneOf('LOG_FORMAT', ['simple', 'json'] as const, nodeEnv === 'production' ? 'json' : 'simple'),
    },
    transport: r.oneOf('MCP_TRANSPORT', ['http', 'stdio'] as const, 'http'),
    http: {
      host: r.raw('MCP_HTTP_HOST') ?? '127.0.0.1',
      port: r.int('MCP_HTTP_PORT', 8080, 0, 65535),
      authToken,
      tokensFile,
      allowedHosts: r.list('MCP_ALLOWED_HOSTS'),
      allowedOrigins: r.list('MCP_ALLOWED_ORIGINS'),
      sessionIdleTtlMs: r.int('MCP_SESSION_IDLE_TTL_SECONDS', 1800, 1, 7 * 24 * 3600) * 1000,
      maxSessions: r.int('MCP_MAX_SESSIONS', 100, 1, 10_000),
      bodyLimit: readBodyLimit(r),
    },
    auditFile: r.raw('MCP_AUDIT_FILE') ?? null,
    autotask: {
      timeoutMs: r.int('AUTOTASK_TIMEOUT_SECONDS', 30, 1, 600) * 1000,
      maxRetries: r.int('AUTOTASK_MAX_RETRIES', 3, 0, 10),
      // Autotask allows 3 concurrent requests per integration and entity; more only earns errors.
      maxConcurrencyPerEntity: r.int('AUTOTASK_MAX_CONCURRENCY', 3, 1, 3),
      metadataTtlMs: r.int('AUTOTASK_METADATA_TTL_SECONDS', 900, 0, 86_400) * 1000,
      // MCP clients give up on a call after 60 s: answer before, with our own error.
      toolTimeoutMs: r.int('MCP_TOOL_TIMEOUT_SECONDS', 50, 1, 3_600) * 1000,
      budget: readBudget(r),
    },
    redisUrl,
  };

  for (const host of config.http.allowedHosts) {
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(:\d{1,5})?$/i.test(host)) {
      r.problems.push(`MCP_ALLOWED_HOSTS entries must be host names or IP addresses with an optional :port (IPv6 in brackets); got "${host}".`);
    }
  }
  for (const origin of config.http.allowedOrigins) {
    if (!/^https?:\/\/[^/]+$/i.test(origin)) {
      r.problems.push(`MCP_ALLOWED_ORIGINS entries must look like http://host:port (scheme, host, optional port, no path); got "${origin}".`);
    }
  }
  if (r.problems.length) throw new ConfigError(r.problems);
  return config;
}

/**
 * REDIS_URL (or REDIS_URL_FILE: it may hold a password): redis:// or rediss://. Unset = every
 * limit and confirmation stays in this process.
 */
function readRedisUrl(r: EnvReader): string | null {
  const raw = r.secret('REDIS_URL');
  if (raw === undefined || raw === '') return null;
  let url: URL | null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || !['redis:', 'rediss:'].includes(url.protocol) || url.hostname === '') {
    // The value is never echoed: it may carry a password.
    r.problems.push('REDIS_URL must look like redis://[:password@]host:6379[/db] (or rediss:// for TLS).');
    return null;
  }
  return raw;
}

/** The secret values a log line or error must never contain (for value-level scrubbing). */
export function secretValues(config: Pick<AppConfig, 'credentials' | 'http'> & Partial<Pick<AppConfig, 'redisUrl'>>): string[] {
  const redisPassword = config.redisUrl ? decodeURIComponent(new URL(config.redisUrl).password) : '';
  const values = [config.credentials?.secret, config.credentials?.integrationCode, config.http.authToken, config.redisUrl ?? undefined, redisPassword];
  return values.filter((v): v is string => typeof v === 'string' && v.length > 0);
}
