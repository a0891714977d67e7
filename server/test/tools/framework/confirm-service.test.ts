/** ConfirmationService in isolation: binding is independent of key order, and used nonces are pruned after expiry. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, ConfirmationService, payloadHash } from '../../../src/tools/confirm.js';

const req = { tool: 'update_entity', method: 'PATCH', path: 'Tickets', body: { id: 5, title: 'a', priority: 1 } };

describe('ConfirmationService', async () => {
  it('binds a token to the request regardless of key order, and to nothing else', async () => {
    const s = new ConfirmationService();
    const { token } = await s.issue(req);
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
    expect(payloadHash({ ...req, body: { priority: 1, title: 'a', id: 5 } })).toBe(payloadHash(req));
    expect(await s.consume(token, { ...req, body: { ...req.body, priority: 2 } })).toMatchObject({ ok: false, reason: 'payload' });
    expect(await s.consume(token, { ...req, path: 'Tickets/9/Notes' })).toMatchObject({ ok: false, reason: 'payload' });
    expect(await s.consume(token, { ...req, body: { priority: 1, id: 5, title: 'a' } })).toEqual({ ok: true });
    expect(await s.consume(token, req)).toMatchObject({ ok: false, reason: 'reused' });
  });

  it('refuses tokens of another instance (per-process key) and expired ones', async () => {
    let now = 1_000_000;
    const a = new ConfirmationService(60_000, () => now);
    const b = new ConfirmationService(60_000, () => now);
    expect(await b.consume((await a.issue(req)).token, req)).toMatchObject({ ok: false, reason: 'signature' });
    const { token, expiresAt } = await a.issue(req);
    expect(expiresAt).toBe(new Date(1_060_000).toISOString());
    now = 1_060_001;
    expect(await a.consume(token, req)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('forgets used nonces once their token has expired (no unbounded growth)', async () => {
    let now = 0;
    const s = new ConfirmationService(1_000, () => now);
    for (let i = 0; i < 50; i++) expect((await s.consume((await s.issue(req)).token, req)).ok).toBe(true);
    const used = (s as unknown as { store: { used: Map<string, number> } }).store.used;
    expect(used.size).toBe(50);
    now = 2_000;
    await s.consume((await s.issue(req)).token, req);
    expect(used.size).toBe(1);
  });
});
