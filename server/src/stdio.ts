/**
 * MCP over stdio for desktop clients: one McpServer on stdin/stdout. stdout carries only
 * protocol frames; the logger writes to stderr (see logging/logger.ts).
 *
 * Closing drains first: requests already received still get their answers (bounded by a grace
 * period), whether the client closed stdin after piping its requests or a signal stops us.
 */
import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer, type ServerDeps } from './mcp/server.js';

export interface StdioHandle {
  /** Resolves when the client closes stdin (after draining) or the transport closes. */
  closed: Promise<void>;
  /** Requests received and not yet answered. */
  inFlight(): number;
  /** Waits up to graceMs (default 5 s) for in-flight requests, then closes. Idempotent. */
  close(graceMs?: number): Promise<void>;
}

export interface StdioOptions {
  stdin?: Readable;
  stdout?: Writable;
  /** Grace for in-flight requests when stdin ends (default 5 s). */
  graceMs?: number;
}

type RequestId = string | number;

const isRequest = (m: JSONRPCMessage): m is JSONRPCMessage & { id: RequestId; method: string } => 'method' in m && 'id' in m;
const isResponse = (m: JSONRPCMessage): m is JSONRPCMessage & { id: RequestId } => !('method' in m) && 'id' in m;

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

export async function startStdioServer(deps: ServerDeps, opts: StdioOptions = {}): Promise<StdioHandle> {
  const stdin: Readable = opts.stdin ?? process.stdin;
  const stdout: Writable = opts.stdout ?? process.stdout;
  const server = createMcpServer(deps);
  const transport = new StdioServerTransport(stdin, stdout);
  const pending = new Set<RequestId>();
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  transport.onclose = markClosed;

  let closing: Promise<void> | null = null;
  const close = (graceMs = opts.graceMs ?? 5_000): Promise<void> =>
    (closing ??= (async () => {
      stdin.off('end', onEnd);
      await waitFor(() => pending.size === 0, graceMs);
      if (pending.size > 0) deps.logger.warn({ inFlight: pending.size }, 'stdio shutdown grace period over; abandoning unanswered requests');
      await server.close();
      markClosed();
    })());
  // The SDK transport does not watch for end-of-input; a client that goes away closes stdin.
  const onEnd = () => void close();
  stdin.once('end', onEnd);
  await server.connect(transport);

  // Count requests in and responses out (connect() installed the protocol's handlers).
  const receive = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage) => {
    if (isRequest(message)) pending.add(message.id);
    // A cancelled request gets no response: stop waiting for it.
    if ('method' in message && message.method === 'notifications/cancelled') pending.delete((message.params as { requestId?: RequestId } | undefined)?.requestId ?? '');
    receive?.(message);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message: JSONRPCMessage) => {
    await send(message);
    if (isResponse(message)) pending.delete(message.id);
  };

  deps.logger.info({ transport: 'stdio', mode: deps.mode }, 'MCP server ready on stdio');
  return { closed, inFlight: () => pending.size, close };
}
