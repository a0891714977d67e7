/**
 * A failure that is not Autotask's (a bug, a TypeError) gets a short error id: the tool result
 * shows the id, the log line has the id with the stack, and neither holds a secret; the stack
 * never reaches the client.
 */
import { describe, expect, it, vi } from 'vitest';
import { leakedSentinels, SENTINELS } from '../../helpers/harness.js';
import { useHarness } from '../companies/flow.js';
import { call } from './call.js';

const s = useHarness();

describe('internal errors', () => {
  it('show an error id that the log line with the stack also has; no stack or secret to the client', async () => {
    const spy = vi.spyOn(s.h.deps.api, 'get').mockImplementation(() => {
      throw new TypeError(`Cannot read properties of undefined (reading 'x') near ${SENTINELS.secret}`);
    });
    s.h.clearLogs();
    const r = await call(s.client, 'get_company', { id: 1 });
    spy.mockRestore();
    expect(r.isError).toBe(true);
    const id = /error id ([0-9a-f]{8})/.exec(r.text)?.[1];
    expect(id, r.text).toBeDefined();
    expect(r.text).not.toMatch(/\bat .+:\d+:\d+/);
    expect(r.text).not.toContain('TypeError');
    expect(leakedSentinels(r.text)).toEqual([]);
    const line = s.h.logEvents().find((e) => e.errorId === id);
    expect(line, s.h.logs).toBeDefined();
    expect(line!.level).toBe('error');
    const err = line!.err as { name: string; stack: string };
    expect(err.name).toBe('TypeError');
    expect(err.stack).toMatch(/TypeError[\s\S]*\n\s+at /);
    expect(leakedSentinels(s.h.logs)).toEqual([]);
  });

  it('Autotask and input errors carry no error id (their message is the diagnosis)', async () => {
    const r = await call(s.client, 'get_company', { id: 1, bogus: true });
    expect(r.isError).toBe(true);
    expect(r.text).not.toMatch(/error id/);
  });
});
