import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoTenant, type DemoTenant } from '../../src/demo/tenant.js';

describe('demo tenant over HTTP', () => {
  let tenant: DemoTenant;
  const logLines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    tenant = await startDemoTenant({ logger: pino({ level: 'info' }, sink) });
  });

  afterAll(async () => {
    await tenant?.fake.close();
  });

  const headers = () => ({
    'Content-Type': 'application/json',
    ApiIntegrationCode: tenant.credentials.integrationCode,
    UserName: tenant.credentials.username,
    Secret: tenant.credentials.secret,
  });

  it('listens on loopback with fresh random credentials', async () => {
    expect(tenant.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ATServicesRest\/$/);
    const other = await startDemoTenant();
    try {
      expect(other.credentials.secret).not.toBe(tenant.credentials.secret);
      expect(other.credentials.integrationCode).not.toBe(tenant.credentials.integrationCode);
      expect(other.apiUrl).not.toBe(tenant.apiUrl);
    } finally {
      await other.fake.close();
    }
  });

  it('answers a ticket query and a count with the seeded data', async () => {
    const body = { filter: [{ op: 'eq', field: 'status', value: 1 }], MaxRecords: 500 };
    const res = await fetch(`${tenant.apiUrl}V1.0/Tickets/query`, { method: 'POST', headers: headers(), body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    const json = (await res.json()) as { items: Array<{ id: number; status: number }>; pageDetails: unknown };
    const expected = tenant.fake.records('Tickets').filter((t) => t.status === 1);
    expect(expected.length).toBeGreaterThan(0);
    expect(json.items.map((t) => t.id).sort()).toEqual(expected.map((t) => t.id).sort());
    const count = await fetch(`${tenant.apiUrl}V1.0/Tickets/query/count`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ filter: [{ op: 'exist', field: 'id' }] }),
    });
    expect(await count.json()).toEqual({ queryCount: 400 });
  });

  it('serves the demo picklists as field metadata', async () => {
    const res = await fetch(`${tenant.apiUrl}V1.0/Tickets/entityInformation/fields`, { headers: headers() });
    const { fields } = (await res.json()) as { fields: Array<{ name: string; isPickList: boolean; picklistValues: Array<{ value: string; label: string }> | null }> };
    const status = fields.find((f) => f.name.toLowerCase() === 'status');
    expect(status?.isPickList).toBe(true);
    expect(status?.picklistValues?.map((v) => v.label)).toEqual(expect.arrayContaining(['New', 'Complete', 'Cancelled', 'Waiting Customer']));
  });

  it('refuses requests without the credentials', async () => {
    const res = await fetch(`${tenant.apiUrl}V1.0/Tickets/query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ filter: [{ op: 'exist', field: 'id' }] }),
    });
    expect(res.status).toBe(401);
  });

  it('logs that demo mode is on without logging the credentials', () => {
    const log = logLines.join('');
    expect(log).toMatch(/demo tenant started/);
    expect(log).toContain(tenant.apiUrl);
    for (const secret of [tenant.credentials.secret, tenant.credentials.integrationCode, tenant.credentials.username]) {
      expect(log).not.toContain(secret);
    }
  });

  it('stops listening when closed', async () => {
    const t = await startDemoTenant();
    await t.fake.close();
    await expect(fetch(`${t.apiUrl}V1.0/Tickets/query`, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
