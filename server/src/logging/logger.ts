/**
 * The process logger (pino). Lines always go to stderr by default (batched per event-loop turn):
 * stdout belongs to the stdio protocol. Two layers keep secrets out: key-level redaction of known
 * credential keys (headers, config objects; censorEvent) and a value-level scrub of the
 * configured secrets on every finished line.
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

const SENSITIVE = new Set(SENSITIVE_KEYS);
const CENSORED = '[REDACTED]';

type Fields = Record<string, unknown>;
const isFields = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `o` with its credential keys censored; copied only when it has one. */
function censorKeys(o: Fields): Fields {
  let out: Fields | null = null;
  for (const k of Object.keys(o)) if (SENSITIVE.has(k)) (out ??= { ...o })[k] = CENSORED;
  return out ?? o;
}

/** One level down: credential keys, and those of `headers` here or one level further down. */
function censorNested(o: Fields): Fields {
  let out: Fields | null = null;
  for (const [k, v] of Object.entries(o)) {
    let next = v;
    if (SENSITIVE.has(k)) next = CENSORED;
    else if (k === 'headers' && isFields(v)) next = censorKeys(v);
    else if (isFields(v) && isFields(v.headers)) {
      const headers = censorKeys(v.headers);
      if (headers !== v.headers) next = { ...v, headers };
    }
    if (next !== v) (out ??= { ...o })[k] = next;
  }
  return out ?? o;
}

/**
 * Key-level redaction of every event: credential keys at the top, one level down
 * (config.credentials) and in headers objects one or two levels down (req.headers,
 * call.upstream.headers). pino's wildcard redact paths did the same at ~130 µs a line; this walk
 * copies only what it censors and never changes the logged object. `err` is left to its
 * serializer, which keeps only whitelisted fields.
 */
export function censorEvent(event: Fields): Fields {
  let out: Fields | null = null;
  for (const [k, v] of Object.entries(event)) {
    let next = v;
    if (SENSITIVE.has(k)) next = CENSORED;
    else if (k !== 'err' && isFields(v)) next = censorNested(v);
    if (next !== v) (out ??= { ...event })[k] = next;
  }
  return out ?? event;
}

export type LoggerConfig = Pick<AppConfig, 'log' | 'credentials' | 'http'>;

/** Pending text that is written at once rather than at the end of the turn. */
const BATCH_MAX_CHARS = 64 * 1024;

/**
 * Lines logged in one turn of the event loop leave in one write. stderr is usually a pipe (Docker's
 * log driver, a supervisor) and synchronous there: a write per line cost a system call and a
 * wake-up of the reader each, ~10% of the CPU of a tool call. What is pending is written on exit,
 * so the last lines before process.exit (fatal, shutdown) are kept.
 */
class LineBatcher implements LogDestination {
  private pending: string[] = [];
  private chars = 0;
  private scheduled = false;

  constructor(private readonly out: LogDestination) {
    process.once('exit', () => this.flush());
  }

  write(line: string): void {
    this.pending.push(line);
    this.chars += line.length;
    if (this.chars >= BATCH_MAX_CHARS) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.chars = 0;
    this.out.write(text);
  }
}

let stderrBatcher: LineBatcher | undefined;

/** Write what the stderr batcher holds now (a stopping server's last lines leave before it returns). */
export function flushLogs(): void {
  stderrBatcher?.flush();
}

/** The batched stderr every logger writes to by default (the audit log shares it). */
export function stderrDestination(): LogDestination {
  return (stderrBatcher ??= new LineBatcher(process.stderr));
}

export function createLogger(config: LoggerConfig, destination: LogDestination = stderrDestination(), extraSecrets: string[] = []): Logger {
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
      formatters: { level: (label) => ({ level: label }), log: censorEvent },
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
