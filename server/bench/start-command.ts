/**
 * How users start the server, read from where it is written down: package.json's `start` script
 * (`npm start`) and the Dockerfile's CMD. The bench starts the server with the same node flags,
 * so it measures the heap users get; a test checks that the two places agree.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

/** The node flags of a command line `node [flags] dist/index.js`; throws when it is not one. */
export function nodeFlagsOf(argv: readonly string[], where: string): string[] {
  if (argv[0] !== 'node' || argv.at(-1) !== 'dist/index.js') throw new Error(`${where} is not "node [flags] dist/index.js": ${argv.join(' ')}`);
  const flags = argv.slice(1, -1);
  const bad = flags.filter((f) => !/^--[a-z0-9-]+(=\S+)?$/.test(f));
  if (bad.length) throw new Error(`${where} has arguments that are not node flags: ${bad.join(' ')}`);
  return flags;
}

/** The node flags of `npm start`. */
export function startScriptFlags(packageJson = readFileSync(`${SERVER_DIR}package.json`, 'utf8')): string[] {
  const start = (JSON.parse(packageJson) as { scripts?: Record<string, string> }).scripts?.start ?? '';
  return nodeFlagsOf(start.split(/\s+/).filter((a) => a !== ''), 'package.json "start"');
}

/** The node flags of the image's CMD (exec form). */
export function dockerCmdFlags(dockerfile = readFileSync(`${SERVER_DIR}../Dockerfile`, 'utf8')): string[] {
  const cmd = dockerfile.split('\n').find((l) => l.startsWith('CMD '));
  if (!cmd) throw new Error('the Dockerfile has no CMD');
  return nodeFlagsOf(JSON.parse(cmd.slice(4)) as string[], 'the Dockerfile CMD');
}
