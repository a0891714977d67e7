/** ConfirmationService.hold/redeem in isolation: a held write is handed out once, to its arguments, within bounds. */
import { describe, expect, it } from 'vitest';
import { argumentsHash, ConfirmationService, type HeldWrite } from '../../../src/tools/confirm.js';

const write = (title: string, plannedAt = 0): HeldWrite => ({
  request: { tool: 'update_ticket', method: 'PATCH', path: 'Tickets', body: { id: 5, title } },
  plan: { operation: 'update', entity: 'Tickets', id: 5, body: { id: 5, title }, summary: `Retitle ticket 5 to ${title}`, expected: { title: 'old' } },
  plannedAt,
});
const args = (title: string) => argumentsHash('update_ticket', { id: 5, title });

describe('held writes', () => {
  it('are redeemed once, only with the arguments of their preview', () => {
    const s = new ConfirmationService(60_000, () => 0);
    const { token } = s.hold(write('a'), args('a'));
    expect(s.redeem(token, args('b'))).toMatchObject({ ok: false, reason: 'payload' });
    expect(s.redeem(token, argumentsHash('update_entity', { id: 5, title: 'a' }))).toMatchObject({ ok: false, reason: 'payload' });
    const r = s.redeem(token, args('a'));
    expect(r).toMatchObject({ ok: true, held: write('a') });
    expect(s.redeem(token, args('a'))).toMatchObject({ ok: false, reason: 'reused' });
  });

  it('a released token can be redeemed again', () => {
    const s = new ConfirmationService(60_000, () => 0);
    const { token } = s.hold(write('a'), args('a'));
    const first = s.redeem(token, args('a'));
    if (!first.ok) throw new Error(first.message);
    first.release();
    expect(s.redeem(token, args('a'))).toMatchObject({ ok: true });
  });

  it('expire with their token and are dropped, oldest first, past the bound', () => {
    let now = 0;
    const s = new ConfirmationService(1_000, () => now);
    const tokens = Array.from({ length: 1_001 }, (_, i) => s.hold(write(`t${i}`), args(`t${i}`)).token);
    expect(s.redeem(tokens[0], args('t0'))).toMatchObject({ ok: false, reason: 'unknown', message: expect.stringMatching(/no longer holds the preview.*Nothing was changed/) });
    expect(s.redeem(tokens[1_000], args('t1000'))).toMatchObject({ ok: true });
    now = 1_001;
    expect(s.redeem(tokens[1], args('t1'))).toMatchObject({ ok: false, reason: 'expired' });
    const held = (s as unknown as { held: Map<string, unknown> }).held;
    expect(held.size).toBe(0);
  });

  it('a forged signature or a token of another instance is refused', () => {
    const a = new ConfirmationService();
    const b = new ConfirmationService();
    const { token } = a.hold(write('a'), args('a'));
    expect(b.redeem(token, args('a'))).toMatchObject({ ok: false, reason: 'signature' });
    expect(a.redeem(`${token.split('.')[0]}.AAAA`, args('a'))).toMatchObject({ ok: false, reason: 'signature' });
  });
});
