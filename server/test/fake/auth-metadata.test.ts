import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeAutotask } from '../../src/fake/types.js';
import { CREDS, call, startTestFake } from './fake-helpers.js';

let fake: FakeAutotask;
beforeAll(async () => {
  fake = await startTestFake();
});
afterAll(async () => {
  await fake.close();
});

describe('zone discovery and versions (no auth)', () => {
  it('zoneInformation answers the REST base with a trailing slash, user matched case-insensitively', async () => {
    const r = await call(fake, 'GET', `zoneInformation?user=${encodeURIComponent(CREDS.username.toUpperCase())}`, { auth: false });
    expect(r.status).toBe(200);
    // A real zone name is a short code (WYRE-AI/autotask-mcp #46: "AE02" for webservices14).
    expect(r.json).toEqual({ zoneName: 'AE02', url: fake.restBase, webUrl: `${fake.origin}/`, ci: expect.any(Number) });
    expect(fake.restBase).toBe(`${fake.origin}/ATServicesRest/`);
  });

  it('zoneInformation with an unknown user is 500 "Zone information could not be determined"', async () => {
    const r = await call(fake, 'GET', 'ZoneInformation?user=someone@else.example', { auth: false });
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ errors: ['Zone information could not be determined'] });
    expect((await call(fake, 'GET', 'zoneinformation', { auth: false })).status).toBe(500);
  });

  it('versioninformation needs no auth', async () => {
    const r = await call(fake, 'GET', '/atservicesrest/versioninformation', { auth: false });
    expect(r.json).toEqual({ apiVersions: ['1.0'] });
  });
});

describe('auth headers', () => {
  const good = { ApiIntegrationCode: CREDS.integrationCode, UserName: CREDS.username, Secret: CREDS.secret };

  it('401 when headers are missing or the secret is wrong', async () => {
    const none = await call(fake, 'GET', 'Tickets/1001', { auth: false });
    expect(none.status).toBe(401);
    expect(none.json.errors).toHaveLength(1);
    const wrong = await call(fake, 'GET', 'Tickets/1001', { auth: false, headers: { ...good, Secret: 'nope' } });
    expect(wrong.status).toBe(401);
    const user = await call(fake, 'GET', 'Tickets/1001', { auth: false, headers: { ...good, UserName: 'other@x.example' } });
    expect(user.status).toBe(401);
  });

  it('500 "IntegrationCode is invalid." for a wrong integration code', async () => {
    const r = await call(fake, 'GET', 'Tickets/1001', { auth: false, headers: { ...good, ApiIntegrationCode: 'WRONG' } });
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ errors: ['IntegrationCode is invalid.'] });
  });

  it('header names are case-insensitive and errors never echo credential values', async () => {
    const r = await call(fake, 'GET', 'Tickets/1001', {
      auth: false,
      headers: { apiintegrationcode: CREDS.integrationCode, USERNAME: CREDS.username, secret: CREDS.secret },
    });
    expect(r.status).toBe(200);
    const bad = await call(fake, 'GET', 'Tickets/1001', { auth: false, headers: { ...good, Secret: `${CREDS.secret}x` } });
    expect(bad.text).not.toContain(CREDS.secret);
    expect(bad.text).not.toContain(CREDS.integrationCode);
  });
});

describe('metadata', () => {
  it('entityInformation reflects root and parent-route operations', async () => {
    const tickets = (await call(fake, 'GET', 'Tickets/entityInformation')).json.info;
    expect(tickets).toEqual({
      name: 'Tickets',
      canCreate: true,
      canDelete: false,
      canQuery: true,
      canUpdate: true,
      userAccessForCreate: 'All',
      userAccessForDelete: 'None',
      userAccessForQuery: 'All',
      userAccessForUpdate: 'All',
      hasUserDefinedFields: true,
      supportsWebhookCallouts: true,
    });
    const notes = (await call(fake, 'GET', 'TicketNotes/entityInformation')).json.info;
    expect(notes).toMatchObject({ canCreate: true, canUpdate: true, canDelete: false });
  });

  it('fields carry picklists (string values) and references', async () => {
    const fields = (await call(fake, 'GET', 'Tickets/entityInformation/fields')).json.fields as Array<Record<string, unknown>>;
    const status = fields.find((f) => f.name === 'status')!;
    expect(status).toMatchObject({ dataType: 'integer', isRequired: true, isPickList: true, isQueryable: true });
    expect(status.picklistValues).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: '1', label: 'New' }), expect.objectContaining({ value: '5', label: 'Complete' })]),
    );
    const company = fields.find((f) => f.name === 'companyID')!;
    expect(company).toMatchObject({ isReference: true, referenceEntityType: 'Company', isPickList: false, picklistValues: null });
    expect(fields.find((f) => f.name === 'title')).toMatchObject({ dataType: 'string', length: 255 });
    expect(fields.find((f) => f.name === 'creatorType')).toMatchObject({ isQueryable: false, isReadOnly: true });
    expect(fields.find((f) => f.name === 'id')).toMatchObject({ dataType: 'long', isReadOnly: true });
  });

  it('userDefinedFields lists the seed UDFs with type and label', async () => {
    const r = await call(fake, 'GET', 'Tickets/entityInformation/userDefinedFields');
    expect(r.json.fields.map((f: { name: string; type: string; label: string }) => [f.name, f.type, f.label])).toEqual([
      ['Customer Ranking', 'string', 'Customer ranking'],
      ['Escalations', 'integer', 'Escalation count'],
    ]);
    expect((await call(fake, 'GET', 'TicketAttachments/entityInformation/userDefinedFields')).status).toBe(404);
  });

  it('child-route entityInformation exists where the catalogue says so', async () => {
    const r = await call(fake, 'GET', 'Tickets/1001/Notes/entityInformation/fields');
    expect(r.status).toBe(200);
    expect(r.json.fields.some((f: { name: string }) => f.name === 'noteType')).toBe(true);
    expect((await call(fake, 'GET', 'Tickets/1001/Attachments/entityInformation')).status).toBe(404);
  });

  it('ThresholdInformation counts authenticated requests', async () => {
    const a = (await call(fake, 'GET', 'ThresholdInformation')).json;
    expect(a).toMatchObject({ externalRequestThreshold: 10000, requestThresholdTimeframe: 60 });
    await call(fake, 'GET', 'Tickets/1001');
    await call(fake, 'GET', 'Tickets/1001', { auth: false }); // rejected: not counted
    const b = (await call(fake, 'GET', 'ThresholdInformation')).json;
    expect(b.currentTimeframeRequestCount).toBe(a.currentTimeframeRequestCount + 2);
  });

  it('Version answers the application version strings', async () => {
    const r = await call(fake, 'GET', 'Version');
    expect(Object.keys(r.json).sort()).toEqual(['build', 'customerType', 'majorVersion', 'minorVersion']);
  });
});

describe('PascalCase field names', () => {
  it('fieldNameCase "pascal" renames field info names only', async () => {
    const pascal = await startTestFake({ fieldNameCase: 'pascal' });
    try {
      const fields = (await call(pascal, 'GET', 'Tickets/entityInformation/fields')).json.fields as Array<{ name: string }>;
      expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining(['Id', 'CompanyID', 'TicketNumber']));
      expect((await call(pascal, 'GET', 'Tickets/1001')).json.item.companyID).toBe(101);
    } finally {
      await pascal.close();
    }
  });
});

describe('catalogue-driven routes across all entities', () => {
  it('every root entity answers a count or 405 per the catalogue, and appears in EntityInformation', async () => {
    const { catalogue } = await import('../../src/catalogue/index.js');
    const { attachmentIdField } = await import('../../src/fake/attachments.js');
    const entities = Object.values(catalogue.entities);
    expect(entities.length).toBeGreaterThan(200);
    const all = await call(fake, 'GET', 'EntityInformation');
    const infos = all.json.entityDescriptions as Array<{ info: { name: string; canQuery: boolean } }>;
    expect(infos.map((d) => d.info.name).sort()).toEqual(entities.map((e) => e.name).sort());
    // Different entity segments do not share a thread-limit bucket, so batches can run at once.
    for (let i = 0; i < entities.length; i += 16) {
      await Promise.all(
        entities.slice(i, i + 16).map(async (e) => {
          const count = await call(fake, 'POST', `${e.name}/query/count`, { body: { filter: [{ op: 'gte', field: 'id', value: 0 }] } });
          // Ticket/Project/CompanyAttachments queries must name their parent's id (ticketID...);
          // TicketHistory takes one ticketID eq filter only (evidence extras.history-one-ticket-filter).
          expect(count.status, e.name).toBe(!e.count ? 405 : attachmentIdField(e.name) ? 500 : e.name === 'TicketHistory' ? 400 : 200);
        }),
      );
    }
  });
});
