/**
 * Events of one tool call that the MCP client may want to hear of (its read retries), reported
 * from deep inside the Autotask client without passing a callback through every request: the
 * registry runs each call inside `callEvents.run(...)`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RetryEvent {
  method: string;
  path: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface CallEvents {
  retry?(e: RetryEvent): void;
}

export const callEvents = new AsyncLocalStorage<CallEvents>();
