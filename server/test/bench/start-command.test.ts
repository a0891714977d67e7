/**
 * `npm start`, the image's CMD and the bench start the server with the same node flags (the heap
 * sizes the memory targets were measured with), and the parsing refuses a command it cannot read.
 */
import { describe, expect, it } from 'vitest';
import { dockerCmdFlags, nodeFlagsOf, startScriptFlags } from '../../bench/start-command.js';

describe('the server start command', () => {
  it('npm start and the Dockerfile CMD pass node the same flags, and they size the heap', () => {
    const flags = startScriptFlags();
    expect(dockerCmdFlags()).toEqual(flags);
    expect(flags.some((f) => f.startsWith('--max-old-space-size='))).toBe(true);
    expect(flags.some((f) => f.startsWith('--max-semi-space-size='))).toBe(true);
  });

  it('reads the flags of either place and refuses anything else', () => {
    expect(startScriptFlags(JSON.stringify({ scripts: { start: 'node --max-old-space-size=256  dist/index.js' } }))).toEqual(['--max-old-space-size=256']);
    expect(dockerCmdFlags('FROM scratch\nCMD ["node", "--a=1", "--b", "dist/index.js"]\n')).toEqual(['--a=1', '--b']);
    expect(() => startScriptFlags(JSON.stringify({ scripts: { start: 'tsx src/index.ts' } }))).toThrow(/not "node \[flags\] dist\/index.js"/);
    expect(() => nodeFlagsOf(['node', '-r', 'x', 'dist/index.js'], 'here')).toThrow(/not node flags: -r x/);
    expect(() => dockerCmdFlags('FROM scratch\n')).toThrow(/no CMD/);
  });
});
