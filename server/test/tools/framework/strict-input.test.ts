/**
 * Unknown arguments are refused, never silently dropped: a mistyped filter name (companyId for
 * companyID) must not widen a search to every record. Checked for every registered tool's schema
 * and end to end on a search and a write, where the fake must see nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { call, dataRequests, writeRequests } from './call.js';

describe('strict tool inputs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('advertises additionalProperties: false on every tool', async () => {
    const client = await h.connect();
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(30);
    for (const tool of tools) expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
  });

  it('refuses a mis-cased filter on a search and sends nothing to Autotask', async () => {
    const client = await h.connect();
    h.fake.clearRequests();
    const r = await call(client, 'search_tickets', { companyId: 103 });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/companyId/);
    expect(dataRequests(h.fake.requests)).toHaveLength(0);
  });

  it('says which argument was meant when the casing or spelling is off', async () => {
    const client = await h.connect();
    const r = await call(client, 'search_tickets', { companyId: 103, asignedResourceID: 5 });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/"companyId".*did you mean "companyID"/i);
    expect(r.text).toMatch(/"asignedResourceID".*did you mean "assignedResourceID"/i);
  });

  it('refuses an unknown field on a write and writes nothing', async () => {
    const client = await h.connect();
    h.fake.clearRequests();
    const r = await call(client, 'create_note', { parentType: 'ticket', parentId: 41001, text: 'hello', description: 'x' });
    expect(r.isError).toBe(true);
    expect(writeRequests(h.fake.requests)).toHaveLength(0);
  });
});
