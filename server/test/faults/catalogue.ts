/**
 * The fault suite's catalogue: every fault kind the fake can inject, with what a read and a
 * confirmed write must end with. A seeded generator (mulberry32) picks the details, so a run is
 * the same for the same seed.
 */
import type { FaultKind } from '../../src/fake/types.js';

/** Deterministic PRNG: the same seed, the same cases. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a read ends with: it recovers (the fault was transient), or fails with this text. */
export type ReadExpect = { recovers: true } | { fails: RegExp };

/** What a confirmed write ends with (it always reaches Autotask exactly once). */
export type WriteExpect = 'done' | 'may_have_applied' | 'refused';

export interface FaultCase {
  name: string;
  fault: () => FaultKind;
  /** Uses of the fault (undefined: every request). */
  times?: number;
  read: ReadExpect;
  write: WriteExpect;
}

const HTML = '<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>';
const retryAfterDate = (ms: number) => new Date(Date.now() + ms).toUTCString();

/** `pick` chooses among equivalent variants (status codes) with the suite's generator. */
export function faultCases(pick: <T>(options: readonly T[]) => T): FaultCase[] {
  const gateway = pick([502, 503, 504] as const);
  return [
    { name: '429 Retry-After 1 (seconds)', times: 1, fault: () => ({ kind: 'status', status: 429, headers: { 'Retry-After': '1' } }), read: { recovers: true }, write: 'refused' },
    { name: '429 Retry-After as an HTTP-date', times: 1, fault: () => ({ kind: 'status', status: 429, headers: { 'Retry-After': retryAfterDate(1_000) } }), read: { recovers: true }, write: 'refused' },
    { name: '429 Retry-After 120', fault: () => ({ kind: 'status', status: 429, headers: { 'Retry-After': '120' } }), read: { fails: /asked to wait 120 s/ }, write: 'refused' },
    { name: '500 with Autotask errors', fault: () => ({ kind: 'status', status: 500, body: { errors: ['Simulated failure.'] } }), read: { fails: /Simulated failure/ }, write: 'refused' },
    { name: `${gateway} once`, times: 1, fault: () => ({ kind: 'status', status: gateway }), read: { recovers: true }, write: 'may_have_applied' },
    { name: `${gateway} always`, fault: () => ({ kind: 'status', status: gateway }), read: { fails: new RegExp(`HTTP ${gateway}`) }, write: 'may_have_applied' },
    { name: '500 with an empty body', fault: () => ({ kind: 'body', status: 500, text: '' }), read: { fails: /body this client cannot read/ }, write: 'may_have_applied' },
    { name: '502 with an HTML page once', times: 1, fault: () => ({ kind: 'body', status: 502, text: HTML }), read: { recovers: true }, write: 'may_have_applied' },
    { name: '200 with an HTML page', fault: () => ({ kind: 'body', status: 200, text: HTML, applied: true }), read: { fails: /not JSON/ }, write: 'may_have_applied' },
    { name: 'truncated JSON', fault: () => ({ kind: 'truncate' }), read: { fails: /not JSON/ }, write: 'may_have_applied' },
    { name: 'hang once', times: 1, fault: () => ({ kind: 'hang' }), read: { recovers: true }, write: 'may_have_applied' },
    { name: 'hang always', fault: () => ({ kind: 'hang' }), read: { fails: /no answer from Autotask/ }, write: 'may_have_applied' },
    { name: 'reset once', times: 1, fault: () => ({ kind: 'reset' }), read: { recovers: true }, write: 'may_have_applied' },
    { name: 'reset after the write was applied', times: 1, fault: () => ({ kind: 'reset', applied: true }), read: { recovers: true }, write: 'may_have_applied' },
    { name: 'slow trickle past the timeout, once', times: 1, fault: () => ({ kind: 'trickle', intervalMs: 400, chunkBytes: 4 }), read: { recovers: true }, write: 'may_have_applied' },
    { name: 'slow trickle inside the timeout', times: 1, fault: () => ({ kind: 'trickle', intervalMs: 5, chunkBytes: 64 }), read: { recovers: true }, write: 'done' },
  ];
}

export const MAY_HAVE_APPLIED = /may have been applied/;
