/**
 * JSON-RPC requests a transport received and has not answered yet, counted by watching the
 * transport once the McpServer is connected (connect() installs the protocol's handlers).
 * Shared by stdio and every HTTP session: shutdown drains them, the session cap and the reaper
 * ask whether a session is busy, and whatever is abandoned gets a JSON-RPC error, not silence.
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';

/** What a call still running when the process stops is answered with (stdio and HTTP). */
export const SHUTDOWN_MESSAGE =
  'The server is shutting down and this call did not finish in time; it may or may not have been applied in Autotask. Retry once the server is back; for a write, check whether it was applied before repeating it.';

export interface InFlight {
  /** Requests received and not yet answered (or cancelled). */
  size(): number;
  /** When the oldest unanswered request arrived (undefined when none). */
  oldestStartedAt(): number | undefined;
  /** Answers every unanswered request with a JSON-RPC error; resolves when the answers are sent. */
  abandon(code: number, message: string): Promise<number>;
}

const isRequest = (m: JSONRPCMessage): m is JSONRPCMessage & { id: RequestId; method: string } => 'method' in m && 'id' in m;
const isResponse = (m: JSONRPCMessage): m is JSONRPCMessage & { id: RequestId } => !('method' in m) && 'id' in m;

export function trackInFlight(transport: Transport, now: () => number = Date.now): InFlight {
  // Arrival times per id, oldest first: a client may reuse an id while the first is pending.
  const pending = new Map<RequestId, number[]>();
  const add = (id: RequestId) => {
    const list = pending.get(id);
    if (list) list.push(now());
    else pending.set(id, [now()]);
  };
  const settle = (id: RequestId) => {
    const list = pending.get(id);
    if (!list) return;
    list.shift();
    if (list.length === 0) pending.delete(id);
  };

  const receive = transport.onmessage;
  transport.onmessage = (message, extra) => {
    if (isRequest(message)) add(message.id);
    // A cancelled request gets no response: stop waiting for it.
    if ('method' in message && message.method === 'notifications/cancelled') {
      const id = (message.params as { requestId?: RequestId } | undefined)?.requestId;
      if (id !== undefined) settle(id);
    }
    receive?.(message, extra);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message, options) => {
    await send(message, options);
    if (isResponse(message)) settle(message.id);
  };

  return {
    size: () => {
      let n = 0;
      for (const list of pending.values()) n += list.length;
      return n;
    },
    oldestStartedAt: () => {
      let oldest: number | undefined;
      for (const list of pending.values()) if (oldest === undefined || list[0] < oldest) oldest = list[0];
      return oldest;
    },
    abandon: async (code, message) => {
      const answers: Promise<void>[] = [];
      for (const [id, list] of [...pending]) {
        for (let i = 0; i < list.length; i++) {
          answers.push(send({ jsonrpc: '2.0', id, error: { code, message } }, { relatedRequestId: id }).catch(() => undefined));
        }
        pending.delete(id);
      }
      await Promise.all(answers);
      return answers.length;
    },
  };
}
