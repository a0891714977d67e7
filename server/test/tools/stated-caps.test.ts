/**
 * Reads that stop at a small cap on purpose must say so and what to do: get_company's locations
 * (100 of 600), the duplicate warnings of create_company / create_contact (5 of 7 twins), and
 * describe_entity's picklists (200 of 600 values). The demo tenant is extended past the caps.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../src/demo/seed.js';
import { call, structured, textOf } from './tickets/support.js';
import { preview, useHarness } from './companies/flow.js';

const seed = buildDemoSeed();
const company = seed.records.Companies.find((c) => c.id !== 0 && c.isActive === true)!;
const owner = seed.records.Resources.find((r) => r.isActive === true && r.licenseType !== 7)!.id;
seed.records.CompanyLocations.push(
  ...Array.from({ length: 600 }, (_, i) => ({ id: 60_000_000 + i, companyID: company.id, name: `Branch ${i}`, isPrimary: false, isActive: true, address1: `${i} High St`, city: 'Bath', isTaxExempt: false })),
);
const twinName = 'Twin Peaks Ltd';
seed.records.Companies.push(...Array.from({ length: 7 }, (_, i) => ({ ...company, id: 61_000_000 + i, companyName: twinName })));
const sharedEmail = 'shared@twin.example';
const contact = seed.records.Contacts.find((c) => c.companyID === company.id)!;
seed.records.Contacts.push(...Array.from({ length: 7 }, (_, i) => ({ ...contact, id: 62_000_000 + i, emailAddress: sharedEmail })));
const manyValues = Array.from({ length: 600 }, (_, i) => ({ value: String(70_000 + i), label: `Sub-issue ${i}`, isDefaultValue: false, sortOrder: i + 1, parentValue: '', isActive: true, isSystem: false }));
seed.picklists.Tickets.subIssueType = manyValues;

const s = useHarness({ seed });

describe('stated caps', () => {
  it('get_company lists 100 locations and says how to get the other 500', async () => {
    const r = await call(s.client, 'get_company', { id: company.id, includeLocations: true });
    const out = structured<{ locations: { rows: unknown[]; more: boolean } }>(r);
    expect(out.locations.rows).toHaveLength(100);
    expect(out.locations.more).toBe(true);
    expect(textOf(r)).toMatch(new RegExp(`first 100.*query_entities on CompanyLocations with companyID = ${company.id}`));
  });

  it('create_company and create_contact say when there are more duplicates than listed', async () => {
    const c = await preview(s, 'create_company', { companyName: twinName, phone: '0117 000 0000', ownerResourceID: owner });
    expect(c.warnings.join(' ')).toMatch(/already exists \(id 61000000, 61000001, 61000002, 61000003, 61000004 and more\)/);
    const p = await preview(s, 'create_contact', { companyID: company.id, firstName: 'New', lastName: 'Person', emailAddress: sharedEmail });
    expect(p.warnings.join(' ')).toMatch(/already used by contact 62000000 .*62000004 \(company \d+\) and more\b/);
  });

  it('describe_entity says a picklist was cut at 200 values and that labels are checked against all of them', async () => {
    const r = await call(s.client, 'describe_entity', { entity: 'Tickets' });
    const field = structured<{ fields: Array<{ name: string; picklist?: unknown[]; picklistTruncated?: boolean }> }>(r).fields.find((f) => f.name === 'subIssueType')!;
    expect(field.picklist).toHaveLength(200);
    expect(field.picklistTruncated).toBe(true);
    const line = textOf(r).split('\n').find((l) => l.startsWith('- subIssueType'))!;
    expect(line).toMatch(/first 200 of 600 values/);
    expect(line).toMatch(/label/);
    // ...and the claim holds: a label beyond the first 200 is accepted by a filter.
    const q = await call(s.client, 'query_entities', { entity: 'Tickets', filter: [{ op: 'eq', field: 'subIssueType', value: 'Sub-issue 550' }] });
    expect(q.isError, textOf(q)).toBeFalsy();
  });
});
