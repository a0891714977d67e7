/**
 * Attachment roots answer queries only when the filter names their parent's entity id (evidence
 * attachments.query-needs-entity-id). The generic query tools used to send such a query without
 * it (count_entities TicketAttachments with no filter reached the fake, which refused it); now
 * they say what to add before anything is sent. Found by the fuzz suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { call, queryRequests } from '../framework/call.js';

let h: Harness;
let client: Client;
beforeAll(async () => {
  h = await startHarness();
  client = await h.connect();
});
afterAll(async () => h?.close());

const ticketId = () => h.fake.records('TicketAttachments').find((a) => typeof a.ticketID === 'number')!.ticketID as number;

describe('queries on attachment roots', () => {
  it.each([
    ['query_entities', 'TicketAttachments', undefined, 'ticketID'],
    ['count_entities', 'TicketAttachments', undefined, 'ticketID'],
    ['query_entities', 'TicketAttachments', [{ op: 'eq', field: 'parentID', value: 5 }], 'ticketID'],
    ['query_entities', 'TicketAttachments', [{ op: 'or', items: [{ op: 'eq', field: 'ticketID', value: 1 }, { op: 'eq', field: 'ticketID', value: 2 }] }], 'ticketID'],
    ['count_entities', 'ProjectAttachments', [{ op: 'gt', field: 'id', value: 0 }], 'projectID'],
    ['query_entities', 'CompanyAttachments', [{ op: 'notExist', field: 'companyID' }], 'companyID'],
  ])('%s %s %j is refused, naming %s, and nothing is sent', async (tool, entity, filter, idField) => {
    h.fake.clearRequests();
    const r = await call(client, tool, { entity, ...(filter ? { filter } : {}) });
    expect(r.isError, r.text).toBe(true);
    expect(r.text).toContain(`{"op":"eq","field":"${idField}","value":`);
    expect(r.text).toMatch(/Nothing was sent/);
    expect(queryRequests(h.fake.requests, entity)).toHaveLength(0);
  });

  it('with the ticket named, the query and the count go through', async () => {
    const filter = [{ op: 'eq', field: 'ticketID', value: ticketId() }];
    const q = await call(client, 'query_entities', { entity: 'TicketAttachments', filter });
    expect(q.isError, q.text).toBe(false);
    const c = await call(client, 'count_entities', { entity: 'TicketAttachments', filter: [{ op: 'in', field: 'ticketID', value: [ticketId()] }] });
    expect(c.isError, c.text).toBe(false);
    expect(h.fake.requests.filter((r) => r.status >= 400)).toEqual([]);
  });
});
