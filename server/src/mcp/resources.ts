/** MCP resources: single records (autotask://tickets/{id}, ...) and entity schemas. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ServerDeps } from './server.js';

export function registerResources(_server: McpServer, _deps: ServerDeps): void {
  // Filled in by the resources/prompts work (issue 3).
}
