import { mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditFields, auditValue, createAuditLog, type AuditEntry } from '../../src/logging/audit.js';
import { ConfirmationService } from '../../src/tools/confirm.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const entry: AuditEntry = { principal: 'alice', tool: 'create_note', entity: 'TicketNotes', operation: 'create', id: 1, method: 'POST', path: 'Tickets/1/Notes', fields: {}, outcome: 'done', runAs: 5, confirmedVia: 'token' };

describe('audit log', () => {
  it('keeps scalars and dates, digests text and structures', () => {
    expect(auditValue(3)).toBe(3);
    expect(auditValue(false)).toBe(false);
    expect(auditValue('2026-10-01T09:00:00Z')).toBe('2026-10-01T09:00:00Z');
    expect(auditValue('The alarm code is 1234')).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{16}$/), chars: 22 });
    expect(auditFields({ id: 9, title: 'x', userDefinedFields: [{ name: 'Ranking', value: 'Gold' }], data: 'QUJD' })).toEqual({
      title: auditValue('x'),
      'udf:Ranking': auditValue('Gold'),
      data: auditValue('QUJD'),
    });
  });

  it('writes JSON lines to stderr and MCP_AUDIT_FILE (0600), scrubbed, and reopens after rotation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    dirs.push(dir);
    const file = join(dir, 'audit.jsonl');
    let stderr = '';
    const log = createAuditLog({ destination: { write: (l) => (stderr += l) }, file, scrub: (l) => l.replaceAll('SECRET', '[REDACTED]'), onFileError: () => undefined });
    log.write({ ...entry, tool: 'SECRET' });
    renameSync(file, `${file}.1`);
    log.reopen();
    log.write(entry);
    log.close();
    expect(JSON.parse(stderr.split('\n')[0])).toMatchObject({ logger: 'audit', msg: 'autotask write', principal: 'alice', tool: '[REDACTED]' });
    expect(readFileSync(`${file}.1`, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ tool: 'create_note', runAs: 5 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('confirmation tokens and principals', () => {
  it('only the principal a write was held for can redeem it; a refusal does not spend it', async () => {
    const s = new ConfirmationService(60_000, () => 0);
    const write = { request: { tool: 't', method: 'POST', path: 'Tickets', body: { a: 1 } }, plan: { operation: 'create' as const, entity: 'Tickets', summary: 's' }, plannedAt: 0 };
    const { token } = await s.hold(write, 'args', 'alice');
    expect(await s.redeem(token, 'args', 'bob')).toMatchObject({ ok: false, reason: 'principal' });
    expect(await s.redeem(token, 'args', 'alice')).toMatchObject({ ok: true });
    expect(await s.redeem(token, 'args', 'bob')).toMatchObject({ ok: false, reason: 'principal' });
  });
});
