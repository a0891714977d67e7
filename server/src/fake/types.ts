/**
 * Contract of the strict fake Autotask REST server (implemented in ./server.ts) and of the data
 * it is seeded with (the demo tenant in ../demo/ produces a TenantSeed).
 */
import type { AutotaskCredentials } from '../config/types.js';
import type { PicklistValue } from '../autotask/types.js';
import type { Catalogue } from '../catalogue/types.js';

export type SeedRecord = Record<string, unknown> & { id: number };

export interface UdfDefinition {
  name: string;
  label: string;
  type: 'string' | 'integer' | 'double' | 'datetime';
  isPickList?: boolean;
  picklistValues?: PicklistValue[];
}

export interface TenantSeed {
  /** Records per root entity name ("Tickets", "TicketNotes", ...). Field names are camelCase. */
  records: Record<string, SeedRecord[]>;
  /** Picklists per entity and field: Tickets.status -> [{value:"1",label:"New",...}]. */
  picklists: Record<string, Record<string, PicklistValue[]>>;
  /** UDF definitions per entity. */
  udfs?: Record<string, UdfDefinition[]>;
  /** Resource id of the API user (creatorResourceID on records it creates). */
  apiUserResourceId?: number;
  /** Fixed "now" for generated timestamps (ISO); real clock when absent. */
  now?: string;
  /**
   * The ticket category setting "Require titles on ticket notes" (Autotask sets it per category;
   * the fake applies it to every ticket): untitled ticket notes are refused with a 500.
   */
  requireTicketNoteTitles?: boolean;
  /**
   * The tenant's system setting "Allow time entries to span over midnight" (default off): when
   * off, a time entry whose start and end fall on different UTC days is refused (./time-entries.ts).
   */
  timeEntriesOverMidnight?: boolean;
  /** Resource impersonation (ImpersonationResourceId, ./impersonation.ts); absent = the API user may impersonate no one. */
  impersonation?: ImpersonationSettings;
}

export interface ImpersonationSettings {
  /**
   * What the API user's security level may do on behalf of another resource, per entity (lower
   * case, e.g. "ticketnotes"; "attachments" for every attachment entity).
   */
  apiUser: Partial<Record<string, Array<'create' | 'update'>>>;
  /** Resources whose security level has "Allow impersonation of resources with this security level". */
  resources: number[];
}

export interface RecordedRequest {
  method: string;
  /** Path as received, e.g. /ATServicesRest/V1.0/Tickets/query */
  path: string;
  /** Path below V1.0/, e.g. "Tickets/query" (empty for non-REST routes). */
  route: string;
  query: Record<string, string>;
  /** Parsed JSON body (or raw string when not JSON); undefined when none. */
  body: unknown;
  status: number;
  /** Header names received (values are not kept: they include secrets). */
  headerNames: string[];
  /** The ImpersonationResourceId header as received (not a secret); absent when not sent. */
  impersonationResourceId?: string;
  startedAt: number;
  endedAt: number;
}

/**
 * Test faults (not Autotask behaviour). `applied: true` handles the request first, so a write
 * takes effect in the store, and then withholds or spoils the answer: the case where a client
 * cannot tell whether its write went through. `truncate` and `trickle` always handle it first.
 */
export type FaultKind =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'delay'; ms: number } // then answer normally
  | { kind: 'hang'; applied?: boolean } // never answer (until close)
  | { kind: 'reset'; applied?: boolean } // destroy the socket
  | { kind: 'malformed' } // 200 with a non-JSON body
  /** This status and raw text instead of the answer (an HTML error page, an empty body). */
  | { kind: 'body'; status: number; text: string; contentType?: string; applied?: boolean }
  /** The real answer cut to its first `keep` characters (default: half), framed as complete. */
  | { kind: 'truncate'; keep?: number }
  /** The real answer sent `chunkBytes` at a time (default 16), one chunk every `intervalMs`. */
  | { kind: 'trickle'; intervalMs: number; chunkBytes?: number };

export interface FaultRule {
  method?: string;
  /** Matched against RecordedRequest.route (case-insensitive). */
  route?: RegExp;
  /** How many matching requests to affect (default: unlimited until cleared). */
  times?: number;
  fault: FaultKind;
}

export interface FakeAutotaskOptions {
  credentials: AutotaskCredentials;
  seed?: TenantSeed;
  host?: string; // default 127.0.0.1
  port?: number; // default 0 (ephemeral)
  /** Field names in entityInformation/fields: 'camel' (default) or 'pascal' (as older captures). */
  fieldNameCase?: 'camel' | 'pascal';
  /** Concurrency above this per (integration code, entity) answers a thread-threshold error. */
  threadLimit?: number; // default 3
  /** Entity catalogue to serve (default: the generated catalogue of every REST entity). */
  catalogue?: Catalogue;
  /**
   * Order of query results. 'ascending' (default) is what Autotask's id paging implies
   * [unverified]; 'descending' models a tenant answering newest first, so tests can show what
   * breaks (and that `doctor` notices).
   */
  resultOrder?: 'ascending' | 'descending';
  /**
   * Fixed delay (ms) before every answer, as a network round trip and Autotask's own work add;
   * the request counts as in flight meanwhile. For benchmarks; no fault, no change of behaviour.
   */
  latencyMs?: number; // default 0
  /** What ThresholdInformation reports (see setUsage). */
  usage?: UsageSetting;
  /**
   * Stamp writes with the real clock even when the seed has a fixed `now` (the seed's "now" then
   * only shapes the generated data). For a demo tenant people use for hours or days.
   */
  realClock?: boolean;
}

/**
 * The tenant's hourly request budget as ThresholdInformation reports it: `limit` (default 10,000)
 * and requests by the tenant's other integrations (`others`, default 0), added to the requests
 * this fake counted. A test control for high usage, not a model of the rolling window.
 */
export interface UsageSetting {
  limit?: number;
  others?: number;
}

export interface FakeAutotask {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** REST base as zoneInformation returns it: `${origin}/ATServicesRest/` */
  restBase: string;
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  /** Highest number of requests in flight at once for an entity segment (e.g. "Tickets"). */
  maxInFlight(entity: string): number;
  resetInFlightStats(): void;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Change what ThresholdInformation reports from now on (fields left out keep their value). */
  setUsage(usage: UsageSetting): void;
  /**
   * The tenant moved to the zone at `restBase` (null: back here). From then on zoneInformation
   * answers that url and every authenticated call here is refused with 401.
   */
  moveTenant(restBase: string | null): void;
  /** Direct access to the in-memory records (tests may inspect or mutate). */
  records(entity: string): SeedRecord[];
  close(): Promise<void>;
}
