/**
 * `autotask-mcp token add|list|remove`: manages MCP_TOKENS_FILE. `add` generates a token, appends
 * its hash and prints the token once (it is not stored anywhere); the running server picks the
 * change up within seconds (or on SIGHUP). The file is written in place (append, or rewrite for
 * remove), never replaced, so a bind-mounted file keeps working.
 */
import { existsSync, openSync, closeSync, writeSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { TOOLSET_NAMES, type ToolsetName } from '../config/types.js';
import type { Principal } from './principal.js';
import { generateToken, NAME_PATTERN, parseTokensFile, tokenHash, tokenLine, TokensFileError } from './tokens-file.js';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = `Usage:
  autotask-mcp token add --name NAME [--resource ID] [--toolsets core,tickets,...] [--read-only] [--file PATH]
  autotask-mcp token list [--file PATH]
  autotask-mcp token remove --name NAME [--file PATH]
PATH defaults to MCP_TOKENS_FILE. Toolsets: ${TOOLSET_NAMES.join(', ')} (omit for all).
`;

class UsageError extends Error {}

function readPrincipals(path: string): Map<string, Principal> {
  if (!existsSync(path)) return new Map();
  return parseTokensFile(readFileSync(path, 'utf8')).byHash;
}

function parseToolsets(value: string | undefined): ToolsetName[] | null {
  if (value === undefined || value.trim() === '' || value.trim().toLowerCase() === 'all') return null;
  const names = value.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  const unknown = names.filter((n) => !(TOOLSET_NAMES as readonly string[]).includes(n));
  if (unknown.length) throw new UsageError(`unknown toolset(s) ${unknown.join(', ')}; valid: ${TOOLSET_NAMES.join(', ')}.`);
  return TOOLSET_NAMES.filter((t) => names.includes(t));
}

function parseResource(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^\d{1,15}$/.test(value) || Number(value) <= 0) throw new UsageError(`--resource must be a positive Autotask resource id (search_resources shows them); got "${value.slice(0, 40)}".`);
  return Number(value);
}

function add(path: string, values: Record<string, string | boolean | undefined>, io: Output): number {
  const name = typeof values.name === 'string' ? values.name : '';
  if (!NAME_PATTERN.test(name)) throw new UsageError('--name must be 1-64 letters, digits or . _ @ - (starting with a letter or digit).');
  const principal: Principal = {
    name,
    resourceId: parseResource(typeof values.resource === 'string' ? values.resource : undefined),
    toolsets: parseToolsets(typeof values.toolsets === 'string' ? values.toolsets : undefined),
    readOnly: values['read-only'] === true,
  };
  const existing = readPrincipals(path);
  if ([...existing.values()].some((p) => p.name.toLowerCase() === name.toLowerCase())) {
    throw new UsageError(`"${name}" already has a token; remove it first (token remove --name ${name}) to issue a new one.`);
  }
  const token = generateToken();
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const fd = openSync(path, 'a', 0o600);
  try {
    // A file that does not end in a newline gets one first, so the new line stands alone.
    writeSync(fd, `${text !== '' && !text.endsWith('\n') ? '\n' : ''}${tokenLine(tokenHash(token), principal)}\n`);
  } finally {
    closeSync(fd);
  }
  io.err(`Added "${name}" to ${path}${principal.resourceId !== null ? ` (writes on behalf of Autotask resource ${principal.resourceId})` : ''}${principal.readOnly ? ', read-only' : ''}. The token below is shown once and stored nowhere; give it to ${name} for the MCP client's Authorization: Bearer header.\n`);
  io.out(`${token}\n`);
  return 0;
}

function list(path: string, io: Output): number {
  const principals = [...readPrincipals(path).values()];
  if (principals.length === 0) io.err(`No principals in ${path}.\n`);
  for (const p of principals) {
    io.out(`${p.name}\tresource=${p.resourceId ?? '-'}\ttoolsets=${p.toolsets?.join(',') ?? 'all'}${p.readOnly ? '\tread-only' : ''}\n`);
  }
  return 0;
}

function remove(path: string, name: string, io: Output): number {
  if (!existsSync(path)) throw new UsageError(`${path} does not exist.`);
  const lines = readFileSync(path, 'utf8').split('\n');
  const kept = lines.filter((line) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return true;
    try {
      return (JSON.parse(t) as { name?: unknown }).name !== name;
    } catch {
      return true; // not ours to judge here: the parse below reports it
    }
  });
  if (kept.length === lines.length) throw new UsageError(`No principal named "${name}" in ${path}.`);
  const text = kept.join('\n');
  parseTokensFile(text); // never write a file the server would refuse
  writeFileSync(path, text, { mode: 0o600 });
  io.err(`Removed "${name}" from ${path}; its token stops working within seconds.\n`);
  return 0;
}

export function tokenMain(argv: string[], env: Record<string, string | undefined>, io: Output): number {
  if (argv.some((a) => a === '--help' || a === '-h') || argv.at(0) === 'help') {
    io.out(USAGE);
    return 0;
  }
  try {
    const command = argv.at(0);
    const rest = argv.slice(1);
    const { values } = parseArgs({
      args: rest,
      options: { name: { type: 'string' }, resource: { type: 'string' }, toolsets: { type: 'string' }, 'read-only': { type: 'boolean' }, file: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    const path = values.file ?? env.MCP_TOKENS_FILE?.trim();
    if (path === undefined || path === '') throw new UsageError('set MCP_TOKENS_FILE or pass --file PATH.');
    if (command === 'add') return add(path, values, io);
    if (command === 'list') return list(path, io);
    if (command === 'remove') return remove(path, values.name ?? '', io);
    throw new UsageError(command === undefined ? 'name a command.' : `unknown command "${command.slice(0, 40)}".`);
  } catch (err) {
    if (err instanceof TokensFileError) {
      io.err(`autotask-mcp token: the tokens file has problems, nothing was changed: ${err.problems.join(' ')}\n`);
      return 1;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.err(`autotask-mcp token: ${message}\n${USAGE}`);
    return 2;
  }
}
