/**
 * MCP over stdio for desktop clients: one McpServer on stdin/stdout. stdout carries only
 * protocol frames; the logger writes to stderr (see logging/logger.ts).
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer, type ServerDeps } from './mcp/server.js';

export interface StdioHandle {
  /** Resolves when the client closes stdin or the transport closes. */
  closed: Promise<void>;
  close(): Promise<void>;
}

export async function startStdioServer(deps: ServerDeps, stdin = process.stdin, stdout = process.stdout): Promise<StdioHandle> {
  const server = createMcpServer(deps);
  const transport = new StdioServerTransport(stdin, stdout);
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  transport.onclose = markClosed;
  // The SDK transport does not watch for end-of-input; a client that goes away closes stdin.
  const onEnd = () => void server.close().finally(markClosed);
  stdin.once('end', onEnd);
  await server.connect(transport);
  deps.logger.info({ transport: 'stdio', mode: deps.mode }, 'MCP server ready on stdio');
  return {
    closed,
    async close() {
      stdin.off('end', onEnd);
      await server.close();
      markClosed();
    },
  };
}
