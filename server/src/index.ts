#!/usr/bin/env node
/**
 * Entry point (also the package bin): config -> logger -> app context -> transport -> signals.
 * A bad configuration prints every problem to stderr and exits 2; SIGTERM/SIGINT shut down
 * gracefully and exit 0 well within Docker's 10 s. `autotask-mcp doctor` checks the configured
 * tenant read-only instead of serving (./doctor/cli.ts).
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { realpathSync } from 'node:fs';
import { ConfigError, loadConfig, readVersion, type Env } from './config/config.js';
import { createLogger, flushLogs, type Logger } from './logging/logger.js';
import { createAppContext } from './app.js';
import { startHttpServer } from './http/server.js';
import { startStdioServer } from './stdio.js';

/** In-flight requests get this long to finish on shutdown; the rest of the budget is cleanup. */
const SHUTDOWN_GRACE_MS = 5_000;
/** Hard stop if something hangs anyway (Docker kills at 10 s). */
const SHUTDOWN_DEADLINE_MS = 8_000;

export interface Running {
  /** The /mcp URL (http transport only). */
  url?: string;
  /** Resolves when the transport ends by itself (stdio: the client closed stdin). */
  ended?: Promise<void>;
  logger: Logger;
  /** SIGHUP: read MCP_TOKENS_FILE again and reopen MCP_AUDIT_FILE. */
  reload(): void;
  stop(): Promise<void>;
}

export async function run(env: Env = process.env): Promise<Running> {
  const config = loadConfig(env);
  const logger = createLogger(config);
  logger.debug(`credential fingerprints (first 8 hex digits of the SHA-256 of each value, to compare with what .env should hold): ${Object.entries({ AUTOTASK_INTEGRATION_CODE: config.credentials?.integrationCode, AUTOTASK_USERNAME: config.credentials?.username, AUTOTASK_SECRET: config.credentials?.secret, MCP_AUTH_TOKEN: config.http.authToken }).flatMap(([name, value]) => (value ? [`${name}=${createHash('sha256').update(value).digest('hex').slice(0, 8)}`] : [])).join(' ') || 'none'}`);
  const context = await createAppContext(config, logger);
  try {
    if (config.transport === 'stdio') {
      const stdio = await startStdioServer(context.deps);
      return {
        ended: stdio.closed,
        logger,
        reload: () => context.reopenAudit(),
        stop: async () => {
          await stdio.close(SHUTDOWN_GRACE_MS);
          await context.close();
          flushLogs();
        },
      };
    }
    const http = await startHttpServer(context.deps.config, context.deps);
    if (http.principals.mode === 'none' && !['127.0.0.1', 'localhost', '::1'].includes(config.http.host)) {
      logger.warn(
        { host: config.http.host },
        'listening beyond loopback without MCP_AUTH_TOKEN or MCP_TOKENS_FILE: anyone who can reach this port can act in Autotask. Publish the port on 127.0.0.1 only, or set one of them.',
      );
    }
    logger.info(
      { url: http.url, mode: context.deps.mode, auth: http.principals.mode, principals: http.principals.size(), audit: config.auditFile ? 'stderr+file' : 'stderr', version: config.version },
      context.deps.mode === 'demo' ? 'DEMO MODE: MCP server listening' : 'MCP server listening',
    );
    return {
      url: http.url,
      logger,
      reload: () => {
        http.principals.reload('SIGHUP');
        context.reopenAudit();
      },
      stop: async () => {
        await http.close(SHUTDOWN_GRACE_MS);
        await context.close();
        flushLogs();
      },
    };
  } catch (err) {
    await context.close();
    throw err;
  }
}

/** Runs `autotask-mcp doctor` and exits with its code once the report is written out. */
async function doctor(argv: string[]): Promise<never> {
  const { doctorMain } = await import('./doctor/cli.js');
  return exitWhenWritten(await doctorMain(argv));
}

/** Runs `autotask-mcp token ...` (./auth/token-cli.ts) and exits with its code. */
async function token(argv: string[]): Promise<never> {
  const { tokenMain } = await import('./auth/token-cli.js');
  return exitWhenWritten(tokenMain(argv, process.env, { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }));
}

const USAGE = `Usage:
  autotask-mcp                 serve MCP (MCP_TRANSPORT=http on MCP_HTTP_PORT, or stdio)
  autotask-mcp doctor [--json] check the configured tenant read-only (see doctor --help)
  autotask-mcp token ...       add, list or remove team tokens (see token --help)
  autotask-mcp --version
Configuration comes from the environment only (credentials never as arguments):
AUTOTASK_DEMO=true for the built-in demo tenant, else AUTOTASK_INTEGRATION_CODE, AUTOTASK_USERNAME
and AUTOTASK_SECRET. Every variable is listed in the README and .env.example.txt.
`;

/** Exits with `code` once stdout has drained (pipes may be asynchronous, e.g. on macOS). */
async function exitWhenWritten(code: number): Promise<never> {
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
}

/** Writes one block to stdout (stderr for a usage error), then exits with `code`. */
function say(text: string, code: number): Promise<never> {
  (code === 0 ? process.stdout : process.stderr).write(text);
  return exitWhenWritten(code);
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const first = argv.at(0);
  if (first === 'doctor') return doctor(argv.slice(1));
  if (first === 'token') return token(argv.slice(1));
  if (first === '--help' || first === '-h' || first === 'help') return say(USAGE, 0);
  if (first === '--version' || first === '-v') return say(`${readVersion()}\n`, 0);
  // The server takes no arguments: an option such as --port would otherwise be ignored silently.
  if (first !== undefined) return say(`autotask-mcp: unknown argument "${first.slice(0, 40)}": the server is configured through the environment.\n${USAGE}`, 2);
  let running: Running;
  try {
    running = await run();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`autotask-mcp: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`autotask-mcp: start-up failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.logger.info({ reason: signal }, 'shutting down');
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGHUP', () => {
    running.logger.info({ reason: 'SIGHUP' }, 'reloading the tokens file and reopening the audit file');
    running.reload();
  });
  void running.ended?.then(() => shutdown('end of input'));
  // Last resort: log through the scrubbing logger (no raw stack on stderr), then exit non-zero.
  const fatal = (kind: string) => (err: unknown) => {
    running.logger.fatal({ err }, kind);
    process.exit(1);
  };
  process.on('uncaughtException', fatal('uncaught exception'));
  process.on('unhandledRejection', fatal('unhandled promise rejection'));
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) void main();
