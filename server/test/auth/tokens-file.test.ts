import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTokensFile, tokenHash, TokensFileError } from '../../src/auth/tokens-file.js';
import { tokenMain } from '../../src/auth/token-cli.js';
import { loadConfig } from '../../src/config/config.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'tokens-'));
  dirs.push(d);
  return join(d, 'tokens.jsonl');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function run(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = tokenMain(argv, env, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const H = 'a'.repeat(64);

describe('tokens file', () => {
  it('parses principals keyed by hash; comments and blank lines are ignored', () => {
    const { byHash } = parseTokensFile(`# team\n\n{"sha256":"${H}","name":"alice","resource":29682902,"toolsets":["core","tickets"],"readOnly":true}\n{"sha256":"${'b'.repeat(64)}","name":"bob"}\n`);
    expect(byHash.get(H)).toEqual({ name: 'alice', resourceId: 29682902, toolsets: ['core', 'tickets'], readOnly: true });
    expect(byHash.get('b'.repeat(64))).toEqual({ name: 'bob', resourceId: null, toolsets: null, readOnly: false });
  });

  it('names every problem by line, never echoing the line', () => {
    const text = [`{"sha256":"${H}","name":"alice"}`, `{"sha256":"${H}","name":"bob"}`, `{"sha256":"${'c'.repeat(64)}","name":"ALICE"}`, 'not json SECRET-ISH', `{"sha256":"x","name":"d","toolsets":["nope"],"extra":1}`].join('\n');
    let problems: string[] = [];
    try {
      parseTokensFile(text);
    } catch (e) {
      problems = (e as TokensFileError).problems;
    }
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^line 2: this token hash is listed twice/);
    expect(problems[1]).toMatch(/^line 3: the name "ALICE" is used twice/);
    expect(problems[2]).toBe('line 4: not a JSON object.');
    expect(problems[3]).toMatch(/^line 5: .*sha256/);
    expect(problems.join(' ')).not.toContain('SECRET-ISH');
  });

  it('MCP_AUTH_TOKEN with MCP_TOKENS_FILE, or a bad file, is a configuration error', () => {
    const file = tmp();
    writeFileSync(file, `{"sha256":"${H}","name":"alice"}\n`);
    const base = { AUTOTASK_DEMO: 'true' };
    expect(loadConfig({ ...base, MCP_TOKENS_FILE: file }).http.tokensFile).toBe(file);
    expect(() => loadConfig({ ...base, MCP_TOKENS_FILE: file, MCP_AUTH_TOKEN: 'x'.repeat(32) })).toThrow(/both set; set only one/);
    writeFileSync(file, '{"name":"alice"}\n');
    expect(() => loadConfig({ ...base, MCP_TOKENS_FILE: file })).toThrow(/MCP_TOKENS_FILE line 1: sha256/);
    expect(() => loadConfig({ ...base, MCP_TOKENS_FILE: `${file}.missing` })).toThrow(/cannot be read \(ENOENT\)/);
  });
});

describe('autotask-mcp token', () => {
  it('add prints the token once and stores only its hash (file mode 0600)', () => {
    const file = tmp();
    const r = run(['add', '--name', 'alice', '--resource', '29682902', '--toolsets', 'tickets,core', '--read-only'], { MCP_TOKENS_FILE: file });
    expect(r.code, r.err).toBe(0);
    const token = r.out.trim();
    expect(token).toMatch(/^atmcp_[A-Za-z0-9_-]{43}$/);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(token);
    expect(parseTokensFile(text).byHash.get(tokenHash(token))).toEqual({ name: 'alice', resourceId: 29682902, toolsets: ['core', 'tickets'], readOnly: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(r.err).toMatch(/shown once/);
    expect(run(['add', '--name', 'bob', '--file', file]).code).toBe(0);
    expect(parseTokensFile(readFileSync(file, 'utf8')).byHash.size).toBe(2);
  });

  it('refuses a duplicate name, bad toolsets or resource, and unknown options; list and remove', () => {
    const file = tmp();
    expect(run(['add', '--name', 'alice', '--file', file]).code).toBe(0);
    expect(run(['add', '--name', 'Alice', '--file', file])).toMatchObject({ code: 2, err: expect.stringMatching(/already has a token/) });
    expect(run(['add', '--name', 'bob', '--toolsets', 'tickets,nope', '--file', file])).toMatchObject({ code: 2, err: expect.stringMatching(/unknown toolset\(s\) nope/) });
    expect(run(['add', '--name', 'bob', '--resource=-1', '--file', file])).toMatchObject({ code: 2, err: expect.stringMatching(/--resource must be a positive/) });
    expect(run(['add', '--name', 'bob', '--admin', '--file', file]).code).toBe(2);
    expect(run(['add', '--name', 'bob'])).toMatchObject({ code: 2, err: expect.stringMatching(/set MCP_TOKENS_FILE/) });
    expect(run(['list', '--file', file]).out).toBe('alice\tresource=-\ttoolsets=all\n');
    expect(run(['remove', '--name', 'alice', '--file', file]).code).toBe(0);
    expect(run(['list', '--file', file]).out).toBe('');
    expect(run(['remove', '--name', 'alice', '--file', file]).code).toBe(2);
  });
});
