/**
 * Asking the human to approve a write through form elicitation. Only a client that declares
 * form support is asked (the SDK reads an empty `elicitation: {}` as form, as the spec says);
 * URL-only clients and clients without elicitation get the token flow. A human gets
 * MCP_ELICITATION_TIMEOUT_SECONDS to answer, not the SDK's 60 s; when that passes, or the client
 * cannot answer, the caller falls back to the token flow and says why.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, type ServerNotification, type ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { Logger } from 'pino';
import type { BoundRequest } from './confirm.js';
import type { WritePlan } from './types.js';
import { elicitationMessage } from './preview.js';

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export type HumanAnswer = { approved: true } | { approved: false; action: string } | { fallback: string };

export function canAskByForm(server: McpServer): boolean {
  return server.server.getClientCapabilities()?.elicitation?.form !== undefined;
}

function duration(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}

export async function askHuman(server: McpServer, extra: Extra, request: BoundRequest, plan: WritePlan, actor: string, timeoutMs: number, logger: Logger): Promise<HumanAnswer> {
  try {
    const answer = await server.server.elicitInput(
      {
        mode: 'form',
        message: elicitationMessage(request, plan, actor),
        requestedSchema: { type: 'object', properties: { approve: { type: 'boolean', title: 'Approve', description: 'Execute this write now' } }, required: ['approve'] },
      },
      { relatedRequestId: extra.requestId, timeout: timeoutMs, signal: extra.signal },
    );
    if (answer.action === 'accept' && answer.content?.approve === true) return { approved: true };
    return { approved: false, action: answer.action };
  } catch (err) {
    if (extra.signal.aborted) throw err; // the call itself was cancelled: nobody waits for a preview
    const timedOut = err instanceof McpError && err.code === Number(ErrorCode.RequestTimeout);
    logger.warn({ tool: request.tool, session: extra.sessionId, timedOut, err: err instanceof Error ? { name: err.name, message: err.message } : String(err) }, 'elicitation failed; falling back to a confirmation token');
    return {
      fallback: timedOut
        ? `The user did not answer the approval request within ${duration(timeoutMs)}, so nothing was written.`
        : 'The client could not show the approval request, so nothing was written.',
    };
  }
}
