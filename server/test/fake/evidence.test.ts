/**
 * The evidence table (src/fake/evidence/) keeps the fake honest: every row has a probe here that
 * checks the fake over HTTP, every probe has a row, and docs/EVIDENCE.md is generated from it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { EVIDENCE } from '../../src/fake/evidence/index.js';
import type { FakeAutotask } from '../../src/fake/types.js';
import { EVIDENCE_MD, REGENERATE_EVIDENCE, renderEvidence } from '../../scripts/gen-evidence-doc.js';
import { startTestFake } from './fake-helpers.js';
import type { Probe } from './evidence/types.js';
import { PROTOCOL_PROBES } from './evidence/protocol.js';
import { SHAPES_PROBES } from './evidence/shapes.js';
import { QUERY_PROBES } from './evidence/query.js';
import { LIMITS_PROBES } from './evidence/limits.js';
import { ZONE_PROBES } from './evidence/zone-lookup.js';
import { FIELDS_PROBES } from './evidence/fields.js';
import { ATTACHMENTS_PROBES } from './evidence/attachments.js';
import { WRITES_PROBES } from './evidence/writes.js';
import { NOTES_PROBES } from './evidence/notes.js';
import { TICKETS_PROBES } from './evidence/tickets.js';
import { TIME_PROBES } from './evidence/time.js';
import { RESULTS_PROBES } from './evidence/results.js';
import { PAGING_PROBES } from './evidence/paging.js';
import { BILLING_PROBES } from './evidence/billing.js';
import { SALES_PROBES } from './evidence/sales.js';
import { EXPENSES_PROBES } from './evidence/expenses.js';

const PROBES: Record<string, Probe> = {
  ...PROTOCOL_PROBES,
  ...SHAPES_PROBES,
  ...QUERY_PROBES,
  ...LIMITS_PROBES,
  ...ZONE_PROBES,
  ...FIELDS_PROBES,
  ...ATTACHMENTS_PROBES,
  ...WRITES_PROBES,
  ...NOTES_PROBES,
  ...TICKETS_PROBES,
  ...TIME_PROBES,
  ...RESULTS_PROBES,
  ...PAGING_PROBES,
  ...BILLING_PROBES,
  ...SALES_PROBES,
  ...EXPENSES_PROBES,
};



describe('evidence table', () => {
  it('has unique ids of the form area.behaviour, each with at least one source', () => {
    const ids = EVIDENCE.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of EVIDENCE) {
      expect(e.id).toMatch(/^[a-z]+\.[a-z0-9-]+$/);
      expect(e.sources.length, e.id).toBeGreaterThan(0);
      expect(e.behaviour.length, e.id).toBeGreaterThan(10);
    }
  });

  it('has a probe for every row and a row for every probe', () => {
    expect(Object.keys(PROBES).sort()).toEqual(EVIDENCE.map((e) => e.id).sort());
  });

  it('docs/EVIDENCE.md is up to date', () => {
    const committed = existsSync(EVIDENCE_MD) ? readFileSync(EVIDENCE_MD, 'utf8') : '';
    if (committed !== renderEvidence()) expect.fail(`docs/EVIDENCE.md is stale or missing. Run: ${REGENERATE_EVIDENCE}`);
  });
});

describe('the fake behaves as the evidence table says', () => {
  let fake: FakeAutotask | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  for (const e of EVIDENCE) {
    it(`${e.id}: ${e.behaviour}`, async () => {
      const probe = PROBES[e.id];
      if (!probe) expect.fail(`no probe for ${e.id}`);
      fake = await startTestFake();
      await probe({ fake });
    });
  }
});
