/**
 * MCP resources: single records (autotask://tickets/{id}, companies, contacts, projects) as JSON
 * of the enriched record, and entity schemas (autotask://schema/{entity}) with fields and
 * picklists, the same content describe_entity returns.
 *
 * Resources are reads, so read-only mode keeps them all; a record template is offered only when
 * its area's toolset is enabled (AUTOTASK_TOOLSETS), the schema template always (it is metadata,
 * not client data). Templates do not enumerate records (a tenant holds hundreds of thousands);
 * the schema template lists the core entities and completes entity names offline.
 */
import { DEFAULT_PRINCIPAL } from '../auth/principal.js';
import { ResourceTemplate, type CompleteResourceTemplateCallback, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError, ErrorCode, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import type { ToolsetName } from '../config/types.js';
import type { ToolContext } from '../tools/types.js';
import type { ServerDeps } from './server.js';
import { entityNames } from '../catalogue/index.js';
import { errorToResult } from '../tools/results.js';
import { isInternalError, logInternalError } from '../tools/error-ids.js';
import { isAutotaskError } from '../autotask/errors.js';
import { UNTRUSTED_NOTICE } from '../tools/shared.js';
import { compactRecord } from '../tools/query/render.js';
import { describeEntity } from '../tools/query/describe.js';
import { TICKET_UNTRUSTED_FIELDS } from '../tools/tickets/common.js';
import { COMPANY_UNTRUSTED_FIELDS } from '../tools/companies/common.js';
import { CONTACT_UNTRUSTED_FIELDS } from '../tools/contacts/common.js';
import { PROJECT_UNTRUSTED_FIELDS } from '../tools/projects/common.js';

/** JSON-RPC code MCP uses for "resource not found". */
export const RESOURCE_NOT_FOUND = -32002;

/**
 * A JSON-RPC error with a code and a plain message. (McpError would prefix "MCP error <code>:"
 * to the message it sends, and the client prefixes it again.)
 */
export class ProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

interface RecordKind {
  segment: string;
  entity: string;
  what: string;
  toolset: ToolsetName;
  /** Company 0 is the tenant's own company; other ids start at 1. */
  minId: number;
  untrustedFields: string[];
  findTool: string;
}

export const RECORD_KINDS: RecordKind[] = [
  { segment: 'tickets', entity: 'Tickets', what: 'ticket', toolset: 'tickets', minId: 1, untrustedFields: TICKET_UNTRUSTED_FIELDS, findTool: 'search_tickets' },
  { segment: 'companies', entity: 'Companies', what: 'company', toolset: 'companies', minId: 0, untrustedFields: COMPANY_UNTRUSTED_FIELDS, findTool: 'search_companies' },
  { segment: 'contacts', entity: 'Contacts', what: 'contact', toolset: 'contacts', minId: 1, untrustedFields: CONTACT_UNTRUSTED_FIELDS, findTool: 'search_contacts' },
  { segment: 'projects', entity: 'Projects', what: 'project', toolset: 'projects', minId: 1, untrustedFields: PROJECT_UNTRUSTED_FIELDS, findTool: 'search_projects' },
];

/** Schemas listed by resources/list (any other entity is readable through the template). */
const LISTED_SCHEMAS = ['Tickets', 'TicketNotes', 'Companies', 'Contacts', 'Projects', 'Tasks', 'TimeEntries', 'Resources'];

type Extra = { signal: AbortSignal; sessionId?: string };

function contextFor(deps: ServerDeps, extra: Extra): ToolContext {
  // Resources only read: the principal matters for writes alone.
  return { api: deps.api, config: deps.config, logger: deps.logger, names: deps.names, principal: DEFAULT_PRINCIPAL, sessionId: extra.sessionId, signal: extra.signal, progress: async () => undefined };
}

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** Autotask and tool errors become MCP errors with the same actionable (secret-free) text tools give. */
function asProtocolError(err: unknown, logger: ServerDeps['logger'], resource: string): Error {
  if (err instanceof ProtocolError || err instanceof McpError) return err;
  const errorId = isInternalError(err) ? logInternalError(logger, { resource }, err, 'resource read failed: internal error') : undefined;
  const text = errorToResult(err, errorId).content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
  if (err instanceof Error && err.name === 'ToolInputError') return new ProtocolError(ErrorCode.InvalidParams, text);
  if (isAutotaskError(err) && err.kind === 'not_found') return new ProtocolError(RESOURCE_NOT_FOUND, text);
  return new ProtocolError(ErrorCode.InternalError, text);
}

function json(uri: URL, value: unknown): ReadResourceResult {
  return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(value, null, 2) }] };
}

function registerRecord(server: McpServer, deps: ServerDeps, kind: RecordKind): void {
  server.registerResource(
    `${kind.what}-record`,
    new ResourceTemplate(`autotask://${kind.segment}/{id}`, { list: undefined }),
    {
      title: `Autotask ${kind.what} by id`,
      description: `One ${kind.what} as JSON: every non-empty field with names and labels for ids, and the list of untrusted (client-written) fields. Ids come from ${kind.findTool}.`,
      mimeType: 'application/json',
    },
    async (uri, variables, extra) => {
      const raw = single(variables.id);
      const id = /^\d{1,12}$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(id) || id < kind.minId) {
        throw new ProtocolError(ErrorCode.InvalidParams, `"${raw}" is not a ${kind.what} id: use a number, e.g. autotask://${kind.segment}/${kind.minId === 0 ? 0 : 123}.`);
      }
      const ctx = contextFor(deps, extra);
      try {
        const found = await ctx.api.get(kind.entity, id, { signal: ctx.signal });
        if (!found) throw new ProtocolError(RESOURCE_NOT_FOUND, `No ${kind.what} with id ${id} exists in Autotask (or the API user cannot see it). Use ${kind.findTool} to find ${kind.what} ids.`);
        await ctx.names.enrich(kind.entity, [found], ctx.signal);
        const record = compactRecord(found, { maxText: null, howToGetAll: '' });
        return json(uri, { entity: kind.entity, id, record, untrustedFields: kind.untrustedFields.filter((f) => f in record), notice: UNTRUSTED_NOTICE });
      } catch (err) {
        throw asProtocolError(err, deps.logger, kind.segment);
      }
    },
  );
}

function registerSchema(server: McpServer, deps: ServerDeps): void {
  const names = entityNames();
  server.registerResource(
    'entity-schema',
    new ResourceTemplate('autotask://schema/{entity}', {
      list: async () => ({
        resources: LISTED_SCHEMAS.map((e) => ({ uri: `autotask://schema/${e}`, name: `${e} schema`, mimeType: 'application/json' })),
      }),
      // Null prototype: the SDK looks the client's argument name up here ("__proto__" must find nothing).
      complete: Object.assign(Object.create(null) as Record<string, CompleteResourceTemplateCallback>, {
        entity: (value: string) => names.filter((n) => n.toLowerCase().startsWith(value.toLowerCase())).slice(0, 100),
      }),
    }),
    {
      title: 'Autotask entity schema',
      description:
        'Fields of one Autotask entity from this tenant\'s metadata (type, required, read-only, queryable, references, picklist values with labels), its user-defined fields, and its write routes - the same content as describe_entity.',
      mimeType: 'application/json',
    },
    async (uri, variables, extra) => {
      const entity = decodeURIComponent(single(variables.entity));
      try {
        const result = await describeEntity.handler({ entity }, contextFor(deps, extra));
        if (result.isError) throw new ProtocolError(ErrorCode.InvalidParams, result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n'));
        return json(uri, result.structuredContent);
      } catch (err) {
        throw asProtocolError(err, deps.logger, 'schema');
      }
    },
  );
}

export function registerResources(server: McpServer, deps: ServerDeps): void {
  const enabled = new Set(deps.config.toolsets);
  for (const kind of RECORD_KINDS) if (enabled.has(kind.toolset)) registerRecord(server, deps, kind);
  registerSchema(server, deps);
}
