/**
 * One behaviour of Autotask that the fake models, with where we know it from. The table
 * (./index.ts) is the single record of the fake's assumptions: docs/EVIDENCE.md is generated
 * from it, test/fake/evidence.test.ts runs one probe per entry against the fake over HTTP, and
 * `doctor` checks the unverified ones that can be checked read-only on a user's own tenant.
 */
export type EvidenceStatus =
  /** Stated by the official Autotask REST help or seen by a client used against live tenants. */
  | 'verified'
  /** Our best reading; no independent source confirms it. */
  | 'unverified';

export interface Evidence {
  /** Stable key, `area.behaviour` (the probe in test/fake/evidence.test.ts has the same key). */
  id: string;
  /** What the fake does, in one sentence. */
  behaviour: string;
  status: EvidenceStatus;
  /**
   * Where it comes from: "official: <page title>", "<owner>/<repo> <path or #issue>", or for
   * unverified entries, why we believe it.
   */
  sources: string[];
  /** Where real Autotask is known to behave differently and the fake is stricter on purpose. */
  realDiffers?: string;
  /** The `doctor` check id that verifies this on a real tenant, when one can (read-only); `prefix.*` names a family (fields.*). */
  doctorCheck?: string;
}
