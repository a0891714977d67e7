/**
 * Security suite: bearer variants, DNS-rebinding Host/Origin variants, oversized and slow
 * bodies, odd resource URIs, and over all of it a credential scan of every log line, tool or
 * resource result and HTTP answer for the sentinel secrets (raw, URL-encoded, base64).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SECRET_SENTINELS } from '../helpers/harness.js';
import { bearerVariants } from './bearer.js';
import { bodyVariants } from './bodies.js';
import { rebindingVariants } from './rebinding.js';
import { resourceVariants } from './resources.js';
import { CredentialScan } from './scan.js';
import { scan } from './support.js';

bearerVariants();
rebindingVariants();
bodyVariants();
resourceVariants();

describe('credential scan', () => {
  it('finds a sentinel in each form it looks for (the scan can fail)', () => {
    const probe = new CredentialScan();
    const secret = SECRET_SENTINELS[1];
    probe.record('raw', `error: ${secret} rejected`);
    probe.record('url', `?q=${encodeURIComponent(`x ${secret}/`)}`);
    for (const lead of ['', 'a', 'ab']) probe.record(`base64 ${lead.length}`, Buffer.from(`${lead}user:${secret}:tail`).toString('base64'));
    probe.record('base64url', Buffer.from(`?${secret}?`).toString('base64url'));
    expect(new Set(probe.findings().map((f) => f.source))).toEqual(new Set(['raw', 'url', 'base64 0', 'base64 1', 'base64 2', 'base64url']));
  });
});

afterAll(() => {
  // Every answer, result and log line of the suite above; thousands of entries.
  expect(scan.recorded).toBeGreaterThan(200);
  expect(scan.findings()).toEqual([]);
});
