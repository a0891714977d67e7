/** Shared pieces of the security suite: one credential scan, harnesses whose output it records. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { expect } from 'vitest';
import { SENTINELS, startHarness, type Harness, type HarnessOptions } from '../helpers/harness.js';
import { mcpPost, rawRequest, type RawResponse } from '../helpers/raw.js';
import { CredentialScan } from './scan.js';

export const scan = new CredentialScan();

export const TOKEN = SENTINELS.authToken;
export const AUTH = { Authorization: `Bearer ${TOKEN}` };

/** A harness whose log lines are handed to the scan when it closes. */
export async function securedHarness(name: string, opts: HarnessOptions = {}): Promise<Harness & { done(): Promise<void> }> {
  const h = await startHarness(opts);
  return Object.assign(h, {
    async done() {
      await h.close();
      for (const line of h.logs.split('\n')) if (line) scan.record(`${name} log`, line);
    },
  });
}

export function recorded(source: string, res: RawResponse): RawResponse {
  scan.record(source, `${res.status} ${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${res.text}`);
  return res;
}

export const raw = async (source: string, url: string, init: Parameters<typeof rawRequest>[1] = {}) => recorded(source, await rawRequest(url, init));
export const post = async (source: string, url: string, message: object | string, headers: Record<string, string> = {}) => recorded(source, await mcpPost(url, message, headers));

/** An SDK client whose every HTTP answer is recorded. */
export async function recordedClient(h: Harness, source: string, headers: Record<string, string> = AUTH): Promise<Client> {
  const client = new Client({ name: source, version: '1.0.0' });
  client.onerror = () => undefined;
  await client.connect(new StreamableHTTPClientTransport(new URL(h.url), { requestInit: { headers }, fetch: scan.recordingFetch(source) }));
  return client;
}

export function expectJsonError(res: RawResponse, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/json');
  expect(res.json).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: expect.any(Number), message: expect.any(String) } });
  expect(res.text).not.toMatch(/<html|\bat \S+ \(|\.ts:\d+|node_modules/i);
}
