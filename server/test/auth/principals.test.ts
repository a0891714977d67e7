/**
 * Two (and more) principals over real sockets against the strict fake: each sees only its
 * toolsets, writes carry its ImpersonationResourceId, a confirmation token confirms only for the
 * principal that previewed it (from any of its sessions), a record edited by someone else between
 * preview and confirm is previewed again, and the audit log has one line per executed write.
 */
import { mkdtempSync, writeFileSync, appendFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { call, writeRequests } from '../tools/framework/call.js';
import { generateToken, tokenHash, tokenLine } from '../../src/auth/tokens-file.js';
import type { Principal } from '../../src/auth/principal.js';

const ALICE_RESOURCE = 29682902;
const CAROL_RESOURCE = 29682903;
const TICKET = 41100;

const alice: Principal = { name: 'alice', resourceId: ALICE_RESOURCE, toolsets: ['core', 'tickets', 'notes', 'time'], readOnly: false };
const bob: Principal = { name: 'bob', resourceId: null, toolsets: ['core', 'tickets'], readOnly: true };
const carol: Principal = { name: 'carol', resourceId: CAROL_RESOURCE, toolsets: null, readOnly: false };
// The API user's own resource: API-only security levels cannot be impersonated.
const dave: Principal = { name: 'dave', resourceId: 29682885, toolsets: ['core', 'notes'], readOnly: false };

const tokens = { alice: generateToken(), bob: generateToken(), carol: generateToken(), dave: generateToken(), erin: generateToken() };
let dir: string;
let file: string;
let h: Harness;

const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
const auditLines = () => h.logEvents().filter((e) => e.logger === 'audit');
const ticket = () => h.fake.records('Tickets').find((t) => t.id === TICKET)!;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'principals-'));
  file = join(dir, 'tokens.jsonl');
  writeFileSync(file, `# team tokens\n${[alice, bob, carol, dave].map((p) => tokenLine(tokenHash(tokens[p.name as 'alice']), p)).join('\n')}\n`);
  h = await startHarness({ env: { MCP_TOKENS_FILE: file, MCP_HTTP_HOST: '127.0.0.1' } });
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('principals from MCP_TOKENS_FILE', () => {
  it('each principal lists and calls only its toolsets; read-only wins', async () => {
    const a = await h.connect({ headers: bearer(tokens.alice) });
    const b = await h.connect({ headers: bearer(tokens.bob) });
    const aliceTools = (await a.listTools()).tools.map((t) => t.name);
    const bobTools = (await b.listTools()).tools.map((t) => t.name);
    expect(aliceTools).toEqual(expect.arrayContaining(['get_ticket', 'update_ticket', 'create_note', 'create_time_entry']));
    expect(aliceTools).not.toContain('search_companies');
    expect(aliceTools).not.toContain('update_entity');
    expect(bobTools).toEqual(expect.arrayContaining(['get_ticket', 'search_tickets']));
    expect(bobTools.filter((n) => /^(create|update|delete)_|attach_/.test(n))).toEqual([]);
    const refused = await call(b, 'update_ticket', { id: TICKET, title: 'Bob was here' });
    expect(refused.isError).toBe(true);
    const outside = await call(a, 'search_companies', { name: 'a' });
    expect(outside.isError).toBe(true);
    expect(writeRequests(h.fake.requests)).toEqual([]);
  });

  it('an unknown token is refused; another principal cannot use a session', async () => {
    const res = await fetch(h.url, { method: 'POST', headers: { ...bearer(tokens.erin), 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' });
    expect(res.status).toBe(401);
    expect(await res.text()).toMatch(/token add/);
    const a = await h.connect({ headers: bearer(tokens.alice) });
    const sid = (a.transport as { sessionId?: string }).sessionId!;
    const hijack = await fetch(h.url, {
      method: 'POST',
      headers: { ...bearer(tokens.carol), 'mcp-session-id': sid, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(hijack.status).toBe(404);
  });

  it("writes carry the principal's ImpersonationResourceId; the preview says on whose behalf", async () => {
    h.fake.clearRequests();
    const a = await h.connect({ headers: bearer(tokens.alice) });
    const args = { parentType: 'ticket', parentId: TICKET, title: 'Called back', text: 'Alice called the client back.' };
    const p = await call(a, 'create_note', args);
    expect(p.structured.onBehalfOf).toEqual({ principal: 'alice', resourceId: ALICE_RESOURCE });
    expect(p.text).toContain(`on behalf of alice: Autotask resource ${ALICE_RESOURCE}`);
    const done = await call(a, 'create_note', { ...args, confirmationToken: p.structured.confirmationToken });
    expect(done.isError, done.text).toBe(false);
    const writes = writeRequests(h.fake.requests);
    expect(writes.map((w) => [w.method, w.route, w.impersonationResourceId])).toEqual([['POST', `Tickets/${TICKET}/Notes`, String(ALICE_RESOURCE)]]);
    // Reads never carry it.
    expect(h.fake.requests.filter((r) => r.method === 'GET' && r.impersonationResourceId !== undefined)).toEqual([]);
    const note = h.fake.records('TicketNotes').find((n) => n.id === done.structured.id)!;
    expect(note).toMatchObject({ creatorResourceID: ALICE_RESOURCE, impersonatorCreatorResourceID: 29682885 });
  });

  it("a time entry defaults resourceID to the caller's resource", async () => {
    h.fake.clearRequests();
    const a = await h.connect({ headers: bearer(tokens.alice) });
    const args = { ticketID: TICKET, hoursWorked: 0.5, dateWorked: '2026-10-01', summaryNotes: 'Checked the backups.' };
    const p = await call(a, 'create_time_entry', args);
    expect(p.isError, p.text).toBe(false);
    expect(p.structured.request.body.resourceID).toBe(ALICE_RESOURCE);
    expect(p.structured.onBehalfOf).toEqual({ principal: 'alice', resourceId: ALICE_RESOURCE });
  });

  it("another principal cannot confirm A's token; A's new session can, once", async () => {
    h.fake.clearRequests();
    const a1 = await h.connect({ headers: bearer(tokens.alice) });
    const c = await h.connect({ headers: bearer(tokens.carol) });
    const args = { parentType: 'ticket', parentId: TICKET, title: 'Follow-up', text: 'Follow-up booked.' };
    const p = await call(a1, 'create_note', args);
    const token = p.structured.confirmationToken as string;
    const stolen = await call(c, 'create_note', { ...args, confirmationToken: token });
    expect(stolen.isError).toBe(true);
    expect(stolen.text).toMatch(/issued to another user/);
    expect(writeRequests(h.fake.requests)).toEqual([]);
    await a1.close();
    const a2 = await h.connect({ headers: bearer(tokens.alice) }); // a reconnecting client: a new MCP session
    const done = await call(a2, 'create_note', { ...args, confirmationToken: token });
    expect(done.isError, done.text).toBe(false);
    const replay = await call(a2, 'create_note', { ...args, confirmationToken: token });
    expect(replay.isError).toBe(true);
    expect(writeRequests(h.fake.requests)).toHaveLength(1);
  });

  it('a record another principal edited between preview and confirm is not overwritten: a fresh preview instead', async () => {
    h.fake.clearRequests();
    const a = await h.connect({ headers: bearer(tokens.alice) });
    const c = await h.connect({ headers: bearer(tokens.carol) });
    const mine = await call(a, 'update_ticket', { id: TICKET, title: 'Printer queue stuck (alice)' });
    const theirs = await call(c, 'update_ticket', { id: TICKET, title: 'Printer queue stuck (carol)' });
    const carolDone = await call(c, 'update_ticket', { id: TICKET, title: 'Printer queue stuck (carol)', confirmationToken: theirs.structured.confirmationToken });
    expect(carolDone.isError, carolDone.text).toBe(false);
    const late = await call(a, 'update_ticket', { id: TICKET, title: 'Printer queue stuck (alice)', confirmationToken: mine.structured.confirmationToken });
    expect(late.isError).toBe(false);
    expect(late.structured.status).toBe('confirmation_required');
    expect(late.structured.warnings[0]).toMatch(/changed since the preview you confirmed \(title\)/);
    expect(late.structured.changes).toEqual([expect.objectContaining({ field: 'title', from: 'Printer queue stuck (carol)', to: 'Printer queue stuck (alice)' })]);
    expect(ticket().title).toBe('Printer queue stuck (carol)');
    expect(writeRequests(h.fake.requests).map((w) => w.impersonationResourceId)).toEqual([String(CAROL_RESOURCE)]);
  });

  it('Autotask refusing the impersonation says what to fix, and is audited as refused', async () => {
    h.fake.clearRequests();
    h.clearLogs();
    const d = await h.connect({ headers: bearer(tokens.dave) });
    const args = { parentType: 'ticket', parentId: TICKET, title: 'Dave', text: 'Note by dave.' };
    const p = await call(d, 'create_note', args);
    const r = await call(d, 'create_note', { ...args, confirmationToken: p.structured.confirmationToken });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/does not have the adequate permissions/);
    expect(r.text).toMatch(/allow impersonation of its security level/);
    expect(auditLines()).toEqual([expect.objectContaining({ principal: 'dave', outcome: 'refused', runAs: 29682885, tool: 'create_note' })]);
  });

  it('the audit log: one line per executed write, none for previews or refusals, no secret', async () => {
    h.clearLogs();
    const a = await h.connect({ headers: bearer(tokens.alice) });
    const secretText = 'Alarm code 9911, keep private';
    const args = { parentType: 'ticket', parentId: TICKET, title: 'Site visit', text: secretText };
    const p = await call(a, 'create_note', args);
    expect(auditLines()).toEqual([]);
    await call(a, 'create_note', { ...args, confirmationToken: 'x'.repeat(20) });
    expect(auditLines()).toEqual([]);
    const done = await call(a, 'create_note', { ...args, confirmationToken: p.structured.confirmationToken });
    await call(a, 'create_note', { ...args, confirmationToken: p.structured.confirmationToken }); // replay: refused
    const lines = auditLines();
    expect(lines).toEqual([
      expect.objectContaining({
        principal: 'alice',
        tool: 'create_note',
        entity: 'TicketNotes',
        operation: 'create',
        id: done.structured.id,
        method: 'POST',
        path: `Tickets/${TICKET}/Notes`,
        outcome: 'done',
        runAs: ALICE_RESOURCE,
        fields: expect.objectContaining({ description: { sha256: expect.any(String), chars: secretText.length }, publish: expect.any(Number) }),
      }),
    ]);
    const logs = h.logs;
    expect(logs).not.toContain(secretText);
    expect(leakedSentinels(logs)).toEqual([]);
    for (const t of Object.values(tokens)) expect(logs).not.toContain(t);
    expect(logs).not.toContain(p.structured.confirmationToken as string);
  });

  it('a write whose answer was lost is audited as unknown', async () => {
    h.clearLogs();
    const a = await h.connect({ headers: bearer(tokens.alice) });
    const args = { parentType: 'ticket', parentId: TICKET, title: 'Lost answer', text: 'The answer to this one is lost.' };
    const p = await call(a, 'create_note', args);
    h.fake.addFault({ method: 'POST', route: /Notes$/, times: 1, fault: { kind: 'reset', applied: true } });
    const r = await call(a, 'create_note', { ...args, confirmationToken: p.structured.confirmationToken });
    expect(r.isError).toBe(true);
    expect(auditLines()).toEqual([expect.objectContaining({ principal: 'alice', outcome: 'unknown', id: null })]);
    h.fake.clearFaults();
  });

  it('the file is reloaded when it changes; a bad file keeps the last good one and says why', async () => {
    const erin: Principal = { name: 'erin', resourceId: null, toolsets: ['core'], readOnly: true };
    appendFileSync(file, `${tokenLine(tokenHash(tokens.erin), erin)}\n`);
    await expect.poll(() => h.http.principals.resolve(tokens.erin)?.name, { timeout: 10_000, interval: 200 }).toBe('erin');
    const e = await h.connect({ headers: bearer(tokens.erin) });
    expect((await e.listTools()).tools.map((t) => t.name)).toEqual(['test_connection', 'get_api_usage']);
    h.clearLogs();
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, `${good}{"sha256":"nothex","name":"x"}\n`);
    await expect.poll(() => h.logs.includes('tokens file refused'), { timeout: 10_000, interval: 200 }).toBe(true);
    expect(h.logs).toMatch(/line \d+: sha256/);
    expect(h.http.principals.resolve(tokens.erin)?.name).toBe('erin');
    // SIGHUP does the same on demand.
    writeFileSync(file, good.replace(/.*"erin".*\n/, ''));
    expect(h.http.principals.reload('SIGHUP')).toBe(true);
    expect(h.http.principals.resolve(tokens.erin)).toBeNull();
  });

  it("a session ends when the file changes its principal's rights; the next one gets the new rights", async () => {
    const a = await h.connect({ headers: bearer(tokens.alice) });
    expect((await a.listTools()).tools.map((t) => t.name)).toContain('create_note');
    writeFileSync(file, `${[{ ...alice, readOnly: true }, bob, carol, dave].map((p) => tokenLine(tokenHash(tokens[p.name as 'alice']), p)).join('\n')}\n`);
    expect(h.http.principals.reload('test')).toBe(true);
    await expect(a.listTools()).rejects.toThrow(/access changed/);
    const again = await h.connect({ headers: bearer(tokens.alice) });
    expect((await again.listTools()).tools.map((t) => t.name)).not.toContain('create_note');
  });
});
