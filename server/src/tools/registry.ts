/**
 * Registers tool definitions on an McpServer: read-only mode (wins over everything), toolsets,
 * annotations derived from the tool kind, the two-step write flow and uniform error rendering.
 */
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ToolAnnotations, ServerRequest, ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/types.js';
import type { AutotaskApi } from '../autotask/types.js';
import type { ConfirmationService, BoundRequest } from './confirm.js';
import type { NameResolver, ToolContext, ToolDefinition, ToolKind, ToolResult, WritePlan, WriteToolDefinition } from './types.js';
import { errorResult, errorToResult, structuredResult } from './results.js';
import { isAutotaskError } from '../autotask/errors.js';
import { didYouMean } from './query/suggest.js';
import { writeOutput } from './output.js';

export interface ToolDeps {
  api: AutotaskApi;
  config: AppConfig;
  logger: Logger;
  names: NameResolver;
  confirmations: ConfirmationService;
}

export function annotationsFor(kind: ToolKind, title: string): ToolAnnotations {
  switch (kind) {
    case 'read':
      return { title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
    case 'create':
      return { title, readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };
    case 'update':
      return { title, readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true };
    case 'delete':
      return { title, readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true };
  }
}

/** Which definitions a configuration exposes. Read-only mode removes every write, whatever else is set. */
export function selectTools(defs: readonly ToolDefinition[], config: Pick<AppConfig, 'readOnly' | 'toolsets'>): ToolDefinition[] {
  const sets = new Set(config.toolsets);
  return defs.filter((d) => sets.has(d.toolset) && (!config.readOnly || d.kind === 'read'));
}

const confirmationShape = {
  confirmationToken: z
    .string()
    .min(10)
    .max(2000)
    .optional()
    .describe('Leave empty on the first call: you get a preview and a token. Show the preview to the user; only after they approve, call again with the same arguments plus this token.'),
};

/** Input shape of a write tool as clients see it (its own fields plus confirmationToken). */
export function writeInputShape(def: WriteToolDefinition<z.ZodRawShape>): z.ZodRawShape {
  return { ...def.input, ...confirmationShape };
}

/**
 * The zod objects of a definition, built once per process: every session registers the same
 * tools, and building them per session cost ~0.3 MB and ~4 ms per session.
 */
const schemaCache = new WeakMap<ToolDefinition, { inputSchema: z.ZodObject; outputSchema?: z.ZodObject }>();

function schemasOf(def: ToolDefinition): { inputSchema: z.ZodObject; outputSchema?: z.ZodObject } {
  let s = schemaCache.get(def);
  if (!s) {
    // Strict: an unknown argument (e.g. companyId for companyID) is an error, never silently
    // dropped - a dropped filter would widen a search without anyone noticing.
    const shape = def.kind === 'read' ? def.input : writeInputShape(def);
    const inputSchema = z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? unknownArguments(issue.keys, Object.keys(shape)) : undefined) });
    // Writes share one envelope (preview or done), produced here and in their done().
    const output = def.output ?? (def.kind !== 'read' ? writeOutput : undefined);
    s = { inputSchema, ...(output ? { outputSchema: z.object(output) } : {}) };
    schemaCache.set(def, s);
  }
  return s;
}

export function registerTools(server: McpServer, defs: readonly ToolDefinition[], deps: ToolDeps): void {
  for (const def of selectTools(defs, deps.config)) {
    server.registerTool(
      def.name,
      {
        title: def.title,
        description: def.description,
        ...schemasOf(def),
        annotations: annotationsFor(def.kind, def.title),
      },
      async (args: Record<string, unknown>, extra: Extra) => {
        const ctx = makeContext(deps, extra);
        const started = Date.now();
        try {
          const result = def.kind === 'read' ? await def.handler(args as never, ctx) : await runWrite(def, args, ctx, deps, server, extra);
          deps.logger.debug({ tool: def.name, session: extra.sessionId, ms: Date.now() - started, isError: !!result.isError }, 'tool call');
          return result;
        } catch (err) {
          deps.logger.warn({ tool: def.name, session: extra.sessionId, ms: Date.now() - started, err: errSummary(err) }, 'tool failed');
          return errorToResult(err);
        }
      },
    );
  }
}

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** "Unknown argument "companyId": did you mean "companyID"?" for each key, then the valid names. */
function unknownArguments(keys: readonly string[], valid: string[]): string {
  const each = keys.map((k) => `Unknown argument "${k}".${didYouMean(k, valid)}`);
  return `${each.join(' ')} Nothing was sent. Valid arguments: ${valid.join(', ')}.`;
}

function makeContext(deps: ToolDeps, extra: Extra): ToolContext {
  const progressToken = extra._meta?.progressToken;
  return {
    api: deps.api,
    config: deps.config,
    logger: deps.logger,
    names: deps.names,
    sessionId: extra.sessionId,
    signal: extra.signal,
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
  // Plan for the moment of the preview, also when confirming it later (see ToolContext.now).
  const plannedAt = (confirmationToken && deps.confirmations.issuedAt(confirmationToken)) || deps.confirmations.now();
  const ctx: ToolContext = { ...callCtx, now: () => new Date(plannedAt) };
  const plan = await def.plan(args as never, ctx);
  const request = boundRequest(def, plan, deps);

  if (!confirmationToken) {
    // A client that can ask its human (elicitation) gets the question directly.
    if (server.server.getClientCapabilities()?.elicitation) {
      const answer = await server.server.elicitInput(
        {
          mode: 'form',
          message: `${plan.summary}\n\n${renderRequest(request, plan)}\n\nApprove this change in Autotask?`,
          requestedSchema: { type: 'object', properties: { approve: { type: 'boolean', title: 'Approve', description: 'Execute this write now' } }, required: ['approve'] },
        },
        { relatedRequestId: extra.requestId },
      );
      if (answer.action === 'accept' && answer.content?.approve === true) return execute(def, plan, request, ctx, deps, 'elicitation');
      return errorResult(`The user did not approve the change (${answer.action}). Nothing was written.`);
    }
    const { token, expiresAt } = deps.confirmations.issue(request, plannedAt);
    const preview = {
      status: 'confirmation_required',
      summary: plan.summary,
      request: { method: request.method, path: request.path, body: request.body === undefined ? null : previewBody(request.body) },
      changes: plan.changes ?? [],
      warnings: plan.warnings ?? [],
      confirmationToken: token,
      expiresAt,
    };
    const text = [
      `PREVIEW ONLY - nothing was written. ${plan.summary}`,
      renderRequest(request, plan),
      ...(plan.warnings ?? []).map((w) => `Warning: ${w}`),
      `To execute, show this preview to the user and, once they approve, call ${def.name} again with the same arguments and confirmationToken="${token}" (valid until ${expiresAt}, single use).`,
    ].join('\n');
    return structuredResult(preview, text);
  }

  const check = deps.confirmations.consume(confirmationToken, request);
  if (!check.ok) return errorResult(check.message);
  return execute(def, plan, request, ctx, deps, 'token');
}

async function execute(
  def: WriteToolDefinition<z.ZodRawShape>,
  plan: WritePlan,
  request: BoundRequest,
  ctx: ToolContext,
  deps: ToolDeps,
  via: 'token' | 'elicitation',
): Promise<ToolResult> {
  let id: number;
  const opts = { signal: ctx.signal };
  try {
    if (plan.operation === 'create') id = await deps.api.create(plan.entity, plan.body ?? {}, plan.parent, opts);
    else if (plan.operation === 'update') id = await deps.api.update(plan.entity, plan.body as Record<string, unknown> & { id: number }, plan.parent, opts);
    else id = await deps.api.delete(plan.entity, plan.id as number, plan.parent, opts);
  } catch (err) {
    if (!plan.ifRefused || !isAutotaskError(err) || err.kind !== 'validation') throw err;
    deps.logger.warn({ tool: def.name, session: ctx.sessionId, err: err.message }, 'autotask refused a write');
    const said = errorToResult(err).content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
    return errorResult(`${said}\n${plan.ifRefused}`);
  }

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
  return structuredResult({ status: 'done', operation: plan.operation, entity: plan.entity, id }, `${verb} ${plan.entity} ${id}. ${plan.summary}`);
}

function renderRequest(request: BoundRequest, plan: WritePlan): string {
  const lines = [`Request: ${request.method} ${request.path}`];
  if (request.body !== undefined) lines.push(`Body: ${JSON.stringify(request.body, elideLongStrings)}`);
  for (const c of plan.changes ?? []) lines.push(`Change ${c.field}: ${JSON.stringify(c.from)} -> ${JSON.stringify(c.to)}`);
  return lines.join('\n');
}

/** Previews summarise long values (e.g. base64 attachment data); the token still binds the full body. */
function elideLongStrings(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.length > 300) return `${value.slice(0, 60)}... [${value.length} characters in total]`;
  return value;
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
