/**
 * Resumability (Streamable HTTP `Last-Event-ID`): every SSE event a session sends is kept here so
 * a client whose connection dropped mid-call can reconnect and still get the answer. One store per
 * session, dropped with it, bounded by events and bytes; the oldest events go first. A budget
 * shared by all stores bounds the total, whatever MCP_MAX_SESSIONS is.
 */
import { randomBytes } from 'node:crypto';
import type { EventId, EventStore, StreamId } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { RpcCode } from './errors.js';
import type { EventStoreLimits } from './limits.js';

interface Stored {
  id: EventId;
  seq: number;
  /** Order across every store of the budget. */
  stamp: number;
  streamId: StreamId;
  /**
   * The message as JSON text; null: a priming event, or a notification too large to keep
   * (nothing to replay). Text, not the message object: a kept answer would otherwise hold its
   * whole result (structuredContent and text) alive, several times its JSON size, and every
   * kept answer survives into V8's old space; one flat string is cheap to keep and to mark.
   */
  json: string | null;
  bytes: number;
}

/** Bytes kept by all the stores that share it; over the limit, the oldest event anywhere goes. */
export class EventBudget {
  bytes = 0;
  stamp = 0;
  readonly stores = new Set<SessionEventStore>();
  constructor(readonly limitBytes: number) {}

  enforce(): void {
    while (this.bytes > this.limitBytes) {
      let oldest: SessionEventStore | undefined;
      for (const s of this.stores) if (s.oldestStamp() !== undefined && (!oldest || s.oldestStamp()! < oldest.oldestStamp()!)) oldest = s;
      if (!oldest) return;
      oldest.dropOldest();
    }
  }
}

const isResponse = (m: JSONRPCMessage): m is JSONRPCMessage & { id: string | number } => !('method' in m) && 'id' in m;

export class SessionEventStore implements EventStore {
  /** Ids of another session or an earlier process never match (ids are only unique per store). */
  private readonly prefix = randomBytes(6).toString('hex');
  private seq = 0;
  private readonly order: Stored[] = [];
  private readonly byId = new Map<EventId, Stored>();
  private totalBytes = 0;
  private closed = false;

  constructor(
    private readonly limits: EventStoreLimits,
    private readonly budget: EventBudget = new EventBudget(Infinity),
  ) {
    budget.stores.add(this);
  }

  get size(): { events: number; bytes: number } {
    return { events: this.order.length, bytes: this.totalBytes };
  }

  async storeEvent(streamId: StreamId, message: JSONRPCMessage): Promise<EventId> {
    const seq = ++this.seq;
    const id = `${this.prefix}-${seq}`;
    if (this.closed) return id; // a late answer of a closed session: nobody can resume it
    let json = 'jsonrpc' in message ? JSON.stringify(message) : null;
    let bytes = json === null ? 0 : Buffer.byteLength(json);
    if (json !== null && bytes > this.limits.maxEventBytes) {
      // Too large to keep: a reconnecting client gets an error it can act on instead of nothing.
      json = isResponse(message) ? JSON.stringify(tooLargeAnswer(message.id, bytes)) : null;
      bytes = json === null ? 0 : Buffer.byteLength(json);
    }
    const stored: Stored = { id, seq, stamp: ++this.budget.stamp, streamId, json, bytes };
    this.order.push(stored);
    this.byId.set(id, stored);
    this.totalBytes += bytes;
    this.budget.bytes += bytes;
    while (this.order.length > this.limits.maxEvents || this.totalBytes > this.limits.maxBytes) this.dropOldest();
    this.budget.enforce();
    return id;
  }

  async getStreamIdForEventId(eventId: EventId): Promise<StreamId | undefined> {
    return this.byId.get(eventId)?.streamId;
  }

  async replayEventsAfter(lastEventId: EventId, { send }: { send: (eventId: EventId, message: JSONRPCMessage) => Promise<void> }): Promise<StreamId> {
    const last = this.byId.get(lastEventId);
    if (!last) return '';
    for (const e of this.order.filter((x) => x.streamId === last.streamId && x.seq > last.seq)) {
      if (e.json !== null) await send(e.id, JSON.parse(e.json) as JSONRPCMessage);
    }
    return last.streamId;
  }

  /** Empties the store and leaves the budget (the session is gone). */
  clear(): void {
    this.closed = true;
    this.budget.bytes -= this.totalBytes;
    this.budget.stores.delete(this);
    this.order.length = 0;
    this.byId.clear();
    this.totalBytes = 0;
  }

  oldestStamp(): number | undefined {
    return this.order[0]?.stamp;
  }

  dropOldest(): void {
    const old = this.order.shift();
    if (!old) return;
    this.byId.delete(old.id);
    this.totalBytes -= old.bytes;
    this.budget.bytes -= old.bytes;
  }
}

function tooLargeAnswer(id: string | number, bytes: number): JSONRPCMessage {
  return {
    jsonrpc: '2.0',
    id,
    error: {
      code: RpcCode.serverError,
      message: `The answer (${Math.ceil(bytes / 1024)} KB) was sent while the connection was down and is too large to keep for replay. Repeat the call; for a write, check first whether it was applied.`,
    },
  };
}
