/** ConfirmationService.hold/redeem in isolation: a held write is handed out once, to its arguments, within bounds. */
import { describe, expect, it } from 'vitest';
import { argumentsHash, ConfirmationService, type HeldWrite } from '../../../src/tools/confirm.js';

const write = (title: string, plannedAt = 0): HeldWrite => ({
  request: { tool: 'update_ticket', method: 'PATCH', path: 'Tickets', body: { id: 5, title } },
  plan: { operation: 'update', entity: 'Tickets', id: 5, body: { id: 5, title }, summary: `Retitle ticket 5 to ${title}`, expected: { title: 'old' } },
  plannedAt,
});
const args = (title: string) => argumentsHash('update_ticket', { id: 5, title });

describe('held writes', async () => {
  it('are redeemed once, only with the arguments of their preview', async () => {
    const s = new ConfirmationService(60_000, () => 0);
    const { token } = await s.hold(write('a'), args('a'));
    expect(await s.redeem(token, args('b'))).toMatchObject({ ok: false, reason: 'payload' });
    expect(await s.redeem(token, argumentsHash('update_entity', { id: 5, title: 'a' }))).toMatchObject({ ok: false, reason: 'payload' });
    const r = await s.redeem(token, args('a'));
    expect(r).toMatchObject({ ok: true, held: write('a') });
    expect(await s.redeem(token, args('a'))).toMatchObject({ ok: false, reason: 'reused' });
  });

  it('a released token can be redeemed again', async () => {
    const s = new ConfirmationService(60_000, () => 0);
    const { token } = await s.hold(write('a'), args('a'));
    const first = await s.redeem(token, args('a'));
    if (!first.ok) throw new Error(first.message);
    first.release();
    expect(await s.redeem(token, args('a'))).toMatchObject({ ok: true });
  });

  it('expire with their token and are dropped, oldest first, past the bound', async () => {
    let now = 0;
    const s = new ConfirmationService(1_000, () => now);
    const tokens: string[] = [];
    for (let i = 0; i < 1_001; i++) tokens.push((await s.hold(write(`t${i}`), args(`t${i}`))).token);
    expect(await s.redeem(tokens[0], args('t0'))).toMatchObject({ ok: false, reason: 'unknown', message: expect.stringMatching(/no longer holds the preview.*Nothing was changed/) });
    expect(await s.redeem(tokens[1_000], args('t1000'))).toMatchObject({ ok: true });
    now = 1_001;
    expect(await s.redeem(tokens[1], args('t1'))).toMatchObject({ ok: false, reason: 'expired' });
    // The store prunes on its next use: only the write held now is left.
    await s.hold(write('late', now), args('late'));
    const held = (s as unknown as { store: { held: Map<string, unknown> } }).store.held;
    expect(held.size).toBe(1);
  });

  it('a forged signature or a token of another instance is refused', async () => {
    const a = new ConfirmationService();
    const b = new ConfirmationService();
    const { token } = await a.hold(write('a'), args('a'));
    expect(await b.redeem(token, args('a'))).toMatchObject({ ok: false, reason: 'signature' });
    expect(await a.redeem(`${token.split('.')[0]}.AAAA`, args('a'))).toMatchObject({ ok: false, reason: 'signature' });
  });
});
