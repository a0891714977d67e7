/** Unit tests: the limiter's give-up, the call deadline, base64 redaction and the budget arithmetic. */
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { KeyedLimiter, QueueTimeout } from '../../src/autotask/limiter.js';
import { deadlineOf, startDeadline } from '../../src/autotask/deadline.js';
import { AutotaskError } from '../../src/autotask/errors.js';
import { redactSecrets } from '../../src/autotask/redact.js';
import { BudgetGovernor, UsageBudget } from '../../src/autotask/budget.js';
import { isEssential } from '../../src/tools/core/budget-gate.js';

describe('limiter give-up', () => {
  it('a waiter leaves the queue at its give-up time with how busy the key was; the others keep their places', async () => {
    const limiter = new KeyedLimiter(2);
    const held = [await limiter.acquire('Tickets'), await limiter.acquire('Tickets')];
    const patient = limiter.acquire('tickets');
    const started = Date.now();
    const err = await limiter.acquire('Tickets', { giveUpAt: Date.now() + 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueueTimeout);
    expect(err).toMatchObject({ running: 2, waiting: 1, maxPerKey: 2 });
    expect((err as QueueTimeout).waitedMs).toBeGreaterThanOrEqual(90);
    expect(Date.now() - started).toBeLessThan(5_000); // the held slots are never released: only giveUpAt ends it
    expect(limiter.queued('Tickets')).toBe(1);
    held[0]();
    const next = await patient;
    expect(limiter.inFlight('Tickets')).toBe(2);
    next();
    held[1]();
    expect(limiter.inFlight('Tickets')).toBe(0);
  });

  it('a waiter granted before its give-up time keeps the slot', async () => {
    const limiter = new KeyedLimiter(1);
    const first = await limiter.acquire('k');
    const second = limiter.acquire('k', { giveUpAt: Date.now() + 200 });
    setTimeout(first, 20);
    const release = await second;
    await new Promise((r) => setTimeout(r, 250));
    expect(limiter.inFlight('k')).toBe(1);
    release();
  });
});

describe('call deadline', () => {
  it('its signal carries the deadline and follows the parent', () => {
    const parent = new AbortController();
    const scope = startDeadline(parent.signal, 5_000);
    expect(deadlineOf(scope.signal)?.budgetMs).toBe(5_000);
    expect(scope.deadline.remaining()).toBeGreaterThan(4_900);
    expect(deadlineOf(parent.signal)).toBeUndefined();
    parent.abort(new Error('cancelled'));
    expect(scope.signal.aborted).toBe(true);
    expect((scope.signal.reason as Error).message).toBe('cancelled');
    scope.dispose();
  });

  it('aborts shortly after the deadline with an actionable error', async () => {
    const scope = startDeadline(new AbortController().signal, 50);
    await new Promise((r) => scope.signal.addEventListener('abort', r));
    expect(scope.signal.reason).toBeInstanceOf(AutotaskError);
    expect((scope.signal.reason as AutotaskError).message).toMatch(/ran past its 0.1 s limit \(MCP_TOOL_TIMEOUT_SECONDS\)|ran past its 0 s limit/);
    scope.dispose();
  });
});

describe('redaction of encoded credentials', () => {
  const secret = 'S3cr3t-Value/with+odd=chars';
  const user = 'api-user@tenant.example';
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  it.each([
    ['base64', b64(secret)],
    ['base64url', Buffer.from(secret).toString('base64url')],
    ['base64 of user:secret', b64(`${user}:${secret}`)],
    ['base64 at offset 1', b64(`x${secret}y`)],
    ['base64 at offset 2', b64(`xy${secret}`)],
    ['URL-encoded base64', encodeURIComponent(b64(`${user}:${secret}`))],
    ['URL-encoded', encodeURIComponent(secret)],
  ])('%s', (_name, form) => {
    const out = redactSecrets(`Autotask said: header ${form} is invalid.`, [secret, user]);
    expect(out).toBe('Autotask said: header [REDACTED] is invalid.');
  });

  it('leaves ordinary text and other base64 alone', () => {
    const text = `Ticket T2024.0001: ${b64('some other value entirely')} and plain words.`;
    expect(redactSecrets(text, [secret, user])).toBe(text);
  });
});

describe('budget arithmetic', () => {
  const config = { warnPercent: 80, stopPercent: 95, checkMs: 300_000 };
  const reading = (used: number, limit = 10_000) => ({ externalRequestThreshold: limit, requestThresholdTimeframe: 60, currentTimeframeRequestCount: used });

  it('adds the requests sent since the reading and names the level', () => {
    const t = 0;
    const b = new UsageBudget(config, () => t);
    expect(b.estimate()).toBeNull();
    expect(b.due()).toBe(true);
    b.record(reading(7_990));
    expect(b.estimate()).toMatchObject({ level: 'ok', used: 7_990, percent: 79.9 });
    for (let i = 0; i < 10; i++) b.sent();
    expect(b.estimate()).toMatchObject({ level: 'warn', used: 8_000, percent: 80, sentSince: 10 });
    b.record(reading(9_600));
    const stop = b.estimate()!;
    expect(stop).toMatchObject({ level: 'stop', sentSince: 0 });
    // 100 over the stop level, 9,600 spread over 60 min: about 0.6 min, at least 1.
    expect(stop.retryInMinutes).toBe(1);
    b.record(reading(12_000));
    expect(b.estimate()!.retryInMinutes).toBe(Math.ceil(60 * (1 - 9_500 / 12_000)));
  });

  it('reads again after checkMs, sooner near the limits, never with checkMs 0, and not right after a failed reading', () => {
    let t = 0;
    const b = new UsageBudget(config, () => t);
    b.attempting();
    expect(b.due()).toBe(false);
    t = 60_000;
    expect(b.due()).toBe(true);
    b.record(reading(100));
    t += 299_000;
    expect(b.due()).toBe(false);
    t += 1_000;
    expect(b.due()).toBe(true);
    b.record(reading(8_500));
    t += 60_000;
    expect(b.due()).toBe(true);
    expect(new UsageBudget({ ...config, checkMs: 0 }, () => t).due()).toBe(false);
  });

  it('the governor waits a bounded time for its reading and logs each change of level once', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'debug' }, { write: (s: string) => void lines.push(s) });
    let answer: (() => void) | undefined;
    const g = new BudgetGovernor(config, () => new Promise<void>((r) => (answer = () => (g.record(reading(9_000)), r()))), log);
    const started = Date.now();
    expect(await g.status(50)).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000); // the reading never comes until answer(): only the bound ends it
    answer!();
    await new Promise((r) => setTimeout(r, 0));
    expect((await g.status(50))?.level).toBe('warn');
    expect((await g.status(50))?.level).toBe('warn');
    expect(lines.filter((l) => l.includes('"budgetLevel":"warn"'))).toHaveLength(1);
  });

  it('essential: writes, the usage and connection tools, the toolset tools', () => {
    expect(isEssential({ name: 'create_note', kind: 'create', toolset: 'notes' })).toBe(true);
    expect(isEssential({ name: 'get_api_usage', kind: 'read', toolset: 'core' })).toBe(true);
    expect(isEssential({ name: 'test_connection', kind: 'read', toolset: 'core' })).toBe(true);
    expect(isEssential({ name: 'list_toolsets', kind: 'read', toolset: 'discovery' })).toBe(true);
    expect(isEssential({ name: 'search_tickets', kind: 'read', toolset: 'tickets' })).toBe(false);
  });
});
