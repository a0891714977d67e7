/**
 * The role check of create_time_entry reads every ResourceServiceDeskRoles row of the resource,
 * past Autotask's 500 per page, up to a stated cap: a role beyond the first page is accepted, a
 * wrong role is refused with 50 valid roles named and the rest counted, and
 * beyond the cap the role is not refused unchecked but the preview says it could not be checked.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import type { SeedRecord } from '../../../src/fake/types.js';
import { call, sent, textOf } from '../tickets/support.js';
import { preview, useHarness } from '../companies/flow.js';

const seed = buildDemoSeed();
const TICKET = 41007;
const [MANY, TOO_MANY] = seed.records.Resources.filter((r) => r.isActive === true && r.licenseType !== 7 && r.id !== 29682906).map((r) => r.id) as [number, number];
const ROLE = (i: number) => 80_000_000 + i;
seed.records.Roles.push(...Array.from({ length: 2_100 }, (_, i) => ({ id: ROLE(i), name: `Role ${i}`, description: '', hourlyFactor: 1, hourlyRate: 100, isActive: true, isExcludedFromNewContracts: false, isSystemRole: false })));
let id = 45_000_000;
seed.records.ResourceServiceDeskRoles.push(
  ...Array.from({ length: 600 }, (_, i) => ({ id: id++, resourceID: MANY, roleID: ROLE(i), isActive: true, isDefault: false })),
  ...Array.from({ length: 2_001 }, (_, i) => ({ id: id++, resourceID: TOO_MANY, roleID: ROLE(i), isActive: true, isDefault: false })),
);

const s = useHarness({ seed });
const args = { ticketID: TICKET, hoursWorked: 1, dateWorked: '2026-10-30', summaryNotes: 'Checked the role rules.' };

describe('role check past one page', () => {
  it('accepts a role that is on the second page of the resource\'s roles', async () => {
    const p = await preview(s, 'create_time_entry', { ...args, resourceID: MANY, roleID: ROLE(599) });
    expect(p.request.body.roleID).toBe(ROLE(599));
    expect(sent(s.h.fake, 'ResourceServiceDeskRoles/query/next', 'POST')).toHaveLength(1);
    expect(p.warnings.join(' ')).not.toMatch(/could not/i);
  });

  it('refuses a wrong role, naming 50 valid ones and counting all the others', async () => {
    const r = await call(s.client, 'create_time_entry', { ...args, resourceID: MANY, roleID: 12_345 });
    expect(r.isError).toBe(true);
    const active = (rows: SeedRecord[]) => rows.filter((x) => x.resourceID === MANY && x.isActive === true).map((x) => x.roleID as number);
    const resource = seed.records.Resources.find((x) => x.id === MANY)!;
    const valid = new Set([...active(seed.records.ResourceServiceDeskRoles), ...active(seed.records.ResourceRoles ?? []), resource.defaultServiceDeskRoleID as number]);
    expect(valid.size).toBeGreaterThan(600);
    expect(textOf(r)).toMatch(new RegExp(`Role 12345 is not one of resource ${MANY}'s roles\\. Valid roleID values: .* and ${valid.size - 50} more \\(get_resource ${MANY} lists them\\)`));
    // Names of the 50 listed roles: from the role cache (its first 500 rows, read once) and at most one `in` lookup of the rest.
    const lookups = sent(s.h.fake, 'Roles/query', 'POST').map((q) => (q.body as { filter: Array<{ op: string; value: unknown }> }).filter[0]);
    const byId = lookups.filter((f) => f.op === 'in');
    expect(byId.length).toBeLessThanOrEqual(1);
    expect(byId.every((f) => Array.isArray(f.value) && f.value.length <= 50)).toBe(true);
    expect(lookups.length - byId.length).toBeLessThanOrEqual(1);
  });

  it('beyond 2000 rows a role that was not seen is not refused, and the preview says it was not checked', async () => {
    const p = await preview(s, 'create_time_entry', { ...args, resourceID: TOO_MANY, roleID: ROLE(2_000) });
    expect(p.request.body.roleID).toBe(ROLE(2_000));
    expect(sent(s.h.fake, 'ResourceServiceDeskRoles/query', 'POST')).toHaveLength(1);
    expect(sent(s.h.fake, 'ResourceServiceDeskRoles/query/next', 'POST')).toHaveLength(3);
    expect(p.warnings.join(' ')).toMatch(/more than 2000 .*role.*not among the first 2000/);
  });
});
