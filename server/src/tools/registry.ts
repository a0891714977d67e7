/**
 * Registers tool definitions on an McpServer: read-only mode (wins over everything), toolsets
 * (per session, with discovery), annotations derived from the tool kind, the two-step write flow
 * and uniform error rendering.
 */
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ListToolsRequestSchema, type Tool, type ToolAnnotations, type ServerRequest, type ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/types.js';
import type { AutotaskApi } from '../autotask/types.js';
import { argumentsHash, type ConfirmationService, type BoundRequest } from './confirm.js';
import type { NameResolver, ToolContext, ToolDefinition, ToolKind, ToolResult, ToolsetControl, WritePlan, WriteToolDefinition } from './types.js';
import { errorResult, errorToResult, structuredResult, ToolInputError } from './results.js';
import { didYouMean } from './query/suggest.js';
import { writeOutput } from './output.js';
import { sharedReads, staleFields } from './write-reads.js';
import { strictInput, toolListing } from './listing.js';
import { SessionToolsets } from './toolsets/session.js';
import { doneResult, elicitationMessage, PREVIEW_UNTRUSTED, previewText } from './preview.js';
import { startDeadline, type DeadlineScope } from '../autotask/deadline.js';
import { checkHint, writeFailure, writeOutcomeOf } from './write-errors.js';
import { budgetGate, withNote } from './core/budget-gate.js';
import type { Redeemed } from './confirm.js';
import { assertShallow } from './depth.js';

export interface ToolDeps {
  api: AutotaskApi;
  config: AppConfig;
  logger: Logger;
  names: NameResolver;
  confirmations: ConfirmationService;
}

export function annotationsFor(kind: ToolKind, openWorld = true): ToolAnnotations {
  // The title lives on the tool itself (tools/list shows it once, not again here).
  switch (kind) {
    case 'read':
      return { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: openWorld };
    case 'create':
      return { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: openWorld };
    case 'update':
      return { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: openWorld };
    case 'delete':
      return { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: openWorld };
  }
}

/**
 * Which definitions a configuration registers: the toolsets a session may use (plus the
 * discovery tools with dynamic toolsets). Read-only mode removes every write, whatever else is set.
 */
export function selectTools(defs: readonly ToolDefinition[], config: Pick<AppConfig, 'readOnly' | 'toolsets' | 'dynamicToolsets'>): ToolDefinition[] {
  const sets = new Set<string>(config.toolsets);
  if (config.dynamicToolsets) sets.add('discovery');
  return defs.filter((d) => sets.has(d.toolset) && (!config.readOnly || d.kind === 'read'));
}

const confirmationShape = {
  confirmationToken: z.string().min(10).max(2000).optional().describe('Omit at first: you get a preview and this token. Only after the user approves, repeat the call with it.'),
};

/** Input shape of a write tool as clients see it (its own fields plus confirmationToken). */
export function writeInputShape(def: WriteToolDefinition<z.ZodRawShape>): z.ZodRawShape {
  return { ...def.input, ...confirmationShape };
}

/**
 * Strict: an unknown argument (e.g. companyId for companyID) is an error, never silently
 * dropped - a dropped filter would widen a search without anyone noticing.
 */
function buildInput(def: ToolDefinition): z.ZodObject {
  const shape = def.kind === 'read' ? def.input : writeInputShape(def);
  return z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? unknownArguments(issue.keys, Object.keys(shape)) : undefined) });
}

interface ToolSchemas {
  input: z.ZodObject;
  output: z.ZodObject | undefined;
  listing: Tool;
}

/**
 * Built once per process: every session registers the same tools, and building the zod objects
 * and listings per session cost ~0.3 MB and ~4 ms per session.
 */
const schemaCache = new WeakMap<ToolDefinition, ToolSchemas>();

/** The input schema, output schema and tools/list entry of a definition (built once each). */
export function toolSchemas(def: ToolDefinition): ToolSchemas {
  let s = schemaCache.get(def);
  if (!s) {
    const input = strictInput(def, buildInput);
    const output = def.output ?? (def.kind !== 'read' ? writeOutput : undefined);
    s = { input, output, listing: toolListing(def, input, output, annotationsFor(def.kind, def.toolset !== 'discovery')) };
    schemaCache.set(def, s);
  }
  return s;
}

/**
 * Registers every tool the configuration allows and serves tools/list from the session's
 * toolsets: only active tools are listed (with compact schemas, ./listing.ts), and a call to a
 * tool of a toolset not enabled yet says how to enable it.
 */
export function registerTools(server: McpServer, defs: readonly ToolDefinition[], deps: ToolDeps): SessionToolsets {
  const selected = selectTools(defs, deps.config);
  const session = new SessionToolsets(deps.config, selected.filter((d) => d.toolset !== 'discovery'));
  for (const def of selected) {
    const { input, output } = toolSchemas(def);
    server.registerTool(
      def.name,
      { title: def.title, description: def.description, inputSchema: input, ...(output ? { outputSchema: output } : {}), annotations: annotationsFor(def.kind, def.toolset !== 'discovery') },
      async (args: Record<string, unknown>, extra: Extra) => {
        if (!session.isActive(def)) return notEnabled(def);
        // One deadline for the whole call (queue waits, attempts, retries): we answer before the client gives up.
        const scope = startDeadline(extra.signal, deps.config.autotask.toolTimeoutMs);
        const ctx = makeContext(deps, extra, scope, deps.config.dynamicToolsets ? toolsetControl(server, session, extra) : undefined);
        const started = Date.now();
        try {
          assertShallow(args);
          const gate = await budgetGate(def, ctx);
          if (gate.refusal) return gate.refusal;
          const result = def.kind === 'read' ? await def.handler(args, ctx) : await runWrite(def, args, ctx, deps, server, extra);
          deps.logger.debug({ tool: def.name, session: extra.sessionId, ms: Date.now() - started, isError: !!result.isError }, 'tool call');
          return withNote(result, gate.note);
        } catch (err) {
          deps.logger.warn({ tool: def.name, session: extra.sessionId, ms: Date.now() - started, err: errSummary(err) }, 'tool failed');
          return errorToResult(err);
        } finally {
          scope.dispose();
        }
      },
    );
  }
  if (selected.length) server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: selected.filter((d) => session.isActive(d)).map((d) => toolSchemas(d).listing) }));
  return session;
}

function notEnabled(def: ToolDefinition): ToolResult {
  return errorResult(`${def.name} belongs to the toolset "${def.toolset}", which is not enabled in this session. Call enable_toolset with toolset "${def.toolset}" first, then call ${def.name} again. Nothing was sent.`);
}

/** enable_toolset's view of the session: one flip, then one notification on this request's stream. */
function toolsetControl(server: McpServer, session: SessionToolsets, extra: Extra): ToolsetControl {
  return {
    list: () => session.status(),
    async enable(name) {
      const r = session.enable(name);
      if (!r.alreadyEnabled) await extra.sendNotification({ method: 'notifications/tools/list_changed' });
      return r;
    },
  };
}

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** "Unknown argument "companyId": did you mean "companyID"?" for each key, then the valid names. */
function unknownArguments(keys: readonly string[], valid: string[]): string {
  const each = keys.map((k) => `Unknown argument "${k}".${didYouMean(k, valid)}`);
  return `${each.join(' ')} Nothing was sent. Valid arguments: ${valid.join(', ')}.`;
}

function makeContext(deps: ToolDeps, extra: Extra, scope: DeadlineScope, toolsets?: ToolsetControl): ToolContext {
  const progressToken = extra._meta?.progressToken;
  return {
    ...(toolsets ? { toolsets } : {}),
    api: deps.api,
    config: deps.config,
    logger: deps.logger,
    names: deps.names,
    sessionId: extra.sessionId,
    signal: scope.signal,
    deadline: scope.deadline,
    async progress(progress, total, message) {
      if (progressToken === undefined) return;
      await extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress, total, message } });
    },
  };
}

function boundRequest(def: WriteToolDefinition<z.ZodRawShape>, plan: WritePlan, deps: ToolDeps): BoundRequest {
  const route = deps.api.writeRoute(plan.operation, plan.entity, plan.parent, plan.id);
  return { tool: def.name, method: route.method, path: route.path, body: plan.body };
}

async function runWrite(
  def: WriteToolDefinition<z.ZodRawShape>,
  rawArgs: Record<string, unknown>,
  callCtx: ToolContext,
  deps: ToolDeps,
  server: McpServer,
  extra: Extra,
): Promise<ToolResult> {
  const { confirmationToken, ...args } = rawArgs as { confirmationToken?: string } & Record<string, unknown>;
  // A confirm executes the write held since its preview; only a record changed meanwhile is planned again.
  const confirmed = confirmationToken ? await confirmHeld(def, args, confirmationToken, callCtx, deps) : undefined;
  if (confirmed && 'result' in confirmed) return confirmed.result;
  const plannedAt = deps.confirmations.now();
  const ctx: ToolContext = { ...callCtx, now: () => new Date(plannedAt) };
  const plan = await planWrite(def, args, ctx, confirmed?.stale);
  const request = boundRequest(def, plan, deps);

  // A client that can ask its human (elicitation) gets the question directly.
  if (!confirmationToken && server.server.getClientCapabilities()?.elicitation) {
    const answer = await server.server.elicitInput(
      {
        mode: 'form',
        message: elicitationMessage(request, plan),
        requestedSchema: { type: 'object', properties: { approve: { type: 'boolean', title: 'Approve', description: 'Execute this write now' } }, required: ['approve'] },
      },
      { relatedRequestId: extra.requestId },
    );
    if (answer.action === 'accept' && answer.content?.approve === true) {
      // The human's time to answer is not the write's: it gets a deadline of its own.
      const scope = startDeadline(extra.signal, deps.config.autotask.toolTimeoutMs);
      try {
        return await execute(def, plan, request, { ...ctx, signal: scope.signal, deadline: scope.deadline }, deps, 'elicitation');
      } finally {
        scope.dispose();
      }
    }
    return errorResult(`The user did not approve the change (${answer.action}). Nothing was written.`);
  }
  const { token, expiresAt } = deps.confirmations.hold({ request, plan, plannedAt }, argumentsHash(def.name, args));
  const preview = {
    status: 'confirmation_required',
    summary: plan.summary,
    request: { method: request.method, path: request.path, body: request.body === undefined ? null : previewBody(request.body) },
    changes: plan.changes ?? [],
    warnings: plan.warnings ?? [],
    untrusted: PREVIEW_UNTRUSTED,
    confirmationToken: token,
    expiresAt,
  };
  return structuredResult(preview, previewText(def.name, request, plan, token, expiresAt));
}

/**
 * Plan a write: without side effects, each record read once (sharedReads). `stale` says why a
 * confirm is planned again; it leads the warnings, or the refusal when nothing is left to write.
 */
async function planWrite(def: WriteToolDefinition<z.ZodRawShape>, args: Record<string, unknown>, ctx: ToolContext, stale?: string): Promise<WritePlan> {
  let plan: WritePlan;
  try {
    plan = await def.plan(args, { ...ctx, api: sharedReads(ctx.api) });
  } catch (err) {
    if (stale && err instanceof ToolInputError) throw new ToolInputError(`${stale} ${err.message}`);
    throw err;
  }
  // The confirm's freshness check compares these: an update without them could overwrite unseen edits.
  if (plan.operation === 'update' && !plan.expected) throw new Error(`${def.name} planned an update without expected values`);
  return stale ? { ...plan, warnings: [stale, ...(plan.warnings ?? [])] } : plan;
}

/**
 * The confirming call: the token must be this server's, unexpired, unused and issued for these
 * arguments; it yields the held write, executed as previewed. Creates and deletes read nothing
 * first. An update reads its record once: when a value the preview relied on changed meanwhile,
 * nothing is written and the caller previews again (`stale`).
 */
async function confirmHeld(
  def: WriteToolDefinition<z.ZodRawShape>,
  args: Record<string, unknown>,
  token: string,
  callCtx: ToolContext,
  deps: ToolDeps,
): Promise<{ result: ToolResult } | { stale: string }> {
  const redeemed = deps.confirmations.redeem(token, argumentsHash(def.name, args));
  if (!redeemed.ok) return { result: errorResult(redeemed.message) };
  const { plan, request, plannedAt } = redeemed.held;
  const ctx: ToolContext = { ...callCtx, now: () => new Date(plannedAt) };
  if (plan.operation === 'update' && plan.id !== undefined) {
    let current: Awaited<ReturnType<ToolDeps['api']['get']>>;
    try {
      current = await deps.api.get(plan.entity, plan.id, { signal: ctx.signal });
    } catch (err) {
      redeemed.release(); // nothing was tried: the same token may confirm again
      throw err;
    }
    if (!current) return { result: errorResult(`${plan.entity} ${plan.id} no longer exists in Autotask (or the API user cannot see it). Nothing was written.`) };
    const changed = staleFields(current, plan.expected ?? {});
    if (changed.length) {
      return { stale: `${plan.entity} ${plan.id} changed since the preview you confirmed (${changed.join(', ')}), so nothing was written. This is a new preview of the same arguments against its current values.` };
    }
  }
  return { result: await execute(def, plan, request, ctx, deps, 'token', redeemed) };
}

async function execute(
  def: WriteToolDefinition<z.ZodRawShape>,
  plan: WritePlan,
  request: BoundRequest,
  ctx: ToolContext,
  deps: ToolDeps,
  via: 'token' | 'elicitation',
  token?: Extract<Redeemed, { ok: true }>,
): Promise<ToolResult> {
  let id: number;
  const opts = { signal: ctx.signal };
  try {
    if (plan.operation === 'create') id = await deps.api.create(plan.entity, plan.body ?? {}, plan.parent, opts);
    else if (plan.operation === 'update') id = await deps.api.update(plan.entity, plan.body as Record<string, unknown> & { id: number }, plan.parent, opts);
    else id = await deps.api.delete(plan.entity, plan.id as number, plan.parent, opts);
  } catch (err) {
    // What is known about the write decides the answer, and what a reuse of its token says.
    const outcome = writeOutcomeOf(err);
    if (outcome === 'not_sent') token?.release();
    else token?.settle(outcome, outcome === 'unknown' ? checkHint(plan) : undefined);
    deps.logger.warn({ tool: def.name, session: ctx.sessionId, outcome, err: errSummary(err) }, outcome === 'refused' ? 'autotask refused a write' : 'autotask write failed');
    return writeFailure(err, plan, outcome, via === 'token');
  }
  token?.settle('done');

  // One audit line per executed write: what changed, never the values of secrets (bodies hold none).
  deps.logger.info(
    {
      audit: true,
      tool: def.name,
      entity: plan.entity,
      operation: plan.operation,
      id,
      parent: plan.parent,
      changedFields: plan.body ? Object.keys(plan.body).filter((k) => k !== 'id') : [],
      session: ctx.sessionId,
      confirmedVia: via,
      route: `${request.method} ${request.path}`,
    },
    'autotask write',
  );
  if (def.done) return def.done({ id, plan }, ctx);
  const verb = plan.operation === 'create' ? 'Created' : plan.operation === 'update' ? 'Updated' : 'Deleted';
  return doneResult({ status: 'done', operation: plan.operation, entity: plan.entity, id }, `${verb} ${plan.entity} ${id}.`, plan);
}

/**
 * The structured preview keeps every text field whole (Autotask's longest is 32,000 characters)
 * but does not echo file payloads (base64 attachment data) back to the model; the token still
 * binds the full body.
 */
const PREVIEW_STRING_MAX = 32_768;
function previewBody(body: unknown): unknown {
  return JSON.parse(
    JSON.stringify(body, (_key, value: unknown) =>
      typeof value === 'string' && value.length > PREVIEW_STRING_MAX ? `${value.slice(0, 60)}... [${value.length} characters in total]` : value,
    ),
  );
}

function errSummary(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { name: err.name, message: err.message, kind: (err as { kind?: string }).kind };
  return { message: String(err) };
}
