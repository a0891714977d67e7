/**
 * The `logging` capability: messages for the MCP client (notifications/message) about its own
 * calls (read retries, budget warnings), sent on the call's own stream and filtered by the level
 * the client set with logging/setLevel (every level until it sets one, as the SDK does). One per
 * McpServer, which serves one session.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SetLevelRequestSchema, type LoggingLevel, type ServerNotification } from '@modelcontextprotocol/sdk/types.js';

const SEVERITY: readonly LoggingLevel[] = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

export class ClientLog {
  private level: LoggingLevel | undefined;

  constructor(server: McpServer) {
    server.server.setRequestHandler(SetLevelRequestSchema, (req) => {
      this.level = req.params.level;
      return {};
    });
  }

  wants(level: LoggingLevel): boolean {
    return this.level === undefined || SEVERITY.indexOf(level) >= SEVERITY.indexOf(this.level);
  }

  /** Sends `data` at `level` through `send` (a request's sendNotification); never fails the call. */
  async send(send: (n: ServerNotification) => Promise<void>, level: LoggingLevel, data: Record<string, unknown>): Promise<void> {
    if (!this.wants(level)) return;
    try {
      await send({ method: 'notifications/message', params: { level, logger: 'autotask-mcp', data } });
    } catch {
      // the client went away: nothing to tell
    }
  }
}
