/**
 * The one closed-status rule (src/autotask/closed-statuses.ts): Complete (5, Autotask's system
 * status) always, then whole labels that say finished, or the operator's list instead.
 */
import { describe, expect, it } from 'vitest';
import { closedStatuses, isClosedStatus } from '../../src/autotask/closed-statuses.js';
import { buildDemoSeed } from '../../src/demo/seed.js';
import type { PicklistValue } from '../../src/autotask/types.js';

const v = (value: number, label: string, isSystem = false): PicklistValue => ({ value: String(value), label, isDefaultValue: false, sortOrder: value, parentValue: '', isActive: true, isSystem });

describe('closed ticket statuses', () => {
  it('Complete (5) is closed whatever the tenant renamed it to', () => {
    expect(isClosedStatus(v(5, 'Fertig', true))).toBe(true);
  });

  it('a label is closed only as a whole: "Not Resolved" and "RMM Resolved" are open, "Done" is closed', () => {
    const labels = ['Not Resolved', 'RMM Resolved', 'Waiting - not completed', 'Closed by customer?'].map((l, i) => v(30 + i, l));
    expect(labels.filter((s) => isClosedStatus(s)).map((s) => s.label)).toEqual([]);
    expect(['Done', 'closed', ' Cancelled ', 'Canceled', 'Completed', 'Resolved'].every((l) => isClosedStatus(v(40, l)))).toBe(true);
  });

  it('AUTOTASK_CLOSED_STATUSES replaces the label rule; Complete stays closed', () => {
    const values = [v(5, 'Complete', true), v(21, 'Cancelled'), v(12, 'Waiting Vendor')];
    expect(closedStatuses(values, ['waiting vendor']).map((s) => s.value)).toEqual(['5', '12']);
  });

  it('the demo tenant closes exactly Complete and Cancelled by this rule', () => {
    const statuses = buildDemoSeed().picklists.Tickets.status;
    expect(closedStatuses(statuses).map((s) => s.label).sort()).toEqual(['Cancelled', 'Complete']);
  });
});
