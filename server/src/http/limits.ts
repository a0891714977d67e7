/** Bounds of the HTTP transport, in one place (README "HTTP surface" documents them). */

/** Deadlines for what HTTP clients send (see ./server.ts for how they are applied). */
export interface HttpTimeouts {
  /** From the first byte of a request to the end of its headers (also: a connection that sends nothing). */
  headersMs: number;
  /** From the first byte to the end of the body. Never applies to an answer being streamed. */
  requestMs: number;
  /** How often node checks both. */
  checkEveryMs: number;
}

export const HTTP_TIMEOUTS: HttpTimeouts = { headersMs: 10_000, requestMs: 30_000, checkEveryMs: 1_000 };

/**
 * A request unanswered for this long no longer keeps its session busy: the reaper closes the
 * session once it is also idle for the TTL (answering the request with an error first), and the
 * session cap may evict it. Far beyond any tool deadline and any client timeout.
 */
export const MAX_BUSY_MS = 10 * 60_000;

/** Per-session bounds of the resumability event store (./event-store.ts). */
export interface EventStoreLimits {
  maxEvents: number;
  maxBytes: number;
  /** A larger answer is replaced in the store by an error saying to repeat the call. */
  maxEventBytes: number;
}

export const EVENT_STORE_LIMITS: EventStoreLimits = { maxEvents: 256, maxBytes: 1024 * 1024, maxEventBytes: 256 * 1024 };

/** All sessions' event stores together (the oldest event of any session goes first). */
export const EVENT_BUDGET_BYTES = 32 * 1024 * 1024;

/** SSE `retry:` sent to clients: how long to wait before reconnecting a dropped stream. */
export const SSE_RETRY_MS = 1_000;
