/**
 * `autotask-mcp doctor [--json]`: checks the configured tenant without writing. Exit codes:
 * 0 every check passed or warned, 1 a check failed (or the doctor itself broke), 2 bad
 * configuration or usage (the same message style as the server's configuration errors).
 */
import { ConfigError, loadConfig, secretValues, type Env } from '../config/config.js';
import type { AppConfig } from '../config/types.js';
import { createLogger, type LogDestination } from '../logging/logger.js';
import { createScrubber } from '../logging/scrub.js';
import { REQUEST_LIMIT } from './budget.js';
import { renderJson, renderText } from './render.js';
import { runDoctor } from './run.js';

export const DOCTOR_HELP = `Usage: autotask-mcp doctor [--json]

Checks the configured Autotask tenant (or the demo tenant with AUTOTASK_DEMO=true) the way the
tools use it: zone and credentials, API usage, every entity and field the tools request, the
picklists and roles writes rely on, closed ticket statuses, result order and one attachment read.
Read-only: at most ${REQUEST_LIMIT} Autotask requests, all GETs or POSTs to /query and /query/count.
Prints one line per check (pass / WARN / FAIL, with the fix); credentials are never printed.

  --json      print the report as one JSON object
  -h, --help  show this help

Exit codes: 0 all checks pass or warn, 1 a check failed, 2 bad configuration or option.
`;

export interface DoctorIo {
  stdout: LogDestination;
  stderr: LogDestination;
}

export async function doctorMain(argv: string[], env: Env = process.env, io: DoctorIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let json = false;
  for (const arg of argv) {
    if (arg === '--json') json = true;
    else if (arg === '-h' || arg === '--help') {
      io.stdout.write(DOCTOR_HELP);
      return 0;
    } else {
      io.stderr.write(`autotask-mcp doctor: unknown option "${arg.slice(0, 40)}" (see --help)\n`);
      return 2;
    }
  }
  let config: AppConfig;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr.write(`autotask-mcp: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  // Belt and braces: nothing the doctor prints may carry a configured secret.
  const scrub = createScrubber(secretValues(config));
  const out = { write: (s: string) => io.stdout.write(scrub(s)) };
  const err = { write: (s: string) => io.stderr.write(scrub(s)) };
  // Logs go to stderr, quiet unless LOG_LEVEL asks for debug detail: stdout is the report.
  const level = ['debug', 'trace'].includes(config.log.level) ? config.log.level : 'error';
  const logger = createLogger({ ...config, log: { ...config.log, level } }, err);
  try {
    const report = await runDoctor(config, { logger });
    out.write(json ? renderJson(report) : renderText(report));
    return report.exitCode;
  } catch (e) {
    err.write(`autotask-mcp doctor: failed: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
