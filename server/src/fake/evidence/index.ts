/**
 * Every Autotask behaviour the fake models, grouped by area (one module per area keeps the
 * table readable and merge-friendly). Order here is the order of docs/EVIDENCE.md.
 */
import type { Evidence } from './types.js';
import { PROTOCOL_EVIDENCE } from './protocol.js';
import { RESULTS_EVIDENCE } from './results.js';

export type { Evidence, EvidenceStatus } from './types.js';

export const EVIDENCE: readonly Evidence[] = [...PROTOCOL_EVIDENCE, ...RESULTS_EVIDENCE];
