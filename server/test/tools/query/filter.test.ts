/**
 * Narrow unit tests of the filter validator against the real catalogue. The API handed in throws
 * on any call, which proves these checks need no request at all.
 */
import { describe, expect, it } from 'vitest';
import type { AutotaskApi, PicklistValue, UdfInfo } from '../../../src/autotask/types.js';
import { getEntity } from '../../../src/catalogue/index.js';
import { describeFilter, prepareFilter, prepareIncludeFields } from '../../../src/tools/query/filter.js';

const offline = new Proxy({} as AutotaskApi, {
  get(_t, prop) {
    return () => {
      throw new Error(`unexpected Autotask call: ${String(prop)}`);
    };
  },
});

const tickets = getEntity('Tickets')!;
const contacts = getEntity('Contacts')!;

async function problems(input: unknown, entity = tickets): Promise<string> {
  try {
    await prepareFilter(offline, entity, input);
  } catch (e) {
    expect((e as Error).name).toBe('ToolInputError');
    return (e as Error).message;
  }
  throw new Error('expected the filter to be refused');
}

describe('filter validation (offline)', () => {
  it('passes a valid filter through with exact wire field names', async () => {
    const out = await prepareFilter(offline, tickets, [
      { op: 'eq', field: 'companyid', value: 5 },
      { op: 'or', items: [{ op: 'in', field: 'STATUS', value: [1, '5'] }, { op: 'exist', field: 'assignedResourceID' }] },
      { op: 'gte', field: 'createDate', value: '2026-11-01' },
      { op: 'contains', field: 'title', value: 'printer' },
    ]);
    expect(out).toEqual([
      { op: 'eq', field: 'companyID', value: 5 },
      { op: 'or', items: [{ op: 'in', field: 'status', value: [1, 5] }, { op: 'exist', field: 'assignedResourceID' }] },
      { op: 'gte', field: 'createDate', value: '2026-11-01T00:00:00Z' },
      { op: 'contains', field: 'title', value: 'printer' },
    ]);
  });

  it('accepts JSON text, a pasted query body and a single expression', async () => {
    expect(await prepareFilter(offline, tickets, '[{"op":"eq","field":"id","value":3}]')).toEqual([{ op: 'eq', field: 'id', value: 3 }]);
    expect(await prepareFilter(offline, tickets, '{"filter":[{"op":"eq","field":"id","value":3}]}')).toEqual([{ op: 'eq', field: 'id', value: 3 }]);
    expect(await prepareFilter(offline, tickets, { op: 'notExist', field: 'dueDateTime' })).toEqual([{ op: 'notExist', field: 'dueDateTime' }]);
    expect(await prepareFilter(offline, tickets, undefined)).toEqual([]);
  });

  it('normalises operator case but refuses unknown operators, pointing at the right one', async () => {
    expect(await prepareFilter(offline, tickets, [{ op: 'NOTEQ', field: 'status', value: 5 }])).toEqual([{ op: 'noteq', field: 'status', value: 5 }]);
    expect(await problems([{ op: 'ne', field: 'status', value: 5 }])).toMatch(/"ne" is not an Autotask operator - use noteq/);
    expect(await problems([{ op: 'like', field: 'title', value: 'x' }])).toMatch(/use contains/);
    expect(await problems([{ op: 'between', field: 'createDate', value: 'x' }])).toMatch(/gte and lte/);
  });

  it('refuses unknown fields with suggestions and a UDF hint', async () => {
    const msg = await problems([{ op: 'eq', field: 'companyId2', value: 1 }]);
    expect(msg).toMatch(/Tickets has no field "companyId2"/);
    expect(msg).toMatch(/Did you mean "companyID"/);
    expect(msg).toMatch(/"udf": true/);
    expect(await problems([{ op: 'eq', field: 'accountID', value: 1 }])).toMatch(/"companyID"/);
  });

  it('refuses non-queryable fields', async () => {
    expect(await problems([{ op: 'eq', field: 'creatorType', value: 1 }])).toMatch(/creatorType cannot be used in filters/);
  });

  it('refuses values of the wrong type, with the expected type', async () => {
    expect(await problems([{ op: 'eq', field: 'companyID', value: 'acme' }])).toMatch(/companyID expects integer id of a Company/);
    expect(await problems([{ op: 'eq', field: 'companyID', value: 1.5 }])).toMatch(/not a whole number/);
    expect(await problems([{ op: 'gt', field: 'createDate', value: 'yesterday' }])).toMatch(/ISO 8601/);
    expect(await problems([{ op: 'eq', field: 'isVisibleToComanaged', value: 'yes' }])).toMatch(/true or false/);
    expect(await problems([{ op: 'contains', field: 'companyID', value: '12' }])).toMatch(/contains works on text fields only/);
    expect(await problems([{ op: 'gt', field: 'isVisibleToComanaged', value: true }])).toMatch(/cannot compare a boolean/);
    expect(await problems([{ op: 'eq', field: 'status', value: [1, 2] }])).toMatch(/use in/);
    expect(await problems([{ op: 'in', field: 'status', value: 1 }])).toMatch(/needs a list value/);
    expect(await problems([{ op: 'eq', field: 'status', value: null }])).toMatch(/use notExist/);
    expect(await problems([{ op: 'eq', field: 'status' }])).toMatch(/needs a "value"/);
  });

  it('refuses exist/notExist with a value', async () => {
    expect(await problems([{ op: 'exist', field: 'assignedResourceID', value: 3 }])).toMatch(/exist takes no value; remove "value"/);
    expect(await problems([{ op: 'notExist', field: 'x', value: 1, udf: true }])).toMatch(/notExist takes no value/);
  });

  it('refuses in-lists over 500 values and more than 500 OR conditions', async () => {
    const big = Array.from({ length: 501 }, (_, i) => i + 1);
    expect(await problems([{ op: 'in', field: 'id', value: big }])).toMatch(/501 values; Autotask allows at most 500/);
    const split = [{ op: 'in', field: 'id', value: big.slice(0, 300) }, { op: 'notIn', field: 'companyID', value: big.slice(0, 300) }];
    expect(await problems(split)).toMatch(/600 OR conditions/);
    expect(await problems([{ op: 'in', field: 'id', value: [] }])).toMatch(/at least one value/);
  });

  it('refuses more than one UDF term, and UDF terms on entities without UDFs', async () => {
    const msg = await problems([
      { op: 'eq', field: 'Customer Ranking', udf: true, value: 'Gold' },
      { op: 'or', items: [{ op: 'exist', field: 'Contract Tier', udf: true }] },
    ]);
    expect(msg).toMatch(/only one user-defined-field condition per query; this filter has 2/);
    const attachments = getEntity('TicketAttachments')!;
    expect(await problems([{ op: 'exist', field: 'X', udf: true }], attachments)).toMatch(/TicketAttachments has no user-defined fields; remove "udf"/);
  });

  it('checks the grammar: keys, groups, nesting', async () => {
    expect(await problems([{ operator: 'eq', field: 'id', value: 1 }])).toMatch(/filter\[0\]: unknown key\(s\) "operator"/);
    expect(await problems([{ op: 'or', items: [] }])).toMatch(/needs a non-empty "items"/);
    expect(await problems([{ op: 'and', field: 'id', items: [{ op: 'exist', field: 'id' }] }])).toMatch(/group has only "items"/);
    expect(await problems([{ op: 'eq', field: 'id', value: 1, items: [] }])).toMatch(/"items" belongs to and\/or groups only/);
    expect(await problems('[{"op":"eq",')).toMatch(/not valid JSON/);
    let deep: Record<string, unknown> = { op: 'exist', field: 'id' };
    for (let i = 0; i < 10; i++) deep = { op: 'and', items: [deep] };
    expect(await problems([deep])).toMatch(/nested more than 8 deep/);
  });

  it('reports every problem at once with its path', async () => {
    const msg = await problems([
      { op: 'ne', field: 'status', value: 5 },
      { op: 'or', items: [{ op: 'eq', field: 'nope', value: 1 }, { op: 'eq', field: 'priority', value: 'x y z' }] },
    ]);
    expect(msg).toMatch(/filter\[0\]: "ne"/);
    expect(msg).toMatch(/filter\[1\]\.items\[0\]: Tickets has no field "nope"/);
    expect(msg.split('\n- ').length).toBe(3); // priority label "x y z" is resolved online, after the offline problems are fixed
  });

  it('coerces Contacts.isActive booleans to the integer Autotask expects', async () => {
    expect(await prepareFilter(offline, contacts, [{ op: 'eq', field: 'isActive', value: true }])).toEqual([{ op: 'eq', field: 'isActive', value: 1 }]);
  });

  it('validates includeFields offline', async () => {
    expect(await prepareIncludeFields(offline, tickets, ['TITLE', 'status'])).toEqual(['title', 'status']);
    await expect(prepareIncludeFields(offline, tickets, ['titel'])).rejects.toThrow(/Did you mean "title"/);
  });

  it('renders filters readably', () => {
    expect(describeFilter([{ op: 'eq', field: 'a', value: 1 }, { op: 'or', items: [{ op: 'exist', field: 'b' }, { op: 'in', field: 'c', value: [1, 2] }] }])).toBe(
      'a eq 1 AND (b exist OR c in [1,2])',
    );
  });
});

describe('filter validation with tenant metadata', () => {
  const status: PicklistValue[] = [
    { value: '1', label: 'New', isDefaultValue: true, sortOrder: 1, parentValue: '', isActive: true, isSystem: true },
    { value: '5', label: 'Complete', isDefaultValue: false, sortOrder: 2, parentValue: '', isActive: true, isSystem: true },
  ];
  const udf: UdfInfo = { name: 'Customer Ranking', label: 'Ranking', type: 'string', length: 50, description: null, isRequired: false, isReadOnly: false, isQueryable: true, isPickList: false, picklistValues: null };
  const calls: string[] = [];
  const api = {
    async picklist(entity: string, field: string) {
      calls.push(`picklist ${entity}.${field}`);
      return field === 'status' ? status : [];
    },
    async userDefinedFields(entity: string) {
      calls.push(`udfs ${entity}`);
      return [udf];
    },
  } as unknown as AutotaskApi;

  it('resolves picklist labels and UDF names (metadata only, never a query)', async () => {
    const out = await prepareFilter(api, tickets, [
      { op: 'eq', field: 'status', value: 'complete' },
      { op: 'notIn', field: 'status', value: ['New', 5] },
      { op: 'eq', field: 'customer ranking', udf: true, value: 'Gold' },
    ]);
    expect(out).toEqual([
      { op: 'eq', field: 'status', value: 5 },
      { op: 'notIn', field: 'status', value: [1, 5] },
      { op: 'eq', field: 'Customer Ranking', udf: true, value: 'Gold' },
    ]);
    expect(calls.every((c) => c.startsWith('picklist') || c.startsWith('udfs'))).toBe(true);
  });

  it('refuses unknown labels and UDFs with the valid choices', async () => {
    await expect(prepareFilter(api, tickets, [{ op: 'eq', field: 'status', value: 'Done' }])).rejects.toThrow(/"Done" is not a Tickets.status label. Valid: 1=New, 5=Complete/);
    await expect(prepareFilter(api, tickets, [{ op: 'eq', field: 'Customer Rank', udf: true, value: 'x' }])).rejects.toThrow(/no user-defined field "Customer Rank". Did you mean "Customer Ranking"/);
  });
});
