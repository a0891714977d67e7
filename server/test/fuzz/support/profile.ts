/**
 * How much to fuzz. The test command runs the short profile (fixed seed, bounded counts, about a
 * minute on 2 cores); `npm run fuzz` sets FUZZ_PROFILE=long (same seed, 20x the cases) and each
 * suite writes its figures to ../fuzz-results/<suite>.json (scripts/fuzz-summary.ts adds them up).
 * FUZZ_SEED replays another seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LONG = process.env.FUZZ_PROFILE === 'long';
export const SEED = Number(process.env.FUZZ_SEED ?? 20261110);
export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../fuzz-results');

/** Cases for a suite: `short` in the test command, `long` in the long run. */
export function cases(short: number, long: number): number {
  return LONG ? long : short;
}

/** Generous per-test timeout: a long run takes minutes. */
export const TIMEOUT_MS = LONG ? 45 * 60_000 : 240_000;

export interface SuiteFigures {
  suite: string;
  profile: 'short' | 'long';
  seed: number;
  cases: number;
  ms: number;
  failures: string[];
  [figure: string]: unknown;
}

/** Counters a suite fills while it runs; written out in the long run. */
export class Figures {
  readonly counts: Record<string, number> = {};
  readonly failures: string[] = [];
  private readonly started = Date.now();

  constructor(readonly suite: string) {}

  add(name: string, n = 1): void {
    this.counts[name] = (this.counts[name] ?? 0) + n;
  }

  fail(problem: string): void {
    if (this.failures.length < 50) this.failures.push(problem);
  }

  write(): SuiteFigures {
    const out: SuiteFigures = { suite: this.suite, profile: LONG ? 'long' : 'short', seed: SEED, cases: this.counts.cases ?? 0, ms: Date.now() - this.started, ...this.counts, failures: this.failures };
    if (LONG || process.env.FUZZ_RESULTS) {
      mkdirSync(RESULTS_DIR, { recursive: true });
      writeFileSync(join(RESULTS_DIR, `${this.suite}.json`), `${JSON.stringify(out, null, 2)}\n`);
    }
    return out;
  }
}
