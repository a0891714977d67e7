/** Raw HTTP helpers for transport-level tests (status codes, headers, bodies) without the SDK client. */
import { request as httpRequest } from 'node:http';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import type { Wire } from './wire.js';

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or the JSON of the first SSE `data:` line, or undefined. */
  json: Wire;
}

export const MCP_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };

export function initializeMessage(id: number | string = 1, clientName = 'raw-client') {
  return {
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: clientName, version: '1.0.0' } },
  };
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (contentType?.includes('text/event-stream')) {
    const data = text.split('\n').find((l) => l.startsWith('data: ') && l.length > 6);
    return data ? JSON.parse(data.slice(6)) : undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * One HTTP request over node:http (unlike fetch, it lets tests set any Host header). SSE
 * responses are read until the first message arrives, then the connection is dropped.
 */
export function rawRequest(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | object } = {}): Promise<RawResponse> {
  const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers: init.headers, agent: false },
      (res) => {
        let text = '';
        const sse = String(res.headers['content-type'] ?? '').includes('text/event-stream');
        const done = () => {
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
          resolve({ status: res.statusCode ?? 0, headers, text, json: parseBody(text, res.headers['content-type']) });
        };
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (sse && /\ndata: .+\n/.test(text)) {
            res.destroy();
            done();
          }
        });
        res.on('end', done);
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** POST a JSON-RPC message to /mcp with the headers the spec requires. */
export function mcpPost(url: string, message: object | string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(url, { method: 'POST', headers: { ...MCP_HEADERS, ...headers }, body: message });
}

/** initialize + notifications/initialized; returns the new session id. */
export async function openRawSession(url: string, headers: Record<string, string> = {}): Promise<string> {
  const init = await mcpPost(url, initializeMessage(), headers);
  const sid = init.headers.get('mcp-session-id');
  if (init.status !== 200 || !sid) throw new Error(`initialize failed: ${init.status} ${init.text}`);
  const note = await mcpPost(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, { ...headers, 'mcp-session-id': sid });
  if (note.status !== 202) throw new Error(`initialized notification failed: ${note.status}`);
  return sid;
}
