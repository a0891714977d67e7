/** stdio shutdown in process: a stop (SIGTERM) with a call in flight answers it before closing. */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startStdioServer } from '../../src/stdio.js';
import { leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { waitFor } from '../../src/wait.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  if (h) expect(leakedSentinels(h.logs)).toEqual([]);
  h = undefined;
});

function frames(stdout: PassThrough): () => Array<{ id?: number; result?: { isError?: boolean } }> {
  let text = '';
  stdout.setEncoding('utf8').on('data', (c: string) => (text += c));
  return () => text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
}

const INIT = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'drain', version: '1' } } };
const CALL = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get_api_usage', arguments: {} } };

describe('stdio close', () => {
  it('waits for a call in flight, answers it, then closes', async () => {
    h = await startHarness();
    h.fake.addFault({ route: /^ThresholdInformation$/i, times: 1, fault: { kind: 'delay', ms: 500 } });
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const read = frames(stdout);
    const stdio = await startStdioServer(h.deps, { stdin, stdout });
    stdin.write(`${JSON.stringify(INIT)}\n${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n${JSON.stringify(CALL)}\n`);
    await waitFor(() => read().length === 1 && stdio.inFlight() === 1, 5_000);
    expect(stdio.inFlight()).toBe(1); // the tool call; initialize is answered

    await stdio.close(5_000);
    await stdio.closed;
    expect(stdio.inFlight()).toBe(0);
    expect(read().map((f) => f.id)).toEqual([1, 2]);
    expect(read()[1].result?.isError).toBeFalsy();
  });

  it('gives up after the grace period on a call that never ends', async () => {
    h = await startHarness();
    h.fake.addFault({ route: /^ThresholdInformation$/i, times: 1, fault: { kind: 'hang' } });
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const read = frames(stdout);
    const stdio = await startStdioServer(h.deps, { stdin, stdout });
    stdin.write(`${JSON.stringify(INIT)}\n${JSON.stringify(CALL)}\n`);
    await waitFor(() => read().length === 1 && stdio.inFlight() === 1, 5_000);
    const started = Date.now();
    await stdio.close(300);
    expect(Date.now() - started).toBeLessThan(5_000); // the call never ends: only the 300 ms grace ends close()
    // The abandoned call is answered with an error (test/stdio/stdio-errors.test.ts), not dropped.
    expect(read().map((f) => f.id)).toEqual([1, 2]);
    expect(h.logs).toContain('stdio shutdown grace period over');
  });
});
