/**
 * The two-step write flow of the registry, end to end on create_entity / update_entity: a preview
 * writes nothing, a token executes once, and reused, tampered, foreign, forged and expired tokens
 * are refused. Every executed write leaves one audit line without secrets or field values.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ConfirmationService } from '../../../src/tools/confirm.js';
import { leakedSentinels, startHarness, type Harness } from '../../helpers/harness.js';
import { call, writeRequests } from './call.js';

let h: Harness;
let client: Client;
let original: ConfirmationService;
beforeAll(async () => {
  h = await startHarness();
  client = await h.connect();
  original = h.deps.confirmations;
});
afterAll(async () => {
  await h?.close();
  expect(leakedSentinels(h.logs)).toEqual([]);
});
beforeEach(() => {
  h.deps.confirmations = original;
  h.fake.clearRequests();
  h.clearLogs();
});

const auditLines = () => h.logEvents().filter((e) => e.logger === 'audit');
const ticketId = () => h.fake.records('Tickets')[7].id;
// A title too: the demo tenant requires ticket note titles, as many real ones do.
const noteArgs = (description: string) => ({ entity: 'TicketNotes', parentId: ticketId(), fields: { title: description, description, noteType: 1, publish: 2 } });

describe('confirmation tokens', () => {
  it('preview changes nothing; the token executes once; reuse is refused', async () => {
    const before = h.fake.records('TicketNotes').length;
    const preview = await call(client, 'create_entity', noteArgs('Replaced toner'));
    expect(preview.isError).toBe(false);
    expect(preview.text).toMatch(/^PREVIEW ONLY - nothing was written/);
    expect(preview.structured).toMatchObject({ status: 'confirmation_required', request: { method: 'POST', path: `Tickets/${ticketId()}/Notes` }, confirmationToken: expect.any(String), expiresAt: expect.any(String) });
    expect(writeRequests(h.fake.requests)).toEqual([]);
    expect(h.fake.records('TicketNotes').length).toBe(before);
    expect(auditLines()).toEqual([]);

    const token = preview.structured.confirmationToken as string;
    const done = await call(client, 'create_entity', { ...noteArgs('Replaced toner'), confirmationToken: token });
    expect(done.isError).toBe(false);
    expect(done.structured).toMatchObject({ status: 'done', operation: 'create', entity: 'TicketNotes', id: expect.any(Number) });
    expect(writeRequests(h.fake.requests)).toHaveLength(1);
    expect(h.fake.records('TicketNotes').length).toBe(before + 1);

    const again = await call(client, 'create_entity', { ...noteArgs('Replaced toner'), confirmationToken: token });
    expect(again.isError).toBe(true);
    expect(again.text).toMatch(/already used: the write it confirmed was executed. Nothing was changed now/);
    expect(writeRequests(h.fake.requests)).toHaveLength(1);
    expect(h.fake.records('TicketNotes').length).toBe(before + 1);
  });

  it('refuses a token for a different payload, or for a different tool', async () => {
    const preview = await call(client, 'create_entity', noteArgs('Original text'));
    const token = preview.structured.confirmationToken as string;
    const tampered = await call(client, 'create_entity', { ...noteArgs('Tampered text'), confirmationToken: token });
    expect(tampered.isError).toBe(true);
    expect(tampered.text).toMatch(/issued for a different request. Nothing was changed/);

    const ticket = h.fake.records('Tickets')[7];
    const update = await call(client, 'update_entity', { entity: 'Tickets', id: ticket.id, fields: { title: 'New title for confirm test' }, confirmationToken: token });
    expect(update.isError).toBe(true);
    expect(update.text).toMatch(/different request/);
    expect(writeRequests(h.fake.requests)).toEqual([]);

    // The refused attempts did not burn the token: the exact previewed request still executes.
    const ok = await call(client, 'create_entity', { ...noteArgs('Original text'), confirmationToken: token });
    expect(ok.isError).toBe(false);
    expect(writeRequests(h.fake.requests)).toHaveLength(1);
  });

  it('refuses malformed and forged tokens', async () => {
    const malformed = await call(client, 'create_entity', { ...noteArgs('x'), confirmationToken: 'abc.def.ghi.jkl' });
    expect(malformed.text).toMatch(/malformed/);
    const preview = await call(client, 'create_entity', noteArgs('x'));
    const [body] = (preview.structured.confirmationToken as string).split('.');
    const forged = await call(client, 'create_entity', { ...noteArgs('x'), confirmationToken: `${body}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` });
    expect(forged.isError).toBe(true);
    expect(forged.text).toMatch(/not issued by this server/);
    expect(writeRequests(h.fake.requests)).toEqual([]);
  });

  it('refuses an expired token (controllable clock)', async () => {
    let now = Date.parse('2026-11-01T12:00:00Z');
    h.deps.confirmations = new ConfirmationService(5 * 60_000, () => now);
    const preview = await call(client, 'create_entity', noteArgs('Late confirm'));
    expect(preview.structured.expiresAt).toBe('2026-11-01T12:05:00.000Z');
    now += 5 * 60_000 + 1;
    const late = await call(client, 'create_entity', { ...noteArgs('Late confirm'), confirmationToken: preview.structured.confirmationToken });
    expect(late.isError).toBe(true);
    expect(late.text).toMatch(/has expired/);
    expect(writeRequests(h.fake.requests)).toEqual([]);

    // Just inside the window it still works.
    const fresh = await call(client, 'create_entity', noteArgs('On-time confirm'));
    now += 5 * 60_000 - 1;
    const onTime = await call(client, 'create_entity', { ...noteArgs('On-time confirm'), confirmationToken: fresh.structured.confirmationToken });
    expect(onTime.isError).toBe(false);
  });

  it('update_entity: preview shows current -> new, execute once, reuse refused', async () => {
    const ticket = h.fake.records('Tickets')[9];
    const oldTitle = ticket.title;
    const args = { entity: 'Tickets', id: ticket.id, fields: { title: 'Printer on floor 2 offline' } };
    const preview = await call(client, 'update_entity', args);
    expect(preview.structured.changes).toEqual([{ field: 'title', from: oldTitle, to: 'Printer on floor 2 offline' }]);
    expect(ticket.title).toBe(oldTitle);
    const token = preview.structured.confirmationToken;
    expect((await call(client, 'update_entity', { ...args, confirmationToken: token })).isError).toBe(false);
    expect(ticket.title).toBe('Printer on floor 2 offline');
    expect((await call(client, 'update_entity', { ...args, confirmationToken: token })).isError).toBe(true);
    expect(writeRequests(h.fake.requests).map((r) => `${r.method} ${r.route}`)).toEqual(['PATCH Tickets']);
  });
});

describe('audit log', () => {
  it('writes one line per executed write: principal, tool, entity, id, method, path, changed fields, session; no text values, no secrets', async () => {
    const secretText = 'Door code is 4242 - confidential';
    const preview = await call(client, 'create_entity', noteArgs(secretText));
    expect(auditLines()).toEqual([]);
    const done = await call(client, 'create_entity', { ...noteArgs(secretText), confirmationToken: preview.structured.confirmationToken });
    const lines = auditLines();
    expect(lines).toHaveLength(1);
    const session = (client.transport as StreamableHTTPClientTransport).sessionId;
    expect(lines[0]).toMatchObject({
      msg: 'autotask write',
      principal: 'default',
      tool: 'create_entity',
      entity: 'TicketNotes',
      operation: 'create',
      id: done.structured.id,
      method: 'POST',
      path: `Tickets/${ticketId()}/Notes`,
      fields: { description: { sha256: expect.stringMatching(/^[0-9a-f]{16}$/), chars: secretText.length }, noteType: expect.any(Number), publish: expect.any(Number) },
      outcome: 'done',
      runAs: null,
      session,
      confirmedVia: 'token',
    });
    expect(typeof lines[0].time).toBe('string');
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain(secretText);
    expect(leakedSentinels(h.logs)).toEqual([]);

    // A refused confirmation leaves no audit line.
    await call(client, 'create_entity', { ...noteArgs(secretText), confirmationToken: preview.structured.confirmationToken });
    expect(auditLines()).toHaveLength(1);
  });
});
