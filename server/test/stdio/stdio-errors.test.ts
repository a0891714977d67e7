/** stdio never drops a line silently: unparsable lines get JSON-RPC errors, abandoned calls too. */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startStdioServer } from '../../src/stdio.js';
import { SENTINELS, leakedSentinels, startHarness, type Harness } from '../helpers/harness.js';
import { waitFor } from '../../src/wait.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  if (h) expect(leakedSentinels(h.logs)).toEqual([]);
  h = undefined;
});

type Frame = { id?: number | string | null; result?: unknown; error?: { code: number; message: string } };

async function start(harness: Harness) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let text = '';
  stdout.setEncoding('utf8').on('data', (c: string) => (text += c));
  const stdio = await startStdioServer(harness.deps, { stdin, stdout });
  const frames = (): Frame[] => text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Frame);
  const waitFrames = async (n: number) => {
    await waitFor(() => frames().length >= n, 5_000);
    return frames();
  };
  return { stdin, stdio, frames, waitFrames, raw: () => text };
}

const INIT = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'errors', version: '1' } } };
const line = (m: object) => `${JSON.stringify(m)}\n`;

describe('stdio errors', () => {
  it('answers a line that is not JSON with -32700 (id null) and keeps serving', async () => {
    h = await startHarness();
    const s = await start(h);
    s.stdin.write(line(INIT));
    s.stdin.write(`this is not json ${SENTINELS.secret}\n`);
    s.stdin.write('{"jsonrpc":"2.0","id":5,"method":\n');
    s.stdin.write(line({ jsonrpc: '2.0', id: 2, method: 'ping' }));
    const frames = await s.waitFrames(4);
    // Answers to unreadable lines go out at once; the initialize answer may come after them.
    expect(frames.find((f) => f.id === 1)).toMatchObject({ result: expect.any(Object) });
    expect(frames.filter((f) => f.id === null)).toEqual([
      { jsonrpc: '2.0', id: null, error: { code: -32700, message: expect.stringContaining('not valid JSON') } },
      { jsonrpc: '2.0', id: null, error: { code: -32700, message: expect.stringContaining('not valid JSON') } },
    ]);
    expect(frames.find((f) => f.id === 2)).toMatchObject({ result: {} });
    expect(leakedSentinels(s.raw())).toEqual([]);
    expect(h.logs).toContain('unparsable line on stdin');
    await s.stdio.close(100);
  });

  it('answers JSON that is not a JSON-RPC message with -32600', async () => {
    h = await startHarness();
    const s = await start(h);
    s.stdin.write(line(INIT));
    s.stdin.write(line({ hello: 'world' }));
    s.stdin.write('42\n');
    const frames = await s.waitFrames(3);
    expect(frames.filter((f) => f.id === null)).toEqual([
      { jsonrpc: '2.0', id: null, error: { code: -32600, message: expect.stringContaining('not a JSON-RPC message') } },
      { jsonrpc: '2.0', id: null, error: { code: -32600, message: expect.stringContaining('not a JSON-RPC message') } },
    ]);
    await s.stdio.close(100);
  });

  it('answers a call still running after the grace period with an error before closing', async () => {
    h = await startHarness({ env: { AUTOTASK_TIMEOUT_SECONDS: '60' } });
    h.fake.addFault({ route: /^ThresholdInformation$/i, times: 1, fault: { kind: 'hang' } });
    const s = await start(h);
    s.stdin.write(line(INIT) + line({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get_api_usage', arguments: {} } }));
    await waitFor(() => s.frames().length === 1 && s.stdio.inFlight() === 1, 5_000);
    await s.stdio.close(200);
    const frames = s.frames();
    expect(frames.map((f) => f.id)).toEqual([1, 2]);
    expect(frames[1].error).toMatchObject({ code: -32000, message: expect.stringContaining('shutting down') });
  });
});
