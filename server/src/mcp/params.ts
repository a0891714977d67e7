/**
 * Params checked before the SDK sees a request. The SDK parses a request's params inside its
 * handler wrapper and answers a mismatch with -32603 Internal error whose message is zod's JSON
 * issue dump; a client that sent `arguments: []` deserves -32602 Invalid params and one line
 * saying what is wrong. Installed on every transport right after connect (HTTP and stdio).
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  InitializeRequestSchema,
  isJSONRPCRequest,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  PingRequestSchema,
  ReadResourceRequestSchema,
  SetLevelRequestSchema,
  type JSONRPCMessage,
} from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';

/** The methods this server answers, by name (a Map: the method is the client's text). */
const SCHEMAS = new Map<string, z.ZodType>(
  [
    InitializeRequestSchema,
    PingRequestSchema,
    ListToolsRequestSchema,
    CallToolRequestSchema,
    ListResourcesRequestSchema,
    ListResourceTemplatesRequestSchema,
    ReadResourceRequestSchema,
    ListPromptsRequestSchema,
    GetPromptRequestSchema,
    CompleteRequestSchema,
    SetLevelRequestSchema,
  ].map((s) => [s.shape.method.value, s as z.ZodType]),
);

const MAX_ISSUES = 3;

function where(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || 'the request';
}

/** One line per issue, in plain words ("expected object, received array"). */
function describeIssues(method: string, error: z.ZodError): string {
  const args = error.issues.find((i) => method === 'tools/call' && i.path.length === 2 && i.path[1] === 'arguments');
  if (args) return `params.arguments must be an object of argument names to values, e.g. {"id": 123}; omit it when the tool takes none.`;
  const lines = error.issues.slice(0, MAX_ISSUES).map((i) => `${where(i.path)}: ${i.message.replace(/^Invalid input: /, '').replace(/\brecord\b/g, 'object')}`.slice(0, 120));
  const more = error.issues.length > MAX_ISSUES ? ` (and ${error.issues.length - MAX_ISSUES} more)` : '';
  return `${lines.join('; ')}${more}.`;
}

/** The -32602 answer for a request whose params do not fit its method, or null when they do (or the method is not ours). */
export function invalidParams(message: JSONRPCMessage): JSONRPCMessage | null {
  if (!isJSONRPCRequest(message)) return null;
  const schema = SCHEMAS.get(message.method);
  if (!schema) return null;
  const parsed = schema.safeParse(message);
  if (parsed.success) return null;
  return { jsonrpc: '2.0', id: message.id, error: { code: ErrorCode.InvalidParams, message: `Invalid params for ${message.method}: ${describeIssues(message.method, parsed.error)}` } };
}

/** Answer ill-formed requests on `transport` directly; everything else goes on to the SDK unchanged. */
export function guardRequestParams(transport: Transport): void {
  const receive = transport.onmessage;
  transport.onmessage = (message, extra) => {
    const refusal = invalidParams(message);
    // transport.send is read at call time: wrappers installed later (the stdio drain count) see the answer.
    if (refusal) void transport.send(refusal).catch(() => undefined);
    else receive?.(message, extra);
  };
}
