/**
 * Params checked before the SDK sees a request. The SDK parses a request's params inside its
 * handler wrapper and answers a mismatch with -32603 Internal error whose message is zod's JSON
 * issue dump; a client that sent `arguments: []` deserves -32602 Invalid params and one line
 * saying what is wrong. Installed on every transport right after connect (HTTP and stdio).
 * Tool arguments with a "__proto__" key get a tool error here too (zod would drop the key), and a
 * tool or prompt named like an Object.prototype property "not found" (the SDK would find a function).
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

/**
 * Where a "__proto__" key sits in tool arguments (JSON.parse makes it an own key), or null. zod's
 * records drop such a key without a word, so an argument, field or filter key of that name would
 * vanish silently; it is refused instead. Iterative: arguments can nest deeply.
 */
function protoKeyPath(args: unknown): string | null {
  const stack: Array<{ v: unknown; path: string }> = [{ v: args, path: '' }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) v.forEach((child, i) => stack.push({ v: child, path: `${path}[${i}]` }));
    else {
      if (Object.hasOwn(v, '__proto__')) return path ? `${path}.__proto__` : '__proto__';
      for (const [k, child] of Object.entries(v)) stack.push({ v: child, path: path ? `${path}.${k}` : k });
    }
  }
  return null;
}

/** The SDK parses a resource URI with new URL() and answers a failure with -32603 "Invalid URL". */
function uriProblem(uri: unknown): string | null {
  return typeof uri === 'string' && URL.canParse(uri) ? null : 'params.uri must be an absolute URI such as autotask://tickets/123 (resources/templates/list shows the forms).';
}

/**
 * The answer for a request whose params do not fit its method (-32602), that names a tool or
 * prompt like an Object.prototype property (not found), or whose tool arguments hold a
 * "__proto__" key (a tool error, like any unknown argument); null when none applies.
 */
export function invalidParams(message: JSONRPCMessage): JSONRPCMessage | null {
  if (!isJSONRPCRequest(message)) return null;
  const schema = SCHEMAS.get(message.method);
  if (!schema) return null;
  const parsed = schema.safeParse(message);
  const problem = !parsed.success ? describeIssues(message.method, parsed.error) : message.method === 'resources/read' ? uriProblem(message.params?.uri) : null;
  if (problem) return refusal(message.id, `Invalid params for ${message.method}: ${problem}`);
  const named = prototypeNamed(message.method, message.params);
  if (named) return named.kind === 'Tool' ? toolError(message.id, `Tool ${named.name} not found. tools/list shows the tools of this session.`) : refusal(message.id, `Prompt ${named.name} not found. prompts/list shows the prompts.`);
  const proto = message.method === 'tools/call' ? protoKeyPath(message.params?.arguments) : null;
  if (proto === null) return null;
  return toolError(message.id, `Unknown argument key "${proto}": no tool argument, Autotask field or filter key has that name. Nothing was sent.`);
}

type Id = string | number;
const toolError = (id: Id, text: string): JSONRPCMessage => ({ jsonrpc: '2.0', id, result: { content: [{ type: 'text', text }], isError: true } });
const refusal = (id: Id, message: string): JSONRPCMessage => ({ jsonrpc: '2.0', id, error: { code: ErrorCode.InvalidParams, message } });

/**
 * A tool or prompt name that is a property of Object.prototype ("constructor", "toString"): the
 * SDK looks names up in plain objects, finds a function and answers "Tool constructor disabled".
 */
function prototypeNamed(method: string, params: Record<string, unknown> | undefined): { kind: 'Tool' | 'Prompt'; name: string } | null {
  const ref = params?.ref as { type?: unknown; name?: unknown } | undefined;
  const [kind, name] =
    method === 'tools/call' ? (['Tool', params?.name] as const) : method === 'prompts/get' ? (['Prompt', params?.name] as const) : method === 'completion/complete' && ref?.type === 'ref/prompt' ? (['Prompt', ref.name] as const) : [null, null];
  return kind && typeof name === 'string' && name in Object.prototype ? { kind, name } : null;
}

/** Answer ill-formed requests on `transport` directly; everything else goes on to the SDK unchanged. */
export function guardRequestParams(transport: Transport): void {
  const receive = transport.onmessage;
  transport.onmessage = (message, extra) => {
    const answer = invalidParams(message);
    // transport.send is read at call time: wrappers installed later (the stdio drain count) see the answer.
    if (answer) void transport.send(answer).catch(() => undefined);
    else receive?.(message, extra);
  };
}
