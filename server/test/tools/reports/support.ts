/**
 * Shared setup of the report tests: a current demo tenant (its "now" is the start of this hour,
 * as demo mode serves it, because the reports measure from the real clock), one harness per
 * file with a cold name cache before each test (so request counts are exact), and the queries a
 * report sent.
 */
import { beforeEach } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { SeedRecord } from '../../../src/fake/types.js';
import { useHarness, type Session } from '../companies/flow.js';
import { createNameResolver } from '../../../src/tools/enrich.js';
import { dataRequests } from '../tickets/support.js';

export const DAY = 86_400_000;
export const seedNow = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
export const seed = buildDemoSeed({ now: seedNow });
export const recs = (entity: string): SeedRecord[] => seed.records[entity] ?? [];
export const byId = (entity: string) => new Map(recs(entity).map((r) => [r.id, r]));

export function useReportHarness(): Session {
  const s = useHarness({ seed });
  // A cold name cache for every test: the request counts it pins hold without earlier lookups.
  beforeEach(() => {
    s.h.deps.names = createNameResolver(s.h.deps.api);
  });
  return s;
}

/** "Route xN" of every data request sent since the log was cleared, sorted. */
export function queriesSent(s: Session): string[] {
  const n = new Map<string, number>();
  for (const r of dataRequests(s.h.fake)) n.set(r.route, (n.get(r.route) ?? 0) + 1);
  return [...n].map(([route, k]) => `${route} x${k}`).sort();
}

export const dayOf = (v: unknown): string => String(v).slice(0, 10);
export const sum = (xs: number[]): number => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;
