/**
 * What tools/list says about a tool, in the fewest bytes that keep every fact the model uses.
 * The JSON schema zod emits is compacted: the server validates every call with the zod schema
 * itself (strict, with actionable errors), so guard rails no sane call reaches (safe-integer and
 * id bounds, string lengths, list caps) and JSON-schema boilerplate ($schema, propertyNames,
 * empty additionalProperties, false defaults) stay out of the model's context. Limits a call can
 * plausibly hit (limit 1-500, hours up to 24) stay. Built once per definition, not per session.
 */
import { z } from 'zod';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ToolDefinition } from './types.js';
import { ISO_DATE_PATTERN } from './dates.js';

type Json = Record<string, unknown>;

/** Date inputs say "ISO date" in words; the regex would repeat ~90 bytes per date parameter. */
const isoPatterns = new Set([ISO_DATE_PATTERN.source]);

const isPlainObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A member like {"type":"integer"}: nothing but a type, so it can join a type list. */
const isBareType = (v: unknown): v is { type: string | string[] } => isPlainObject(v) && Object.keys(v).length === 1 && v.type !== undefined;

/** Compacts one JSON-schema node (and its children); `root` keeps the top level's properties. */
export function compactSchema(node: unknown, root = true): unknown {
  if (Array.isArray(node)) return node.map((n) => compactSchema(n, false));
  if (!isPlainObject(node)) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'properties' && isPlainObject(v)) out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, compactSchema(s, false)]));
    else if (k === 'items' || k === 'anyOf' || k === 'oneOf' || k === 'additionalProperties') out[k] = compactSchema(v, false);
    else out[k] = v;
  }
  delete out.$schema;
  delete out.propertyNames;
  if (isPlainObject(out.additionalProperties) && Object.keys(out.additionalProperties).length === 0) delete out.additionalProperties;
  if (!root && isPlainObject(out.properties) && Object.keys(out.properties).length === 0) delete out.properties;
  if (Array.isArray(out.required) && out.required.length === 0) delete out.required;
  if (out.default === false) delete out.default;
  dropNumberGuards(out);
  delete out.minLength;
  delete out.maxLength;
  if (typeof out.minItems === 'number' && out.minItems <= 1) delete out.minItems;
  if (typeof out.maxItems === 'number' && out.maxItems >= 100) delete out.maxItems;
  // A format (email) already says what the pattern spells out character by character.
  if (typeof out.pattern === 'string' && (isoPatterns.has(out.pattern) || out.format !== undefined)) delete out.pattern;
  if (Array.isArray(out.anyOf)) mergeAnyOf(out);
  return out;
}

function dropNumberGuards(s: Json): void {
  if (s.type !== 'integer' && s.type !== 'number') return;
  if (typeof s.maximum === 'number' && s.maximum >= Number.MAX_SAFE_INTEGER) delete s.maximum;
  if (typeof s.minimum === 'number' && s.minimum <= Number.MIN_SAFE_INTEGER) delete s.minimum;
  // 10,000 hours or more: a guard against typos, not a limit a real value meets.
  if (typeof s.maximum === 'number' && s.maximum >= 10_000) delete s.maximum;
  // "at least 0 / 1" or "more than 0" with no upper limit: an id or an amount, never negative anyway.
  if (s.maximum === undefined && s.exclusiveMaximum === undefined && (s.exclusiveMinimum === 0 || s.minimum === 0 || s.minimum === 1)) {
    delete s.minimum;
    delete s.exclusiveMinimum;
  }
}

/** A member like {"type":"array","items":...}: its items can sit beside a type list (they only constrain arrays). */
const isBareArray = (v: unknown): v is { type: 'array'; items: unknown } => isPlainObject(v) && v.type === 'array' && Object.keys(v).every((k) => k === 'type' || k === 'items');

/**
 * anyOf inside anyOf is one anyOf; members that are only a type become one type list, and one
 * plain array member joins it ("id or label, or a list of them": integer | string | array).
 */
function mergeAnyOf(s: Json): void {
  const flat = (s.anyOf as unknown[]).flatMap((m) => (isPlainObject(m) && Object.keys(m).length === 1 && Array.isArray(m.anyOf) ? (m.anyOf as unknown[]) : [m]));
  const bare = flat.filter(isBareType);
  let rest = flat.filter((m) => !isBareType(m));
  const types = [...new Set(bare.flatMap((m) => (Array.isArray(m.type) ? m.type : [m.type])))];
  const arrays = rest.filter(isBareArray);
  let items: unknown;
  if (types.length && arrays.length === 1 && !types.includes('array')) {
    types.push('array');
    items = arrays[0].items;
    rest = rest.filter((m) => m !== arrays[0]);
  }
  const merged = types.length ? [{ type: types.length === 1 ? types[0] : types, ...(items !== undefined ? { items } : {}) }, ...rest] : rest;
  delete s.anyOf;
  if (merged.length === 1 && isPlainObject(merged[0]) && s.type === undefined) Object.assign(s, merged[0]);
  else s.anyOf = merged;
}

const strictInputs = new WeakMap<ToolDefinition, z.ZodObject>();
const listings = new WeakMap<ToolDefinition, Tool>();

/** The strict zod object a definition's input is validated with (built once per definition). */
export function strictInput(def: ToolDefinition, build: (def: ToolDefinition) => z.ZodObject): z.ZodObject {
  let s = strictInputs.get(def);
  if (!s) strictInputs.set(def, (s = build(def)));
  return s;
}

/** The tools/list entry of a definition: name, title, description, compact schemas, hints. */
export function toolListing(def: ToolDefinition, input: z.ZodObject, output: z.ZodObject | undefined, annotations: Tool['annotations']): Tool {
  let t = listings.get(def);
  if (!t) {
    t = {
      name: def.name,
      title: def.title,
      description: def.description,
      inputSchema: compactSchema(z.toJSONSchema(input, { target: 'draft-7', io: 'input' })) as Tool['inputSchema'],
      ...(output ? { outputSchema: compactSchema(z.toJSONSchema(output, { target: 'draft-7', io: 'output' })) as Tool['outputSchema'] } : {}),
      annotations,
    };
    listings.set(def, t);
  }
  return t;
}
