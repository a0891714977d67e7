import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeAutotask } from '../../src/fake/types.js';
import { call, queryIds, startTestFake } from './fake-helpers.js';

let fake: FakeAutotask;
beforeAll(async () => {
  fake = await startTestFake();
});
afterAll(async () => {
  await fake.close();
});

const all = { op: 'gte', field: 'id', value: 0 };

describe('query operators', () => {
  it.each([
    ['eq', { op: 'eq', field: 'status', value: 5 }, [1003, 1007, 1010]],
    ['noteq', { op: 'noteq', field: 'companyID', value: 101 }, [1003, 1005, 1008]],
    ['gt', { op: 'gt', field: 'id', value: 1010 }, [1011, 1012]],
    ['gte', { op: 'gte', field: 'id', value: 1011 }, [1011, 1012]],
    ['lt', { op: 'lt', field: 'id', value: 1002 }, [1001]],
    ['lte', { op: 'lte', field: 'id', value: 1002 }, [1001, 1002]],
    ['beginsWith (case-insensitive)', { op: 'beginsWith', field: 'title', value: 'PRINTER' }, [1001, 1004]],
    ['endsWith', { op: 'endsWith', field: 'title', value: 'drops' }, [1002]],
    ['contains', { op: 'contains', field: 'description', value: '2nd FLOOR' }, [1004]],
    ['exist', { op: 'exist', field: 'assignedResourceID' }, [1001, 1002]],
    ['notExist', { op: 'notExist', field: 'dueDateTime' }, [1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012]],
    ['in', { op: 'in', field: 'priority', value: [1, 4] }, [1001, 1004, 1006, 1010, 1012]],
    ['notIn', { op: 'notIn', field: 'status', value: [1, 8] }, [1003, 1007, 1010]],
    ['eq on a boolean', { op: 'eq', field: 'isAssignedToComanaged', value: true }, [1010]],
    ['eq on a double', { op: 'gt', field: 'estimatedHours', value: 1 }, [1006]],
    ['string eq is case-insensitive', { op: 'eq', field: 'title', value: 'vpn DROPS' }, [1002]],
  ])('%s', async (_name, term, expected) => {
    expect(await queryIds(fake, 'Tickets', [term])).toEqual(expected);
  });

  it('compares dates as instants, with or without fractions and zone', async () => {
    expect(await queryIds(fake, 'Tickets', [{ op: 'gt', field: 'dueDateTime', value: '2024-03-02T12:00:00Z' }])).toEqual([1003]);
    expect(await queryIds(fake, 'Tickets', [{ op: 'lte', field: 'dueDateTime', value: '2024-03-02T12:00:00.000' }])).toEqual([1001, 1002]);
    expect(await queryIds(fake, 'Tickets', [{ op: 'eq', field: 'dueDateTime', value: '2024-03-03T13:00:00.5+01:00' }])).toEqual([1003]);
  });

  it('matches field names case-insensitively', async () => {
    expect(await queryIds(fake, 'Tickets', [{ op: 'eq', field: 'COMPANYid', value: 102 }])).toEqual([1003, 1005]);
  });

  it('ANDs top-level terms and nests and/or groups', async () => {
    const ids = await queryIds(fake, 'Tickets', [
      { op: 'eq', field: 'companyID', value: 101 },
      {
        op: 'or',
        items: [
          { op: 'eq', field: 'status', value: 5 },
          { op: 'and', items: [{ op: 'eq', field: 'status', value: 8 }, { op: 'eq', field: 'priority', value: 4 }] },
        ],
      },
    ]);
    expect(ids).toEqual([1007, 1010, 1012]);
  });

  it('filters on one UDF with udf:true', async () => {
    expect(await queryIds(fake, 'Tickets', [{ op: 'eq', field: 'customer ranking', udf: true, value: 'golden' }])).toEqual([1001]);
    expect(await queryIds(fake, 'Tickets', [{ op: 'exist', field: 'Customer Ranking', udf: true }])).toEqual([1001]);
  });

  it('accepts filter/MaxRecords/IncludeFields in any key casing and items:[] on leaves', async () => {
    const r = await call(fake, 'POST', 'Tickets/query', {
      body: { Filter: [{ op: 'gt', field: 'id', value: 0, udf: false, items: [] }], MAXRECORDS: 2, includefields: ['Title', 'Customer Ranking'] },
    });
    expect(r.status).toBe(200);
    expect(r.json.items).toEqual([
      { id: 1001, title: 'Printer offline', userDefinedFields: [{ name: 'Customer Ranking', value: 'Golden' }] },
      { id: 1002, title: 'VPN drops', userDefinedFields: [{ name: 'Customer Ranking', value: null }] },
    ]);
  });

  it('returns every field (null when unset) and all UDFs without IncludeFields', async () => {
    const r = await call(fake, 'POST', 'Tickets/query', { body: { filter: [{ op: 'eq', field: 'id', value: 1002 }] } });
    const item = r.json.items[0];
    expect(item.resolution).toBeNull();
    expect(item.title).toBe('VPN drops');
    expect(Object.keys(item)).toContain('ticketNumber');
    expect(item.userDefinedFields).toEqual([
      { name: 'Customer Ranking', value: null },
      { name: 'Escalations', value: null },
    ]);
  });
});

describe('strict query validation (400 + errors[])', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['ne is not an operator', { filter: [{ op: 'ne', field: 'status', value: 1 }] }, /invalid operator "ne".*noteq/],
    ['neq', { filter: [{ op: 'neq', field: 'status', value: 1 }] }, /invalid operator/],
    ['like', { filter: [{ op: 'like', field: 'title', value: 'x' }] }, /invalid operator/],
    ['unknown field', { filter: [{ op: 'eq', field: 'colour', value: 1 }] }, /Unable to find colour in the Tickets entity/],
    ['non-queryable field', { filter: [{ op: 'eq', field: 'creatorType', value: 1 }] }, /not a queryable field/],
    ['string for an integer field', { filter: [{ op: 'eq', field: 'status', value: '1' }] }, /status needs an integer/],
    ['non-ISO date', { filter: [{ op: 'gt', field: 'dueDateTime', value: '03/01/2024' }] }, /ISO 8601/],
    ['array for a scalar operator', { filter: [{ op: 'eq', field: 'status', value: [1, 2] }] }, /not an array/],
    ['non-array for in', { filter: [{ op: 'in', field: 'status', value: 1 }] }, /non-empty array/],
    ['value on exist', { filter: [{ op: 'exist', field: 'status', value: 1 }] }, /takes no value/],
    ['missing filter', { MaxRecords: 10 }, /filter is required/],
    ['empty filter', { filter: [] }, /filter is required/],
    ['MaxRecords not an integer', { filter: [all], MaxRecords: 2.5 }, /MaxRecords must be an integer/],
    ['501 OR terms via in-list', { filter: [{ op: 'in', field: 'id', value: Array.from({ length: 501 }, (_, i) => i) }] }, /500 or fewer 'OR' conditions/],
    ['two UDF terms', { filter: [{ op: 'exist', field: 'Customer Ranking', udf: true }, { op: 'exist', field: 'Escalations', udf: true }] }, /one user-defined field/],
    ['unknown UDF', { filter: [{ op: 'eq', field: 'Shoe Size', udf: true, value: '9' }] }, /not a user-defined field/],
    ['unknown IncludeFields entry', { filter: [all], IncludeFields: ['title', 'nope'] }, /IncludeFields: 'nope'/],
    ['group without items', { filter: [{ op: 'or', items: [] }] }, /non-empty "items"/],
    ['unknown query key', { filter: [all], limit: 5 }, /Unknown query property 'limit'/],
    ['string operator on an integer field', { filter: [{ op: 'contains', field: 'status', value: '1' }] }, /string fields only/],
  ];
  it.each(cases)('%s', async (_name, body, message) => {
    const r = await call(fake, 'POST', 'Tickets/query', { body });
    expect(r.status).toBe(400);
    expect(r.json.errors).toHaveLength(1);
    expect(r.json.errors[0]).toMatch(message);
  });

  it.each([501, 0, 20_000])('MaxRecords %d is an HTTP 500 "maxCountOfRecordsToReturn must be between 1 and 500"', async (max) => {
    // WYRE-AI/autotask-mcp src/services/autotask-http.ts + CHANGELOG: seen on live tenants.
    const r = await call(fake, 'POST', 'Tickets/query', { body: { filter: [all], MaxRecords: max } });
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ errors: ['maxCountOfRecordsToReturn must be between 1 and 500'] });
  });

  it('allows exactly 500 OR terms', async () => {
    const ids = Array.from({ length: 500 }, (_, i) => 1000 + i);
    expect(await queryIds(fake, 'Tickets', [{ op: 'in', field: 'id', value: ids }])).toHaveLength(12);
  });

  it('rejects malformed JSON with 400', async () => {
    const r = await call(fake, 'POST', 'Tickets/query', { rawBody: '{"filter":[' });
    expect(r.status).toBe(400);
    expect(r.json.errors[0]).toMatch(/not valid JSON/);
  });

  it('validates count and GET-search queries the same way', async () => {
    const count = await call(fake, 'POST', 'Tickets/query/count', { body: { filter: [{ op: 'ne', field: 'id', value: 1 }] } });
    expect(count.status).toBe(400);
    const get = await call(fake, 'GET', `Tickets/query?search=${encodeURIComponent('{"filter":[{"op":"eq","field":"nope","value":1}]}')}`);
    expect(get.status).toBe(400);
    const bad = await call(fake, 'GET', `Tickets/query?search=${encodeURIComponent('{"filter":')}`);
    expect(bad.status).toBe(400);
  });
});

describe('GET search form and count', () => {
  it('GET query?search= answers like POST', async () => {
    const search = JSON.stringify({ filter: [{ op: 'eq', field: 'status', value: 8 }] });
    const r = await call(fake, 'GET', `Tickets/query?search=${encodeURIComponent(search)}`);
    expect(r.status).toBe(200);
    expect(r.json.items.map((i: { id: number }) => i.id)).toEqual([1002, 1005, 1009, 1012]);
    expect(r.json.pageDetails).toEqual({ count: 4, requestCount: 500, prevPageUrl: null, nextPageUrl: null });
  });

  it('counts with POST and GET', async () => {
    const body = { filter: [{ op: 'eq', field: 'status', value: 1 }] };
    expect((await call(fake, 'POST', 'Tickets/query/count', { body })).json).toEqual({ queryCount: 5 });
    const r = await call(fake, 'GET', `Tickets/query/count?search=${encodeURIComponent(JSON.stringify(body))}`);
    expect(r.json).toEqual({ queryCount: 5 });
  });

  it('paths are case-insensitive', async () => {
    const r = await call(fake, 'POST', '/atservicesrest/v1.0/tickets/QUERY/count', { body: { filter: [all] } });
    expect(r.json).toEqual({ queryCount: 12 });
  });
});

describe('paging with nextPageUrl', () => {
  it('walks 3 POST pages without loss or repeat', async () => {
    const body = { filter: [all], MaxRecords: 5 };
    const first = await call(fake, 'POST', 'Tickets/query', { body });
    expect(first.json.pageDetails.count).toBe(5);
    expect(first.json.pageDetails.requestCount).toBe(5);
    const next1: string = first.json.pageDetails.nextPageUrl;
    expect(next1.startsWith(`${fake.restBase}V1.0/Tickets/query/next?paging=`)).toBe(true);
    const token = JSON.parse(new URL(next1).searchParams.get('paging')!);
    expect(token).toEqual({ pageSize: 5, previousIds: [-1], nextIds: [1006] });

    const second = await call(fake, 'POST', next1, { body });
    const next2: string = second.json.pageDetails.nextPageUrl;
    const third = await call(fake, 'POST', next2, { body });
    expect(third.json.pageDetails.nextPageUrl).toBeNull();
    const ids = [first, second, third].flatMap((p) => p.json.items.map((i: { id: number }) => i.id));
    expect(ids).toEqual(Array.from({ length: 12 }, (_, i) => 1001 + i));
    expect(third.json.pageDetails.count).toBe(2);
  });

  it('a POST-origin next page refuses GET (405) and a bodyless POST (500 queryModel)', async () => {
    const first = await call(fake, 'POST', 'Tickets/query', { body: { filter: [all], MaxRecords: 5 } });
    const next: string = first.json.pageDetails.nextPageUrl;
    const get = await call(fake, 'GET', next);
    expect(get.status).toBe(405);
    expect(get.json).toEqual({ Message: "The requested resource does not support http method 'GET'." });
    const bodyless = await call(fake, 'POST', next);
    expect(bodyless.status).toBe(500);
    expect(bodyless.json.errors[0]).toMatch(/Parameter name: queryModel/);
  });

  it('a GET-origin query pages with GET and carries search', async () => {
    const search = JSON.stringify({ filter: [all], MaxRecords: 5 });
    const first = await call(fake, 'GET', `Tickets/query?search=${encodeURIComponent(search)}`);
    const next1: string = first.json.pageDetails.nextPageUrl;
    expect(new URL(next1).searchParams.get('search')).toBe(search);
    const second = await call(fake, 'GET', next1);
    const third = await call(fake, 'GET', second.json.pageDetails.nextPageUrl);
    const ids = [first, second, third].flatMap((p) => p.json.items.map((i: { id: number }) => i.id));
    expect(ids).toEqual(Array.from({ length: 12 }, (_, i) => 1001 + i));
  });

  it('rejects a forged paging token', async () => {
    const r = await call(fake, 'POST', 'Tickets/query/next?paging=%7Bnope', { body: { filter: [all] } });
    expect(r.status).toBe(400);
  });
});
