/**
 * Finds the principal of a bearer token. Three modes: no token (every request is the default
 * principal), MCP_AUTH_TOKEN (one token, the default principal) and MCP_TOKENS_FILE (one token
 * per principal, reloaded on SIGHUP and when the file changes; a bad file keeps the last good
 * one and says why in the log).
 */
import { readFileSync, unwatchFile, watchFile, type Stats } from 'node:fs';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import { DEFAULT_PRINCIPAL, type Principal } from './principal.js';
import { parseTokensFile, tokenHash, TokensFileError } from './tokens-file.js';

export type AuthMode = 'none' | 'token' | 'tokens-file';

export interface PrincipalResolver {
  readonly mode: AuthMode;
  /** The principal of a presented bearer token, or null when no principal has it. */
  resolve(token: string): Principal | null;
  /** Reads MCP_TOKENS_FILE again (no-op otherwise); false when it was refused and the last good one stays. */
  reload(reason: string): boolean;
  /** Principals known now (tokens-file: the file's; otherwise the default one). */
  size(): number;
  close(): void;
}

/** Reads and parses the tokens file, or throws TokensFileError / a read error with a plain message. */
export function readTokensFile(path: string): Map<string, Principal> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new TokensFileError([`MCP_TOKENS_FILE "${path}" cannot be read (${(err as NodeJS.ErrnoException).code ?? 'read error'}).`]);
  }
  return parseTokensFile(text).byHash;
}

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export function noAuth(): PrincipalResolver {
  return { mode: 'none', resolve: () => DEFAULT_PRINCIPAL, reload: () => true, size: () => 1, close: () => undefined };
}

/** MCP_AUTH_TOKEN: compared in constant time (hashes make the lengths equal). */
export function singleToken(token: string): PrincipalResolver {
  const expected = sha(token);
  return {
    mode: 'token',
    resolve: (given) => (timingSafeEqual(sha(given), expected) ? DEFAULT_PRINCIPAL : null),
    reload: () => true,
    size: () => 1,
    close: () => undefined,
  };
}

export interface TokensFileOptions {
  logger: Logger;
  /** How often the file's stat is polled (default 2 s). Polling, not inotify: editors replace files and bind mounts keep the old inode. */
  pollMs?: number;
}

/**
 * MCP_TOKENS_FILE. A lookup hashes the presented token once and looks the hash up: the hash of a
 * 256-bit random token gives a timing observer nothing to aim at.
 */
export function tokensFile(path: string, opts: TokensFileOptions): PrincipalResolver {
  let byHash = readTokensFile(path);
  const reload = (reason: string): boolean => {
    try {
      byHash = readTokensFile(path);
      opts.logger.info({ reason, principals: byHash.size }, 'tokens file loaded');
      return true;
    } catch (err) {
      const problems = err instanceof TokensFileError ? err.problems : [String(err)];
      opts.logger.warn({ reason, problems: problems.slice(0, 10), principals: byHash.size }, 'tokens file refused; the last good one stays in use');
      return false;
    }
  };
  const onChange = (curr: Stats, prev: Stats) => {
    if (curr.mtimeMs !== prev.mtimeMs || curr.size !== prev.size || curr.ino !== prev.ino) reload('file changed');
  };
  watchFile(path, { interval: opts.pollMs ?? 2_000, persistent: false }, onChange);
  return {
    mode: 'tokens-file',
    resolve: (given) => byHash.get(tokenHash(given)) ?? null,
    reload,
    size: () => byHash.size,
    close: () => unwatchFile(path, onChange),
  };
}

/** The resolver the configuration asks for. */
export function createPrincipalResolver(config: { http: { authToken: string | null; tokensFile: string | null } }, logger: Logger): PrincipalResolver {
  if (config.http.tokensFile !== null) return tokensFile(config.http.tokensFile, { logger });
  if (config.http.authToken !== null) return singleToken(config.http.authToken);
  return noAuth();
}
