/**
 * JSON-RPC framing rules of one session that the SDK transport does not enforce:
 *  - a request id must not already be in flight: the transport maps each id to one response
 *    stream, so a second request with the same id took over the first one's stream and one of
 *    them was never answered. The duplicate is refused at once (400, JSON-RPC -32600, its id).
 *  - batches (a JSON array body) were removed from MCP in 2025-06-18; a session that negotiated
 *    that version or later gets a JSON error, older sessions (2025-03-26) still have them run.
 * An id is in flight from its POST until its response is sent, it is cancelled, or the POST is
 * refused before the request reached the server (any status but 200).
 */
import type { Request, Response } from 'express';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/sdk/types.js';
import { RpcCode } from './errors.js';

/** The first protocol version without JSON-RPC batching. */
const NO_BATCHES_SINCE = '2025-06-18';

type Id = string | number;
const key = (id: Id) => `${typeof id}:${id}`;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const requestId = (m: unknown): Id | undefined => {
  if (!isRecord(m) || typeof m.method !== 'string') return undefined;
  return typeof m.id === 'string' || typeof m.id === 'number' ? m.id : undefined;
};

/** The version the server answers an initialize with (the requested one when supported). */
export function negotiatedVersion(initializeBody: unknown): string {
  const asked = isRecord(initializeBody) && isRecord(initializeBody.params) ? initializeBody.params.protocolVersion : undefined;
  return typeof asked === 'string' && SUPPORTED_PROTOCOL_VERSIONS.includes(asked) ? asked : LATEST_PROTOCOL_VERSION;
}

function refuse(res: Response, message: string, id: Id | null = null): false {
  res.status(400).json({ jsonrpc: '2.0', id, error: { code: RpcCode.invalidRequest, message } });
  return false;
}

export class RpcFraming {
  private readonly inFlight = new Set<string>();

  constructor(private readonly protocolVersion: string) {}

  /** Watch what the server sends and receives on `transport`, to know when an id is free again. */
  attach(transport: Transport): void {
    const send = transport.send.bind(transport);
    transport.send = (message: JSONRPCMessage, options) => {
      // An error response may carry id null (JSON-RPC 2.0 §5) whatever the SDK's type says.
      const id = 'method' in message || !('id' in message) ? undefined : (message.id as RequestId | null | undefined);
      if (id !== undefined && id !== null) this.inFlight.delete(key(id));
      return send(message, options);
    };
    const receive = transport.onmessage;
    transport.onmessage = (message, extra) => {
      // A cancelled request gets no response: its id is free now.
      if ('method' in message && message.method === 'notifications/cancelled' && !('id' in message)) {
        const cancelled = (message.params as { requestId?: unknown } | undefined)?.requestId;
        if (typeof cancelled === 'string' || typeof cancelled === 'number') this.inFlight.delete(key(cancelled));
      }
      receive?.(message, extra);
    };
  }

  /**
   * Lets a POST through (true) after marking its request ids in flight, or answers it with a
   * JSON-RPC error (false): a batch under a version without batches, or an id already in flight.
   */
  admit(req: Request, res: Response): boolean {
    const body: unknown = req.body;
    const messages = Array.isArray(body) ? body : [body];
    if (Array.isArray(body) && this.protocolVersion >= NO_BATCHES_SINCE) {
      return refuse(res, `Invalid Request: JSON-RPC batches are not part of MCP since ${NO_BATCHES_SINCE}, and this session uses protocol version ${this.protocolVersion}. Send each message in its own POST.`);
    }
    const ids = messages.map(requestId).filter((id): id is Id => id !== undefined);
    const seen = new Set<string>();
    for (const id of ids) {
      if (this.inFlight.has(key(id)) || seen.has(key(id))) {
        return refuse(res, `Invalid Request: request id ${JSON.stringify(id)} is already in use by a request in progress in this session. Give every request its own id.`, id);
      }
      seen.add(key(id));
    }
    for (const k of seen) this.inFlight.add(k);
    // Refused before the server saw it (406, 415, 400...): nothing will answer these ids.
    res.once('close', () => {
      if (res.statusCode !== 200) for (const k of seen) this.inFlight.delete(k);
    });
    return true;
  }
}

/** A batch sent without a session: initialize must come alone. */
export function refuseBatchWithoutSession(res: Response): void {
  refuse(res, 'Invalid Request: send initialize as a single JSON-RPC message (not in a batch array) to start a session.');
}
