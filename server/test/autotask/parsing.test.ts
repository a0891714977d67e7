/** Unit tests of route resolution, query validation, metadata normalisation and response parsing. */
import { describe, expect, it } from 'vitest';
import { AutotaskError } from '../../src/autotask/errors.js';
import { errorFromResponse, errorFromTransport, extractErrorTexts, type RequestContext } from '../../src/autotask/error-map.js';
import { parseFields, parseUdfs, toWireFieldName } from '../../src/autotask/metadata.js';
import { queryBody, validateQuery } from '../../src/autotask/query.js';
import { parseChildItem, parseItem, parsePage } from '../../src/autotask/responses.js';
import { canonicalChild, canonicalEntity, endpointBucket, resolveWriteRoute } from '../../src/autotask/routes.js';
import { normaliseRestBase, zoneLookupTarget } from '../../src/autotask/zone.js';

function thrown(fn: () => unknown): AutotaskError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AutotaskError) return e;
    throw e;
  }
  throw new Error('expected an AutotaskError');
}

describe('routes', () => {
  it('uses the root collection when the root supports the operation', () => {
    expect(resolveWriteRoute('create', 'Tickets')).toEqual({ method: 'POST', path: 'Tickets' });
    expect(resolveWriteRoute('update', 'tickets')).toEqual({ method: 'PATCH', path: 'Tickets' });
    expect(resolveWriteRoute('delete', 'TimeEntries', undefined, 42)).toEqual({ method: 'DELETE', path: 'TimeEntries/42' });
  });

  it('routes child-only entities through their parent', () => {
    expect(resolveWriteRoute('create', 'TicketNotes', { entity: 'Tickets', id: 123 })).toEqual({ method: 'POST', path: 'Tickets/123/Notes' });
    expect(resolveWriteRoute('update', 'TicketNotes', { entity: 'tickets', id: 123 })).toEqual({ method: 'PATCH', path: 'Tickets/123/Notes' });
    expect(resolveWriteRoute('create', 'Contacts', { entity: 'Companies', id: 0 })).toEqual({ method: 'POST', path: 'Companies/0/Contacts' });
    expect(resolveWriteRoute('delete', 'Contacts', { entity: 'Companies', id: 5 }, 9)).toEqual({ method: 'DELETE', path: 'Companies/5/Contacts/9' });
  });

  it('explains a missing or wrong parent', () => {
    const missing = thrown(() => resolveWriteRoute('create', 'TicketNotes'));
    expect(missing.kind).toBe('validation');
    expect(missing.message).toBe("TicketNotes are created through a ticket: pass parent {entity:'Tickets', id}.");
    const wrong = thrown(() => resolveWriteRoute('create', 'TicketNotes', { entity: 'Projects', id: 1 }));
    expect(wrong.message).toContain('cannot be created under "Projects"');
    expect(thrown(() => resolveWriteRoute('delete', 'Tickets', undefined, 5)).message).toBe('Tickets cannot be deleted through the Autotask API.');
    expect(thrown(() => resolveWriteRoute('delete', 'TimeEntries')).message).toContain('non-negative integer');
  });

  it('rejects unknown or malformed entity names with suggestions', () => {
    expect(thrown(() => canonicalEntity('Tickts')).message).toContain('Did you mean Tickets');
    expect(thrown(() => canonicalEntity('../Tickets')).kind).toBe('validation');
    expect(thrown(() => canonicalEntity('Tickets/1')).kind).toBe('validation');
    expect(canonicalEntity('configurationitems')).toBe('ConfigurationItems');
  });

  it('resolves child segments canonically', () => {
    expect(canonicalChild('tickets', 'attachments')).toMatchObject({ parent: 'Tickets', segment: 'Attachments', child: 'TicketAttachments' });
    expect(thrown(() => canonicalChild('Tickets', 'Nope')).message).toContain('Its child routes:');
  });

  it('buckets by the first path segment', () => {
    expect(endpointBucket('Tickets/123/Notes')).toBe('tickets');
    expect(endpointBucket('Tickets/entityInformation/fields')).toBe('tickets');
    expect(endpointBucket('ThresholdInformation')).toBe('thresholdinformation');
  });
});

describe('query validation', () => {
  it('accepts Autotask operators and builds the wire body', () => {
    const q = validateQuery(
      {
        filter: [
          { op: 'eq', field: 'status', value: 1 },
          { op: 'or', items: [{ op: 'in', field: 'priority', value: [1, 2] }, { op: 'notExist', field: 'dueDateTime' }] },
        ],
        includeFields: ['title'],
        maxRecords: 500,
      },
      'Tickets',
    );
    expect(queryBody(q)).toEqual({ filter: q.filter, IncludeFields: ['id', 'title'], MaxRecords: 500 });
  });

  it('names every problem: ne, MaxRecords over 500, empty filter, missing value', () => {
    const e = thrown(() => validateQuery({ filter: [{ op: 'ne', field: 'status', value: 1 }], maxRecords: 501 }, 'Tickets'));
    expect(e.kind).toBe('validation');
    expect(e.message).toContain('not-equal is "noteq"');
    expect(e.message).toContain('at most 500');
    expect(thrown(() => validateQuery({ filter: [] }, 'Tickets')).message).toContain('at least one filter');
    expect(thrown(() => validateQuery({ filter: [{ op: 'eq', field: 'x' }] }, 'Tickets')).message).toContain('needs a single value');
    expect(thrown(() => validateQuery({ filter: [{ op: 'exist', field: 'x', value: 1 }] }, 'Tickets')).message).toContain('takes no value');
    expect(thrown(() => validateQuery({ filter: [{ op: 'and', items: [] }] }, 'Tickets')).message).toContain('non-empty items');
  });
});

describe('metadata normalisation', () => {
  it('turns PascalCase field names into camelCase wire names', () => {
    expect(toWireFieldName('AssignedResourceID', 'Tickets')).toBe('assignedResourceID');
    expect(toWireFieldName('Id')).toBe('id');
    expect(toWireFieldName('GLCode')).toBe('glCode');
    expect(toWireFieldName('MSRP')).toBe('msrp');
    expect(toWireFieldName('SKU')).toBe('sku');
    expect(toWireFieldName('RMMDeviceID')).toBe('rmmDeviceID');
    expect(toWireFieldName('companyID')).toBe('companyID');
  });

  it('parses fields with PascalCase names and keys, keeping picklists', () => {
    const body = {
      Fields: [
        { Name: 'Status', DataType: 'integer', IsPickList: true, IsQueryable: true, PicklistParentValueField: '', PicklistValues: [{ Value: 1, Label: 'New', IsActive: true }] },
        { name: 'SubIssueType', dataType: 'integer', isPickList: true, picklistParentValueField: 'IssueType', picklistValues: [] },
      ],
    };
    const fields = parseFields(body, 'Tickets');
    expect(fields[0]).toMatchObject({ name: 'status', dataType: 'integer', isPickList: true, isQueryable: true });
    expect(fields[0].picklistValues).toEqual([{ value: '1', label: 'New', isDefaultValue: false, sortOrder: 0, parentValue: '', isActive: true, isSystem: false }]);
    expect(fields[1]).toMatchObject({ name: 'subIssueType', picklistParentValueField: 'issueType' });
  });

  it('keeps UDF names verbatim', () => {
    const udfs = parseUdfs({ fields: [{ name: 'Customer Ranking', label: 'Ranking', type: 'string', isPickList: false, picklistValues: null }] });
    expect(udfs[0]).toMatchObject({ name: 'Customer Ranking', type: 'string', picklistValues: null });
  });
});

describe('response parsing', () => {
  it('reads item / null item / child wrappers / pages', () => {
    expect(parseItem({ item: null })).toBeNull();
    expect(parseItem({ item: { id: 3, title: 'x' } })).toEqual({ id: 3, title: 'x' });
    expect(parseChildItem({ items: { id: 4, data: 'AA==' } })).toEqual({ id: 4, data: 'AA==' });
    expect(parseChildItem({ items: [{ id: 5 }] })).toEqual({ id: 5 });
    expect(parsePage({ items: [{ id: 1 }], pageDetails: { nextPageUrl: null } })).toEqual({ items: [{ id: 1 }], nextPageUrl: null });
    // GET by id: Autotask answers {item:{…}}, but attachment roots answer {items:[{…}]} (sandbox log).
    expect(parseItem({ items: [{ id: 6, data: 'AA==' }] })).toEqual({ id: 6, data: 'AA==' });
    expect(parseItem({ items: { id: 7 } })).toEqual({ id: 7 });
    expect(parseItem({ items: [] })).toBeNull();
    expect(() => parseItem({ items: [{ id: 1 }, { id: 2 }] })).toThrow(/several items/);
    expect(() => parseItem({ items: [{ title: 'no id' }] })).toThrow();
    expect(() => parseItem({ something: 1 })).toThrow(/without "item"/);
    expect(() => parsePage({ items: [{ title: 'no id' }] })).toThrow();
  });
});

describe('zone helpers', () => {
  it('normalises pinned REST bases', () => {
    expect(normaliseRestBase('https://zone3.example/ATServicesRest')).toBe('https://zone3.example/ATServicesRest/');
    expect(normaliseRestBase('https://zone3.example/ATServicesRest/V1.0/')).toBe('https://zone3.example/ATServicesRest/');
    expect(zoneLookupTarget('http://h/ATServicesRest/', 'a+b@x.example')).toBe('http://h/ATServicesRest/V1.0/zoneInformation?user=a%2Bb%40x.example');
  });
});

describe('error mapping', () => {
  const ctx = (write = false): RequestContext => ({ method: 'POST', path: 'Tickets', write, attempts: 1, timeoutMs: 1000, secrets: ['TOPSECRET-1'] });

  it('maps statuses and Autotask texts to kinds, keeping errors[] redacted', () => {
    const cases: Array<[number, unknown, string]> = [
      [401, { errors: ['bad'] }, 'auth'],
      [500, { errors: ['IntegrationCode is invalid.'] }, 'auth'],
      [500, { errors: ['Zone information could not be determined'] }, 'auth'],
      [403, {}, 'forbidden'],
      [500, { errors: ['The logged in Resource does not have the adequate permissions to create this entity type.'] }, 'forbidden'],
      [404, {}, 'not_found'],
      [400, { errors: ['x'] }, 'validation'],
      [500, { errors: ['Title is required.'] }, 'validation'],
      [429, {}, 'rate_limited'],
      [500, { errors: ['Thread Threshold Exceeded'] }, 'rate_limited'],
      [503, '<html>down</html>', 'unavailable'],
      [500, '<html>oops</html>', 'protocol'],
    ];
    for (const [status, body, kind] of cases) {
      const e = errorFromResponse(ctx(), status, typeof body === 'string' ? body : JSON.stringify(body));
      expect(`${status} ${JSON.stringify(body)} -> ${e.kind}`).toBe(`${status} ${JSON.stringify(body)} -> ${kind}`);
    }
    const e = errorFromResponse(ctx(), 500, JSON.stringify({ errors: ['Value TOPSECRET-1 is invalid', { message: 'second' }] }));
    expect(e.details).toEqual(['Value [REDACTED] is invalid', 'second']);
    expect(extractErrorTexts({ Message: "The requested resource does not support http method 'GET'." })).toHaveLength(1);
  });

  it('says what is known about a failed write, and never suggests repeating an uncertain one', () => {
    const write = errorFromResponse(ctx(true), 503, '');
    expect(write.message).toContain('may have been applied: check before repeating it');
    expect(write.message).not.toMatch(/retr/i);
    expect(write).toMatchObject({ retryable: false, writeOutcome: 'unknown' });
    const html = errorFromResponse(ctx(true), 500, '<html>oops</html>');
    expect(html).toMatchObject({ kind: 'protocol', writeOutcome: 'unknown' });
    expect(html.message).not.toMatch(/retr/i);
    const timeout = errorFromTransport(ctx(true), { type: 'timeout' });
    expect(timeout).toMatchObject({ kind: 'unavailable', writeOutcome: 'unknown' });
    expect(timeout.message).toContain('may have been applied');
    const refused = errorFromTransport(ctx(true), { type: 'network', code: 'ECONNREFUSED' });
    expect(refused.message).toContain('nothing was sent');
    expect(refused.writeOutcome).toBe('not_sent');
    expect(errorFromResponse(ctx(true), 500, JSON.stringify({ errors: ['Title is required.'] })).writeOutcome).toBe('refused');
    expect(errorFromResponse(ctx(false), 503, '').writeOutcome).toBeUndefined();
  });
});
