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
import { strictInput, toolListing } from './tool-listing.js';
import { SessionToolsets } from './toolsets/session.js';
import { doneResult, PREVIEW_UNTRUSTED, previewText } from './preview.js';
import { doneSteps, partialCheck, partialResult, previewRequest, sendStep, stepsOf } from './write-steps.js';
import { askHuman, canAskByForm } from './elicit.js';
import { startDeadline, type DeadlineScope } from '../autotask/deadline.js';
import { checkHint, writeFailure, writeOutcomeOf } from './write-errors.js';
import { budgetGate, withNote } from './core/budget-gate.js';
import type { Redeemed } from './confirm.js';
import { assertShallow } from './depth.js';
import { DEFAULT_PRINCIPAL, type Principal } from '../auth/principal.js';
import { supportsImpersonation } from '../autotask/impersonation.js';
import { auditFields, type AuditEntry, type AuditLog } from '../logging/audit.js';
import { reportingPages } from './progress.js';
import { ClientLog } from '../mcp/client-log.js';
import { callEvents, type RetryEvent } from '../autotask/call-events.js';
import { isInternalError, logInternalError } from './error-ids.js';

export interface ToolDeps {
  api: AutotaskApi;
  config: AppConfig;
  logger: Logger;
  names: NameResolver;
  confirmations: ConfirmationService;
  /** One line per executed write (src/logging/audit.ts). */
  audit: AuditLog;
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

/** The kind's annotations with the tool's own overrides (discovery tools touch no Autotask data). */
export function toolAnnotations(def: ToolDefinition): ToolAnnotations {
  return { ...annotationsFor(def.kind, def.toolset !== 'discovery'), ...def.annotations };
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
    s = { input, output, listing: toolListing(def, input, output, toolAnnotations(def)) };
    schemaCache.set(def, s);
  }
  return s;
}

/**
 * Registers every tool the configuration allows and serves tools/list from the session's
 * toolsets: only active tools are listed (with compact schemas, ./listing.ts), and a call to a
 * tool of a toolset not enabled yet says how to enable it.
 */
export function registerTools(server: McpServer, defs: readonly ToolDefinition[], deps: ToolDeps, principal: Principal = DEFAULT_PRINCIPAL): SessionToolsets {
  const selected = selectTools(defs, deps.config);
  const clientLog = new ClientLog(server);
  const session = new SessionToolsets(deps.config, selected.filter((d) => d.toolset !== 'discovery'));
  for (const def of selected) {
    const { input, output } = toolSchemas(def);
    server.registerTool(
      def.name,
      { title: def.title, description: def.description, inputSchema: input, ...(output ? { outputSchema: output } : {}), annotations: toolAnnotations(def) },
      async (args: Record<string, unknown>, extra: Extra) => {
        if (!session.isActive(def)) return notEnabled(def);
        // One deadline for the whole call (queue waits, attempts, retries): we answer before the client gives up.
        const scope = startDeadline(extra.signal, deps.config.autotask.toolTimeoutMs);
        const ctx = makeContext(deps, principal, extra, scope, deps.config.dynamicToolsets ? toolsetControl(server, session, extra) : undefined);
        const started = Date.now();
        const tell = (level: 'info' | 'warning', data: Record<string, unknown>): void => void clientLog.send(extra.sendNotification, level, { tool: def.name, ...data });
        const events = { retry: (e: RetryEvent) => tell('info', { message: `Autotask ${e.method} ${e.path} failed (${e.reason}); retry ${e.attempt} in ${e.delayMs} ms.`, ...e }) };
        try {
          assertShallow(args);
          const gate = await budgetGate(def, ctx);
          if (gate.refusal) return gate.refusal;
          if (gate.note) tell('warning', { message: gate.note });
          const result = await callEvents.run(events, () => (def.kind === 'read' ? def.handler(args as never, ctx) : runWrite(def, args, ctx, deps, server, extra)));
          deps.logger.debug({ tool: def.name, session: extra.sessionId, ms: Date.now() - started, isError: !!result.isError }, 'tool call');
          return withNote(result, gate.note);
        } catch (err) {
          const fields = { tool: def.name, session: extra.sessionId, ms: Date.now() - started };
          if (!isInternalError(err)) {
            deps.logger.warn({ ...fields, err: errSummary(err) }, 'tool failed');
            return errorToResult(err);
          }
          return errorToResult(err, logInternalError(deps.logger, fields, err, 'tool failed: internal error'));
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

function makeContext(deps: ToolDeps, principal: Principal, extra: Extra, scope: DeadlineScope, toolsets?: ToolsetControl): ToolContext {
  const progressToken = extra._meta?.progressToken;
  const progress = async (progress: number, total?: number, message?: string): Promise<void> => {
    if (progressToken === undefined) return;
    await extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress, total, message } });
  };
  // A lost progress notification must not fail the call.
  const pageReport = (records: number): void => void progress(records, undefined, `${records} records read from Autotask`).catch(() => undefined);
  return {
    ...(toolsets ? { toolsets } : {}),
    api: progressToken === undefined ? deps.api : reportingPages(deps.api, pageReport),
    config: deps.config,
    logger: deps.logger,
    names: deps.names,
    principal,
    sessionId: extra.sessionId,
    signal: scope.signal,
    deadline: scope.deadline,
    progress,
  };
}

function boundRequest(def: WriteToolDefinition<z.ZodRawShape>, plan: WritePlan, deps: ToolDeps, principal: Principal): BoundRequest {
  const route = deps.api.writeRoute(plan.operation, plan.entity, plan.parent, plan.id);
  const then = stepsOf(plan).slice(1).map((s) => previewRequest(deps.api, s));
  return { tool: def.name, method: route.method, path: route.path, body: plan.body, runAs: runAs(plan, principal), ...(then.length ? { then } : {}) };
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
  const request = boundRequest(def, plan, deps, ctx.principal);
  const actor = actorLine(plan, ctx.principal);

  // A client that can ask its human (form elicitation) gets the question directly.
  const answer = !confirmationToken && canAskByForm(server) ? await askHuman(server, extra, request, plan, actor, deps.config.elicitationTimeoutMs, deps.logger) : undefined;
  if (answer && !('fallback' in answer)) {
    if (answer.approved) {
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
  const fallback = answer && 'fallback' in answer ? answer.fallback : undefined;
  const { token, expiresAt } = await deps.confirmations.hold({ request, plan, plannedAt }, argumentsHash(def.name, args), ctx.principal.name);
  const preview = {
    status: 'confirmation_required',
    summary: plan.summary,
    request: { method: request.method, path: request.path, body: request.body === undefined ? null : previewBody(request.body) },
    ...(request.then ? { steps: [{ method: request.method, path: request.path, body: request.body ?? null }, ...request.then].map((r, i) => ({ step: i + 1, ...r, body: r.body === undefined ? null : previewBody(r.body) })) } : {}),
    changes: plan.changes ?? [],
    warnings: plan.warnings ?? [],
    onBehalfOf: { principal: ctx.principal.name, resourceId: request.runAs ?? null },
    untrusted: request.then ? [...PREVIEW_UNTRUSTED, 'steps'] : PREVIEW_UNTRUSTED,
    confirmationToken: token,
    expiresAt,
    ...(fallback ? { elicitation: fallback } : {}),
  };
  const text = previewText(def.name, request, plan, token, expiresAt, actor);
  return structuredResult(preview, fallback ? `${fallback}\n${text}` : text);
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
  stepsOf(plan); // a multi-request plan may only refer to earlier steps
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
  const redeemed = await deps.confirmations.redeem(token, argumentsHash(def.name, args), callCtx.principal.name);
  if (!redeemed.ok) return { result: errorResult(redeemed.message) };
  const { plan, request, plannedAt } = redeemed.held;
  const ctx: ToolContext = { ...callCtx, now: () => new Date(plannedAt) };
  // The tokens file gave this principal another Autotask resource since the preview: it named the old one.
  if ((request.runAs ?? null) !== runAs(plan, ctx.principal)) {
    return { stale: `The preview you confirmed was to run as Autotask resource ${request.runAs ?? 'none (the API user)'}; your token now maps to ${ctx.principal.resourceId ?? 'no resource'}, so nothing was written. This is a new preview.` };
  }
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
  // One request, or several in order (./write-steps.ts): a failure after the first says what was done.
  const steps = stepsOf(plan);
  const ids: number[] = [];
  const impersonated = request.runAs ?? undefined;
  // One audit line per request that reached Autotask (src/logging/audit.ts), whatever it answered.
  const audit = (step: (typeof steps)[number], route: string, outcome: AuditEntry['outcome'], written: number | null) => {
    const [method = request.method, path = request.path] = route.split(' ');
    deps.audit.write({
      principal: ctx.principal.name,
      tool: def.name,
      entity: step.entity,
      operation: step.operation,
      id: written ?? step.id ?? null,
      method,
      path,
      fields: auditFields(step.body),
      outcome,
      runAs: stepRunAs(step, impersonated),
      ...(steps.length > 1 ? { step: step.n, of: steps.length } : {}),
      ...(ctx.sessionId !== undefined ? { session: ctx.sessionId } : {}),
      confirmedVia: via,
    });
  };
  for (const step of steps) {
    const as = stepRunAs(step, impersonated);
    const opts = { signal: ctx.signal, ...(as !== null ? { impersonate: as } : {}) };
    let sent: { id: number; route: string };
    try {
      sent = await sendStep(deps.api, step, ids, opts);
    } catch (err) {
      // What is known about the write decides the answer, and what a reuse of its token says.
      const outcome = writeOutcomeOf(err);
      const route = step.n === 1 ? `${request.method} ${request.path}` : (({ method, path }) => `${method} ${path}`)(previewRequest(deps.api, step));
      if (outcome !== 'not_sent') audit(step, route, outcome, null);
      if (ids.length) {
        token?.settle('partial', partialCheck(steps, ids));
        deps.logger.warn({ tool: def.name, session: ctx.sessionId, step: step.n, of: steps.length, done: ids, outcome, err: errSummary(err) }, 'multi-request write stopped');
        return partialResult(steps, ids, err, outcome, plan);
      }
      if (outcome === 'not_sent') token?.release();
      else token?.settle(outcome, outcome === 'unknown' ? checkHint(plan) : undefined);
      deps.logger.warn({ tool: def.name, session: ctx.sessionId, outcome, err: errSummary(err) }, outcome === 'refused' ? 'autotask refused a write' : 'autotask write failed');
      const failed = writeFailure(err, plan, outcome, via === 'token');
      return as !== null && outcome === 'refused' ? withImpersonationHint(failed, plan, ctx.principal) : failed;
    }
    ids.push(sent.id);
    audit(step, step.n === 1 ? `${request.method} ${request.path}` : sent.route, 'done', sent.id);
  }
  token?.settle('done');
  const id = ids[0];
  if (def.done) return def.done({ id, ids, plan }, ctx);
  if (steps.length > 1) return doneSteps(steps, ids, plan);
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

/** The Autotask resource a write of this plan impersonates: the principal's, where Autotask supports it. */
/** The resource a step of a held write runs as: the previewed one, where Autotask supports the header for that step. */
function stepRunAs(step: { entity: string; operation: 'create' | 'update' | 'delete' }, runAs: number | undefined): number | null {
  return runAs !== undefined && supportsImpersonation(step.entity, step.operation) ? runAs : null;
}

function runAs(plan: WritePlan, principal: Principal): number | null {
  return principal.resourceId !== null && supportsImpersonation(plan.entity, plan.operation) ? principal.resourceId : null;
}

/** On whose behalf the write runs, for previews and elicitation (operator-written, outside the untrusted fence). */
function actorLine(plan: WritePlan, principal: Principal): string {
  const as = runAs(plan, principal);
  if (as !== null) return `Runs on behalf of ${principal.name}: Autotask resource ${as} (ImpersonationResourceId), with that resource's permissions.`;
  if (principal.resourceId !== null) return `Runs as the API user for ${principal.name}: Autotask does not support impersonation for ${plan.operation} of ${plan.entity}.`;
  return principal === DEFAULT_PRINCIPAL ? 'Runs as the API user.' : `Runs as the API user for ${principal.name} (no Autotask resource in the tokens file).`;
}

/** Autotask refusing an impersonated write often means a permission of the impersonated resource: say what to check. */
function withImpersonationHint(result: ToolResult, plan: WritePlan, principal: Principal): ToolResult {
  const hint = `This write ran on behalf of Autotask resource ${principal.resourceId ?? '?'} (${principal.name}), with that resource's permissions. If Autotask says it lacks permission: an Autotask administrator must allow impersonation of its security level (API-only levels never can be), allow the API user to impersonate for ${plan.entity}, or give the resource the permission the write needs.`;
  return { ...result, content: [...result.content, { type: 'text', text: hint }] };
}

function errSummary(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { name: err.name, message: err.message, kind: (err as { kind?: string }).kind };
  return { message: String(err) };
}
