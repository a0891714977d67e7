/** A probe checks one evidence row (src/fake/evidence/) against the fake over real HTTP. */
import type { FakeAutotask } from '../../../src/fake/types.js';

export interface ProbeContext {
  /** A fresh fake seeded with buildTestSeed() (fake-helpers.ts); each probe gets its own. */
  fake: FakeAutotask;
}

/** Throws (an `expect` failure) when the fake does not behave as the row says. */
export type Probe = (ctx: ProbeContext) => Promise<void>;
