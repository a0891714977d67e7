import { describe, expect, it } from 'vitest';
import { createLogger, censorEvent } from '../../src/logging/logger.js';
import { formatSimpleLine } from '../../src/logging/format.js';
import { createScrubber, SCRUBBED } from '../../src/logging/scrub.js';
import type { LoggerConfig } from '../../src/logging/logger.js';

const SECRET = 'LOG-SENTINEL-SECRET-"quoted"\\x';
const CODE = 'LOG-SENTINEL-CODE-5521';
const TOKEN = 'LOG-SENTINEL-BEARER-abcdef0123';

function capture(format: 'json' | 'simple', level = 'debug') {
  let out = '';
  const config: LoggerConfig = {
    log: { level, format },
    credentials: { integrationCode: CODE, username: 'api@example.test', secret: SECRET },
    http: { host: '127.0.0.1', port: 0, authToken: TOKEN, tokensFile: null, allowedHosts: [], allowedOrigins: [], sessionIdleTtlMs: 1000, maxSessions: 1, bodyLimit: '1mb' },
  };
  const logger = createLogger(config, { write: (s: string) => (out += s) });
  return { logger, text: () => out };
}

describe('createLogger', () => {
  it('writes JSON lines with an ISO time and a level label', () => {
    const { logger, text } = capture('json');
    logger.info({ method: 'POST', status: 200 }, 'http request');
    const event = JSON.parse(text().trim());
    expect(event).toMatchObject({ level: 'info', msg: 'http request', method: 'POST', status: 200 });
    expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(event).not.toHaveProperty('pid');
  });

  it('writes one readable line per event in simple format', () => {
    const { logger, text } = capture('simple');
    logger.info({ method: 'POST', path: '/mcp', status: 200, ms: 12, tool: 'search_tickets' }, 'http request');
    logger.warn({ note: 'two words', nested: { a: 1 } }, 'careful');
    const lines = text().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO {2}http request method=POST path=\/mcp status=200 ms=12 tool=search_tickets$/);
    expect(lines[1]).toMatch(/ WARN {2}careful note="two words" nested=\{"a":1\}$/);
  });

  it('keeps an event on one line in simple format even when the message has line breaks', () => {
    const { logger, text } = capture('simple');
    logger.warn({ detail: 'a\nb' }, 'first line\nsecond line\r\nthird\u2028fourth');
    const out = text();
    expect(out.endsWith('\n')).toBe(true);
    expect(out.trimEnd().split(/\r?\n|\r|\u2028|\u2029/)).toHaveLength(1);
    expect(out).toContain('first line\\nsecond line\\r\\nthird\\u2028fourth');
    expect(out).toContain('detail="a\\nb"');
  });

  it('honours the level', () => {
    const { logger, text } = capture('json', 'warn');
    logger.info('hidden');
    logger.debug('hidden');
    logger.warn('shown');
    expect(text()).not.toContain('hidden');
    expect(text()).toContain('shown');
  });

  it.each(['json', 'simple'] as const)('redacts credential headers and scrubs secret values anywhere (%s)', (format) => {
    const { logger, text } = capture(format);
    logger.info({ req: { headers: { authorization: 'Bearer whatever-token', apiintegrationcode: 'x', secret: 'y', username: 'api@example.test' } } }, 'request');
    logger.info({ headers: { ApiIntegrationCode: CODE, Secret: SECRET, UserName: 'u' } }, 'outgoing');
    logger.info({ credentials: { secret: SECRET } }, 'config');
    logger.error({ err: new Error(`upstream said ${SECRET} and ${CODE}`) }, `failed with Bearer ${TOKEN}`);
    logger.info({ url: `https://x.test/?code=${encodeURIComponent(SECRET)}` }, 'url');
    const out = text();
    for (const s of [SECRET, JSON.stringify(SECRET).slice(1, -1), encodeURIComponent(SECRET), CODE, TOKEN, 'whatever-token']) expect(out).not.toContain(s);
    expect(out).toContain(SCRUBBED);
    expect(out).toContain('upstream said');
    if (format === 'json') for (const line of out.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe('key redaction', () => {
  it('censors credential keys at the top, one level down and in headers one or two levels down, without touching the logged object', () => {
    const { logger, text } = capture('json');
    const obj = {
      secret: 'a',
      config: { credentials: { x: 1 }, authToken: 'b', other: 'kept' },
      req: { headers: { authorization: 'c', 'content-type': 'application/json' } },
      call: { upstream: { headers: { ApiIntegrationCode: 'd', accept: 'json' } } },
      deep: { a: { b: { password: 'not a credential path' } } },
      list: [{ secret: 'arrays are not walked' }],
    };
    const before = JSON.stringify(obj);
    logger.info(obj, 'x');
    const event = JSON.parse(text().trim());
    expect(event.secret).toBe('[REDACTED]');
    expect(event.config).toEqual({ credentials: '[REDACTED]', authToken: '[REDACTED]', other: 'kept' });
    expect(event.req.headers).toEqual({ authorization: '[REDACTED]', 'content-type': 'application/json' });
    expect(event.call.upstream.headers).toEqual({ ApiIntegrationCode: '[REDACTED]', accept: 'json' });
    expect(event.deep.a.b.password).toBe('not a credential path');
    expect(event.list).toEqual([{ secret: 'arrays are not walked' }]);
    expect(JSON.stringify(obj)).toBe(before);
  });

  // The cost of key redaction is pinned by what it does, not by a timer (timers flake on a loaded
  // CI): pino's wildcard redact paths cost ~130 µs a line; this walk allocates nothing for the
  // common line without credential keys. The bench measures time.
  it('copies nothing for a line without credential keys (the hot path of every request log)', () => {
    const line = { method: 'POST', path: '/mcp', status: 200, ms: 3, call: { upstream: { headers: { accept: 'json' } } } };
    expect(censorEvent(line)).toBe(line);
    const secret = { ...line, call: { upstream: { headers: { accept: 'json', secret: 's3cr3t-value' } } } };
    const out = censorEvent(secret);
    expect(out).not.toBe(secret);
    expect(JSON.stringify(out)).not.toContain('s3cr3t-value');
    expect(secret.call.upstream.headers.secret).toBe('s3cr3t-value');
  });
});

describe('createScrubber', () => {
  it('ignores very short values and replaces every occurrence', () => {
    const scrub = createScrubber(['ab', 'longsecret']);
    expect(scrub('ab longsecret xlongsecretx')).toBe(`ab ${SCRUBBED} x${SCRUBBED}x`);
  });
});

describe('formatSimpleLine', () => {
  it('passes non-JSON through as one line', () => {
    expect(formatSimpleLine('plain')).toBe('plain\n');
  });
});
