/**
 * autotask-mcp doctor in-process against the strict fake: a healthy tenant passes with reads only
 * and within the request budget; each broken assumption makes the right line fail or warn.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/catalogue/types.js';
import { catalogue } from '../../src/catalogue/index.js';
import type { FakeAutotask } from '../../src/fake/types.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { runDoctor } from '../../src/doctor/run.js';
import { REQUEST_LIMIT } from '../../src/doctor/budget.js';
import { TICKET_LIST_FIELDS } from '../../src/tools/tickets/common.js';
import { ATTACHMENT_KINDS } from '../../src/tools/attachments/kinds.js';
import { leakedSentinels } from '../helpers/harness.js';
import { EVIDENCE } from '../../src/fake/evidence/index.js';
import { doctorEnv, isRead, runDoctorCli, startDoctorFake } from './support.js';

const fakes: FakeAutotask[] = [];
async function fake(opts: Parameters<typeof startDoctorFake>[0] = {}): Promise<FakeAutotask> {
  const f = await startDoctorFake(opts);
  fakes.push(f);
  return f;
}
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

describe('doctor against a healthy tenant', () => {
  it('passes with only reads, within the budget, every request counted, and no secret in its output', async () => {
    const f = await fake();
    const run = await runDoctorCli(doctorEnv(f));
    expect(run.code).toBe(0);
    expect(run.report.summary.fail).toBe(0);
    expect(run.report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(f.requests.length).toBeGreaterThan(20);
    expect(f.requests.length).toBeLessThanOrEqual(REQUEST_LIMIT);
    expect(run.report.requests).toBe(f.requests.length);
    expect(f.requests.filter((r) => !isRead(r))).toEqual([]);
    expect(f.requests.some((r) => r.route === 'zoneInformation')).toBe(true); // the pinned zone is compared with the lookup
    for (const id of ['zone', 'credentials', 'api.usage', 'version', 'fields.Tickets', 'tickets.closed-statuses', 'tickets.queue', 'notes.publish.TicketNotes', 'roles.defaults', 'query.order', 'attachments.read', 'api.threads']) {
      expect(run.check(id)?.status, id).toBe('pass');
    }
    expect(leakedSentinels(run.stdout + run.stderr)).toEqual([]);
  });

  it('every doctorCheck of the evidence table names a check the doctor runs', async () => {
    const f = await fake();
    const ids = (await runDoctorCli(doctorEnv(f))).report.checks.map((c) => c.id);
    const named = EVIDENCE.filter((e) => e.doctorCheck);
    expect(named.length).toBeGreaterThan(0);
    for (const e of named) {
      const want = e.doctorCheck!;
      const hit = want.endsWith('.*') ? ids.some((id) => id.startsWith(want.slice(0, -1))) : ids.includes(want);
      expect(hit, `${e.id} -> ${want}`).toBe(true);
    }
  });

  it('queries attachments only under parent records, as Autotask requires and the tools do', async () => {
    const f = await fake();
    await runDoctorCli(doctorEnv(f));
    for (const kind of Object.values(ATTACHMENT_KINDS)) {
      const queries = f.requests.filter((r) => r.route === `${kind.entity}/query`);
      expect(queries.length, kind.entity).toBeGreaterThan(0);
      for (const q of queries) expect((q.body as { filter: Array<{ field?: string }> }).filter.map((t) => t.field)).toEqual([kind.idField]);
    }
    expect(f.requests.filter((r) => r.route.startsWith('TicketAttachments/') && r.method === 'GET' && /^TicketAttachments\/\d+$/.test(r.route))).toHaveLength(1);
  });

  it('asks for exactly the fields the tools request (TICKET_LIST_FIELDS as IncludeFields)', async () => {
    const f = await fake();
    await runDoctorCli(doctorEnv(f));
    const sentFields = f.requests
      .filter((r) => r.route === 'Tickets/query')
      .map((r) => (r.body as { IncludeFields?: string[] }).IncludeFields)
      .find((fields) => fields && fields.length > 1);
    expect(sentFields).toEqual(['id', ...TICKET_LIST_FIELDS]);
  });

  it('prints one line per check with the fix on warn/fail lines, and a summary', async () => {
    const f = await fake({ resultOrder: 'descending' });
    const run = await runDoctorCli(doctorEnv(f), []);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^autotask-mcp doctor \d+\.\d+\.\d+: live tenant, read-only checks \(at most 60 requests\)/);
    expect(lines.find((l) => l.startsWith('FAIL query.order:'))).toMatch(/-> fix: /);
    expect(lines.filter((l) => l.startsWith('pass ')).every((l) => !l.includes('-> fix'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^\d+ pass, \d+ warn, 1 fail; \d+ Autotask requests, none of them writes\.$/);
  });
});

describe('doctor against broken assumptions', () => {
  it('a tenant answering newest first fails query.order (and only that)', async () => {
    const f = await fake({ resultOrder: 'descending' });
    const run = await runDoctorCli(doctorEnv(f));
    expect(run.code).toBe(1);
    expect(run.check('query.order')).toMatchObject({ status: 'fail', message: expect.stringContaining('out of ascending order') });
    expect(run.report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['query.order']);
  });

  it('a catalogue without a field the ticket tools request fails fields.Tickets naming it', async () => {
    const broken = structuredClone<Catalogue>(catalogue);
    broken.entities.Tickets.fields = broken.entities.Tickets.fields.filter((x) => x.name !== 'dueDateTime');
    const f = await fake({ catalogue: broken });
    const run = await runDoctorCli(doctorEnv(f));
    expect(run.code).toBe(1);
    expect(run.check('fields.Tickets')).toMatchObject({ status: 'fail', message: expect.stringContaining('dueDateTime') });
    expect(run.check('fields.Tickets')!.fix).toContain('AUTOTASK_TOOLSETS');
    expect(run.check('fields.Companies')?.status).toBe('pass');
  });

  it('AUTOTASK_CLOSED_STATUSES naming an unknown status fails with the valid list', async () => {
    const f = await fake();
    const run = await runDoctorCli(doctorEnv(f, { AUTOTASK_CLOSED_STATUSES: 'Done,21' }));
    expect(run.code).toBe(1);
    const line = run.check('tickets.closed-statuses')!;
    expect(line.status).toBe('fail');
    expect(line.message).toContain('"Done"');
    expect(line.message).toContain('5=Complete');
    expect(line.message).not.toContain('"21"');
  });

  it('AUTOTASK_CLOSED_STATUSES that match are shown as the closed set', async () => {
    const f = await fake();
    const run = await runDoctorCli(doctorEnv(f, { AUTOTASK_CLOSED_STATUSES: 'cancelled,Waiting Vendor' }));
    expect(run.check('tickets.closed-statuses')).toMatchObject({ status: 'pass', details: { source: 'AUTOTASK_CLOSED_STATUSES' } });
    const shown = run.check('tickets.closed-statuses')!.message.match(/closed: (.*?) \(from/)![1].split(', ').sort();
    expect(shown).toEqual(['Cancelled (21)', 'Complete (5)', 'Waiting Vendor (12)']);
  });

  it('wrong credentials fail the credentials line and stop', async () => {
    const f = await fake();
    const run = await runDoctorCli(doctorEnv(f, { AUTOTASK_SECRET: 'SENTINEL-WRONG-SECRET-7a9c' }));
    expect(run.code).toBe(1);
    expect(run.check('credentials')).toMatchObject({ status: 'fail', fix: expect.stringContaining('AUTOTASK_SECRET') });
    expect(run.report.checks.at(-1)!.id).toBe('credentials');
    expect(run.stdout).not.toContain('SENTINEL-WRONG-SECRET-7a9c');
  });

  it('a zone lookup that redirects away from Autotask fails the zone line with the pinning fix', async () => {
    const f = await fake();
    f.addFault({ route: /^zoneInformation$/, fault: { kind: 'status', status: 302, headers: { location: 'https://elsewhere.example/' } } });
    const { AUTOTASK_API_URL: _pinned, ...unpinned } = doctorEnv(f);
    const run = await runDoctorCli(unpinned);
    expect(run.code).toBe(1);
    expect(run.check('zone')).toMatchObject({ status: 'fail', message: expect.stringMatching(/redirected to .*elsewhere\.example/) });
    expect(run.check('zone')!.fix).toContain('AUTOTASK_API_URL=');
  });

  it('a pinned zone the lookup disagrees with is a warning naming the detected URL', async () => {
    const f = await fake();
    const other = await fake();
    const run = await runDoctorCli(doctorEnv(f, { AUTOTASK_ZONE_LOOKUP_URL: other.restBase }));
    expect(run.code).toBe(0);
    expect(run.check('zone')).toMatchObject({ status: 'warn', fix: expect.stringContaining(`AUTOTASK_API_URL=${other.restBase}`) });
  });

  it('API usage above 50 % warns; too little headroom left stops the run', async () => {
    const f = await fake();
    const threshold = (used: number) => ({ route: /^ThresholdInformation$/, fault: { kind: 'status' as const, status: 200, body: { externalRequestThreshold: 10000, requestThresholdTimeframe: 60, currentTimeframeRequestCount: used } } });
    f.addFault(threshold(6200));
    const busy = await runDoctorCli(doctorEnv(f));
    expect(busy.code).toBe(0);
    expect(busy.check('api.usage')).toMatchObject({ status: 'warn', message: expect.stringContaining('62%') });
    f.clearFaults();
    f.clearRequests();
    f.addFault(threshold(9980));
    const full = await runDoctorCli(doctorEnv(f));
    expect(full.check('api.usage')).toMatchObject({ status: 'warn', message: expect.stringContaining('doctor stopped') });
    expect(full.report.checks.at(-1)!.id).toBe('api.threads');
    expect(f.requests.length).toBeLessThanOrEqual(3);
  });

  it('a thread-limit refusal fails that check and warns on api.threads', async () => {
    const f = await fake();
    f.addFault({ route: /^Contacts\/query$/, times: 1, fault: { kind: 'status', status: 429, body: { errors: ['Thread Threshold Exceeded (Itgenatr005)'] } } });
    const run = await runDoctorCli(doctorEnv(f));
    expect(run.check('fields.Contacts')?.status).toBe('fail');
    expect(run.check('api.threads')).toMatchObject({ status: 'warn', details: { throttled: 1 } });
  });

  it('never goes over its request budget', async () => {
    const f = await fake();
    const config = loadConfig(doctorEnv(f));
    const report = await runDoctor(config, { logger: createLogger({ ...config, log: { level: 'silent', format: 'json' } }), limit: 12 });
    expect(f.requests.length).toBeLessThanOrEqual(12);
    expect(report.requests).toBeLessThanOrEqual(12);
    expect(report.checks.find((c) => c.id === 'budget')).toMatchObject({ status: 'warn' });
    expect(report.exitCode).toBe(0);
  });

  it('in read-only mode and with fewer tool areas, checks only what the configured tools use', async () => {
    const f = await fake();
    const run = await runDoctorCli(doctorEnv(f, { AUTOTASK_READ_ONLY: 'true', AUTOTASK_TOOLSETS: 'core,companies' }));
    expect(run.code).toBe(0);
    const ids = run.report.checks.map((c) => c.id);
    expect(ids).toContain('writes');
    expect(ids).toContain('fields.Companies');
    expect(ids).toContain('fields.Tickets'); // ticket numbers are looked up for names everywhere
    expect(ids.filter((i) => /^(fields\.(TimeEntries|TicketNotes)|tickets\.|roles\.|notes\.|attachments\.)/.test(i))).toEqual([]);
    expect(run.check('query.order')!.details).toMatchObject({ entity: 'Companies' });
  });

  it('bad configuration exits 2 in the server\'s style, before any request', async () => {
    const run = await runDoctorCli({ AUTOTASK_SECRET: 'SENTINEL-CFG-SECRET-0d1e', MCP_HTTP_PORT: 'eighty' }, []);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^autotask-mcp: Invalid configuration:\n- /);
    expect(run.stderr).not.toContain('SENTINEL-CFG-SECRET-0d1e');
    expect(run.stdout).toBe('');
    expect((await runDoctorCli({ AUTOTASK_DEMO: 'true' }, ['--jsn'])).code).toBe(2);
  });
});
