/**
 * The process logger (pino). Lines always go to stderr by default: stdout belongs to the stdio
 * protocol. Two layers keep secrets out: pino `redact` for known credential paths (headers,
 * config objects) and a value-level scrub of the configured secrets on every finished line.
 */
import { pino, stdTimeFunctions, type Logger } from 'pino';
import type { AppConfig } from '../config/types.js';
import { secretValues } from '../config/config.js';
import { createScrubber } from './scrub.js';
import { formatSimpleLine } from './format.js';

export type { Logger } from 'pino';

/** Anything with a synchronous write(string): process.stderr, a test buffer. */
export interface LogDestination {
  write(chunk: string): unknown;
}

const SENSITIVE_KEYS = [
  'authorization',
  'apiintegrationcode',
  'ApiIntegrationCode',
  'username',
  'UserName',
  'secret',
  'Secret',
  'password',
  'mcp_auth_token',
  'MCP_AUTH_TOKEN',
  'authToken',
  'integrationCode',
  'credentials',
  'cookie',
  'AUTOTASK_SECRET',
  'AUTOTASK_INTEGRATION_CODE',
];

/** Top level, one level down (config.credentials, err.secret) and inside headers objects. */
export const REDACT_PATHS = [
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((k) => `*.${k}`),
  ...SENSITIVE_KEYS.map((k) => `*.headers.${k}`),
  ...SENSITIVE_KEYS.map((k) => `*.*.headers.${k}`),
];

export type LoggerConfig = Pick<AppConfig, 'log' | 'credentials' | 'http'>;

export function createLogger(config: LoggerConfig, destination: LogDestination = process.stderr, extraSecrets: string[] = []): Logger {
  const scrub = createScrubber([...secretValues(config), ...extraSecrets]);
  const format = config.log.format === 'simple' ? formatSimpleLine : (line: string) => line;
  const stream = {
    write(line: string) {
      destination.write(scrub(format(line)));
    },
  };
  return pino(
    {
      level: config.log.level,
      base: undefined,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      serializers: { err: serializeError },
    },
    stream,
  );
}

/** Errors without stacks in normal operation: messages and kinds are what operators act on. */
function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const out: Record<string, unknown> = { name: err.name, message: err.message };
  for (const key of ['kind', 'status', 'code', 'method', 'path'] as const) {
    const v = (err as unknown as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}
