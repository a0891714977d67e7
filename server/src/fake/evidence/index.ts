/**
 * Every Autotask behaviour the fake models, grouped by area (one module per area keeps the
 * table readable and merge-friendly). Order here is the order of docs/EVIDENCE.md.
 */
import type { Evidence } from './types.js';
import { PROTOCOL_EVIDENCE } from './protocol.js';
import { TIME_EVIDENCE } from './time.js';

export type { Evidence, EvidenceStatus } from './types.js';

export const EVIDENCE: readonly Evidence[] = [...PROTOCOL_EVIDENCE, ...TIME_EVIDENCE];
