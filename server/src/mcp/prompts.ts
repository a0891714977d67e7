/** MCP prompts that technicians use (ticket triage, queue summary, time-entry helper). */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ServerDeps } from './server.js';

export function registerPrompts(_server: McpServer, _deps: ServerDeps): void {
  // Filled in by the resources/prompts work (issue 3).
}
