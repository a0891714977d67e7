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
import { SHUTDOWN_MESSAGE, trackInFlight } from './mcp/in-flight.js';
import { waitFor } from './wait.js';

/**
 * The JSON-RPC answer for a line the SDK could not read (it only reports them to onerror):
 * not JSON at all, or JSON that is not a message. Never echoes the line (it may hold secrets).
 */
function unreadableLineAnswer(error: Error): { code: number; message: string } | null {
  if (error instanceof SyntaxError) {
    return { code: -32700, message: 'Parse error: a line on stdin is not valid JSON. Send one JSON-RPC message per line, UTF-8, ending in a newline.' };
  }
  if (error.name === 'ZodError') {
    return { code: -32600, message: 'Invalid Request: a line on stdin is JSON but not a JSON-RPC message (needs "jsonrpc": "2.0" and a method, or a result or error with an id).' };
  }
  return null;
}

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

export async function startStdioServer(deps: ServerDeps, opts: StdioOptions = {}): Promise<StdioHandle> {
  const stdin: Readable = opts.stdin ?? process.stdin;
  const stdout: Writable = opts.stdout ?? process.stdout;
  const server = createMcpServer(deps);
  const transport = new StdioServerTransport(stdin, stdout);
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  transport.onclose = markClosed;

  let closing: Promise<void> | null = null;
  const close = (graceMs = opts.graceMs ?? 5_000): Promise<void> =>
    (closing ??= (async () => {
      stdin.off('end', onEnd);
      await waitFor(() => inFlight.size() === 0, graceMs);
      if (inFlight.size() > 0) {
        deps.logger.warn({ inFlight: inFlight.size() }, 'stdio shutdown grace period over; answering unfinished requests with an error');
        await inFlight.abandon(-32000, SHUTDOWN_MESSAGE);
      }
      await server.close();
      markClosed();
    })());
  // The SDK transport does not watch for end-of-input; a client that goes away closes stdin.
  const onEnd = () => void close();
  stdin.once('end', onEnd);
  await server.connect(transport);

  const inFlight = trackInFlight(transport);
  const reportError = transport.onerror;
  transport.onerror = (error: Error) => {
    const answer = unreadableLineAnswer(error);
    if (answer) {
      deps.logger.warn({ transport: 'stdio', code: answer.code }, 'unparsable line on stdin; answered with a JSON-RPC error');
      // JSON-RPC 2.0: id is null when the request's id could not be read (the SDK types lack it).
      void transport.send({ jsonrpc: '2.0', id: null, error: answer } as unknown as JSONRPCMessage).catch(() => undefined);
      return;
    }
    reportError?.(error);
  };

  deps.logger.info({ transport: 'stdio', mode: deps.mode }, 'MCP server ready on stdio');
  return { closed, inFlight: () => inFlight.size(), close };
}
