import { expect } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { instantMs } from '../../../src/tools/dates.js';
import { CREATION_SKEW_MS, creationDateField } from '../../../src/tools/paging.js';
import type { Probe } from './types.js';

export const PAGING_PROBES: Record<string, Probe> = {
  'paging.creation-date-follows-id': async () => {
    // The standard demo and the scaled one the tests also use.
    for (const scale of [1, 3]) {
      const seed = buildDemoSeed({ scale });
      let checked = 0;
      for (const [entity, records] of Object.entries(seed.records)) {
        const field = creationDateField(entity);
        if (!field) continue;
        let latest = -Infinity;
        for (const r of [...records].sort((a, b) => a.id - b.id)) {
          const t = instantMs(r[field]);
          if (t === null) continue;
          expect(latest - t, `scale ${scale}: ${entity} ${r.id} ${field}`).toBeLessThanOrEqual(CREATION_SKEW_MS);
          latest = Math.max(latest, t);
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(1000 * scale);
    }
  },
};
