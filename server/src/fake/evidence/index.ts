/**
 * Every Autotask behaviour the fake models, grouped by area (one module per area keeps the
 * table readable and merge-friendly). Order here is the order of docs/EVIDENCE.md.
 */
import type { Evidence } from './types.js';
import { PROTOCOL_EVIDENCE } from './protocol.js';
import { SHAPES_EVIDENCE } from './shapes.js';
import { QUERY_EVIDENCE } from './query.js';
import { LIMITS_EVIDENCE } from './limits.js';
import { ZONE_EVIDENCE } from './zone-lookup.js';
import { FIELDS_EVIDENCE } from './fields.js';
import { ATTACHMENTS_EVIDENCE } from './attachments.js';
import { WRITES_EVIDENCE } from './writes.js';
import { NOTES_EVIDENCE } from './notes.js';
import { TICKETS_EVIDENCE } from './tickets.js';
import { TIME_EVIDENCE } from './time.js';
import { RESULTS_EVIDENCE } from './results.js';
import { PAGING_EVIDENCE } from './paging.js';
import { BILLING_EVIDENCE } from './billing.js';
import { SALES_EVIDENCE } from './sales.js';
import { EXPENSES_EVIDENCE } from './expenses.js';

export type { Evidence, EvidenceStatus } from './types.js';

export const EVIDENCE: readonly Evidence[] = [
  ...PROTOCOL_EVIDENCE,
  ...SHAPES_EVIDENCE,
  ...QUERY_EVIDENCE,
  ...LIMITS_EVIDENCE,
  ...ZONE_EVIDENCE,
  ...FIELDS_EVIDENCE,
  ...ATTACHMENTS_EVIDENCE,
  ...WRITES_EVIDENCE,
  ...NOTES_EVIDENCE,
  ...TICKETS_EVIDENCE,
  ...TIME_EVIDENCE,
  ...RESULTS_EVIDENCE,
  ...PAGING_EVIDENCE,
  ...BILLING_EVIDENCE,
  ...SALES_EVIDENCE,
  ...EXPENSES_EVIDENCE,
];
