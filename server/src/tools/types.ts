/**
 * The shape every tool module shares: schema, description and handler side by side, plus the
 * context a handler receives. Registration (./registry.ts) turns definitions into MCP tools,
 * applying read-only mode, toolsets, annotations and error rendering in one place.
 */
import type { z } from 'zod';
import type { Logger } from 'pino';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { AppConfig, ToolsetName } from '../config/types.js';
import type { AutotaskApi, AutotaskRecord, ParentRef } from '../autotask/types.js';
import type { CallDeadline } from '../autotask/deadline.js';
import type { LookupSpec } from './enrich.js';
import type { Principal } from '../auth/principal.js';

export type ToolResult = CallToolResult;

/** read = no side effects; create = additive write; update = changes existing data; delete = removes. */
export type ToolKind = 'read' | 'create' | 'update' | 'delete';

/** Resolves ids to names/labels with caches shared across sessions (implemented in ./enrich.ts). */
export interface NameResolver {
  /** Fill `${field}Name`/`${field}Label` style companions for the given records, batching lookups. */
  enrich(entity: string, records: Array<Record<string, unknown>>, signal?: AbortSignal, only?: readonly string[]): Promise<void>;
  /**
   * The lookup's fields of each id (e.g. a role's name and isActive), cached or fetched in
   * batched `in` queries; null for an id Autotask does not have. Rejects when a lookup failed.
   */
  lookup(spec: LookupSpec, ids: readonly number[], signal?: AbortSignal): Promise<Map<number, AutotaskRecord | null>>;
  /** Cache the names in whole records a tool has read anyway (e.g. the ticket of a get), so lookups skip them. */
  remember(entity: string, records: readonly AutotaskRecord[]): void;
}

export interface ToolContext {
  api: AutotaskApi;
  config: AppConfig;
  logger: Logger;
  names: NameResolver;
  /** Who is calling (its writes impersonate its Autotask resource, when it has one). */
  principal: Principal;
  sessionId?: string;
  /** Aborted when the client cancels, or just after the deadline; it carries the deadline to the Autotask client. */
  signal: AbortSignal;
  /** This call's deadline (MCP_TOOL_TIMEOUT_SECONDS): every Autotask request of the call ends by it. */
  deadline?: CallDeadline;
  /**
   * The moment a write is planned for (the registry's clock at the preview; a confirm executes
   * the previewed body, so a time-dependent default such as "the current hour" never moves).
   * Absent outside writes; use `ctx.now?.() ?? new Date()`.
   */
  now?(): Date;
  /** Report progress for long operations (no-op when the client sent no progress token). */
  progress(progress: number, total?: number, message?: string): Promise<void>;
  /** The session's toolsets (list_toolsets / enable_toolset); absent without dynamic toolsets. */
  toolsets?: ToolsetControl;
}

export interface ToolsetStatus {
  name: ToolsetName;
  description: string;
  /** Tools it adds in this server (read-only mode: its read tools only). */
  tools: number;
  enabled: boolean;
}

export interface ToolsetControl {
  list(): ToolsetStatus[];
  /** Enables a toolset for the session and tells the client its tool list changed; the names it added. */
  enable(name: ToolsetName): Promise<{ added: string[]; alreadyEnabled: boolean }>;
}

interface BaseDefinition<S extends z.ZodRawShape> {
  /** verb-first snake_case, e.g. search_tickets */
  name: string;
  title: string;
  /** Written for the model: what it does, when to use it, what it returns. */
  description: string;
  /** Its area; `discovery` is list_toolsets / enable_toolset, offered when AUTOTASK_TOOLSETS is unset. */
  toolset: ToolsetName | 'discovery';
  input: S;
  /**
   * Structured output schema (structuredContent must then match it): one of the shared ones in
   * ./output.ts, or none where a schema would say nothing. Write tools always get writeOutput.
   */
  output?: z.ZodObject;
  /**
   * Hints the kind cannot know (list_entities reads no Autotask data: openWorldHint false).
   * readOnlyHint and destructiveHint always follow the kind, which read-only mode relies on.
   */
  annotations?: Pick<ToolAnnotations, 'openWorldHint' | 'idempotentHint'>;
}

export interface ReadToolDefinition<S extends z.ZodRawShape> extends BaseDefinition<S> {
  kind: 'read';
  handler(args: z.infer<z.ZodObject<S>>, ctx: ToolContext): Promise<ToolResult>;
}

/** What a write will do, computed without side effects (reads allowed, e.g. current values). */
export interface WritePlan {
  operation: 'create' | 'update' | 'delete';
  entity: string;
  parent?: ParentRef;
  /** Record id for update/delete. */
  id?: number;
  /** Body for create/update (update bodies carry id). */
  body?: Record<string, unknown>;
  /** One line for humans: "Add an internal note to ticket T20261101.0042". */
  summary: string;
  /** For updates: the current values that would change. */
  changes?: Array<{ field: string; from: unknown; to: unknown }>;
  /**
   * Updates (required): the record's values the plan relied on, by field ("udf:Name" for a
   * user-defined field), at least every field it compared. The confirm re-reads the record and,
   * when one of them changed meanwhile, writes nothing and previews again.
   */
  expected?: Record<string, unknown>;
  /** Warnings worth showing before confirming (e.g. "note will be visible to the client"). */
  warnings?: string[];
  /** Added to Autotask's message when it refuses the write with a business-rule error: what the user can do. */
  ifRefused?: string;
  /**
   * More creates after this request (step 1), in order: step 2 is then[0]. A step takes an id an
   * earlier step created with fromStep(n) (./write-steps.ts). The preview shows every step; the
   * confirm executes them in order and stops at the first failure, saying which were done.
   */
  then?: WriteStep[];
  /** With `then`: the line of step 1 itself (default: summary, which then says what the whole write does). */
  firstStep?: string;
  /** With `then`: what the user can do when a later step fails (the earlier ones stay done). */
  ifPartial?: string;
}

/** A value a step takes from an earlier step: the id step `$fromStep` (1-based) created. */
export interface StepRef {
  $fromStep: number;
}

/** A further create of a multi-request write (WritePlan.then). */
export interface WriteStep {
  operation: 'create';
  entity: string;
  parent?: { entity: string; id: number | StepRef };
  /** Values may be StepRefs. */
  body: Record<string, unknown>;
  /** One line for humans: "Add item Laptop x 3 to the quote". */
  summary: string;
}

export interface WriteToolDefinition<S extends z.ZodRawShape> extends BaseDefinition<S> {
  kind: 'create' | 'update' | 'delete';
  /** Build the plan; must not write. The framework handles preview, confirmation and execution. */
  plan(args: z.infer<z.ZodObject<S>>, ctx: ToolContext): Promise<WritePlan>;
  /** Optional rendering of the executed result (default: "Created TicketNotes 123"); `ids`: every step's id, in order. */
  done?(result: { id: number; ids: number[]; plan: WritePlan }, ctx: ToolContext): Promise<ToolResult>;
}

export type ToolDefinition<S extends z.ZodRawShape = z.ZodRawShape> = ReadToolDefinition<S> | WriteToolDefinition<S>;

/** Identity helpers that keep type inference for args. */
export function defineReadTool<S extends z.ZodRawShape>(def: Omit<ReadToolDefinition<S>, 'kind'>): ReadToolDefinition<S> {
  return { ...def, kind: 'read' };
}
export function defineWriteTool<S extends z.ZodRawShape>(def: WriteToolDefinition<S>): WriteToolDefinition<S> {
  return def;
}
