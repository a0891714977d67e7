/**
 * A company note's assignedResourceID and contactID went to Autotask unchecked; one naming no
 * record was refused only after the user approved ("Value does not reference an existing
 * entity"). They are now checked while planning. Found by the long fuzz run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { call, writeRequests } from '../framework/call.js';

let h: Harness;
let client: Client;
beforeAll(async () => {
  h = await startHarness();
  client = await h.connect();
});
afterAll(async () => h?.close());

describe('company note references', () => {
  const resource = () => h.fake.records('Resources')[0].id;
  const contact = () => h.fake.records('Contacts')[0];

  it.each([
    [{ assignedResourceID: 1 }, /No resource with id 1 exists/],
    [{ contactID: 1 }, /No contact with id 1 exists/],
  ])('%j is refused before the preview', async (extra, message) => {
    h.fake.clearRequests();
    const r = await call(client, 'create_note', { parentType: 'company', parentId: contact().companyID, text: 'Called about renewal', assignedResourceID: resource(), ...extra });
    expect(r.isError, r.text).toBe(true);
    expect(r.text).toMatch(message);
    expect(writeRequests(h.fake.requests)).toHaveLength(0);
  });

  it('existing ones preview and are written', async () => {
    const args = { parentType: 'company', parentId: contact().companyID, text: 'Called about renewal', assignedResourceID: resource(), contactID: contact().id };
    const p = await call(client, 'create_note', args);
    expect(p.isError, p.text).toBe(false);
    const done = await call(client, 'create_note', { ...args, confirmationToken: p.structured.confirmationToken });
    expect(done.isError, done.text).toBe(false);
  });
});
