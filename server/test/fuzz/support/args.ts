/**
 * Tool arguments generated from a tool's listed inputSchema: each property gets a value of its
 * schema type, a domain value chosen by its name (ids, labels, dates, entities, fields, filters)
 * or a hostile one; then the whole object may be mutated (a required argument dropped, a
 * prototype-named or unknown key added, a value nested thousands of levels deep). Deep values are
 * spliced into the JSON text (placeholders), since JSON.stringify cannot write them.
 */
import fc from 'fast-check';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { ANY_ID, anyJson, BASE64, DATES, ENTITIES, fieldsOf, hostileNumber, hostileString, IDS, LABELS, PROTO_KEYS, UDF_NAMES } from './pools.js';

type Schema = { type?: string | string[]; enum?: unknown[]; items?: Schema; properties?: Record<string, Schema>; required?: string[]; minimum?: number; maximum?: number };

/** Placeholders for values too deep for JSON.stringify: replaced in the request text. */
export const DEEP = { object: '@@DEEP_OBJECT@@', array: '@@DEEP_ARRAY@@', filter: '@@DEEP_FILTER@@' } as const;
const DEPTH = 5000;
export function spliceDeep(json: string): string {
  return json
    .replaceAll(`"${DEEP.object}"`, '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH))
    .replaceAll(`"${DEEP.array}"`, '['.repeat(DEPTH) + '1' + ']'.repeat(DEPTH))
    .replaceAll(`"${DEEP.filter}"`, '{"op":"and","items":['.repeat(DEPTH) + '{"op":"eq","field":"id","value":1}' + ']}'.repeat(DEPTH));
}

const types = (s: Schema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : ['string', 'number', 'object']);

/** A value of the schema's own type (loosely: the compact listing drops most bounds). */
function typed(s: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const arbs = types(s).map((t): fc.Arbitrary<unknown> => {
    switch (t) {
      case 'integer':
        return fc.integer({ min: s.minimum ?? -5, max: s.maximum ?? 100_000 });
      case 'number':
        return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return depth > 2 ? fc.constant([]) : fc.array(typed(s.items ?? {}, depth + 1), { maxLength: 4 });
      case 'object':
        return depth > 2 || !s.properties ? fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 3 }) : objectOf(s, depth + 1, 'plausible');
      default:
        return fc.oneof(fc.string({ minLength: 3, maxLength: 30 }), fc.constantFrom('Printer offline', 'VPN drops every hour', 'Onboarding: new laptop', 'Renewal 2027'));
    }
  });
  return fc.oneof(...arbs);
}

const realDate = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
const dateArb = fc.oneof(fc.constantFrom(...DATES), realDate);

/** A filter term or group over real field names, with odd operators and values now and then. */
function filterArb(entity: string): fc.Arbitrary<unknown[]> {
  const fields = fieldsOf(entity);
  const field = fields.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fields) }, hostileString) : hostileString;
  const op = fc.oneof({ weight: 5, arbitrary: fc.constantFrom('eq', 'noteq', 'gt', 'gte', 'lt', 'lte', 'beginsWith', 'endsWith', 'contains', 'exist', 'notExist', 'in', 'notIn') }, fc.constantFrom('ne', 'like', 'between', ...PROTO_KEYS));
  const value = fc.oneof(fc.constantFrom(...ANY_ID), fc.constantFrom(...LABELS), dateArb, fc.boolean(), fc.array(fc.constantFrom(...ANY_ID), { maxLength: 5 }), hostileString, hostileNumber, fc.constant(null));
  const term = fc.record({ op, field, value }, { requiredKeys: ['op'] });
  const udfTerm = fc.record({ op: fc.constant('eq'), field: fc.oneof(fc.constantFrom(...UDF_NAMES), hostileString), value: fc.oneof(hostileString, fc.integer()), udf: fc.constant(true) });
  const group = fc.record({ op: fc.constantFrom('and', 'or'), items: fc.array(term, { minLength: 0, maxLength: 3 }) });
  return fc.array(fc.oneof({ weight: 5, arbitrary: term }, udfTerm, group, fc.constant(DEEP.filter)), { maxLength: 4 });
}

/** The kind of record a tool's own `id` argument names (get_ticket -> ticket). */
function idKind(tool: string): string | undefined {
  if (/time_entr/.test(tool)) return 'timeEntry';
  if (/note/.test(tool)) return 'note';
  return Object.keys(IDS).find((k) => tool.includes(k));
}

/** A value chosen by what the argument's name says it holds. */
function byName(name: string, s: Schema, entity: fc.Arbitrary<string>, tool: string, mode: Mode): fc.Arbitrary<unknown> | null {
  const n = name.toLowerCase();
  if (mode === 'plausible' && (n === 'cursor' || n === 'confirmationtoken')) return null;
  if (mode === 'plausible' && /(after|before|date|datetime)$/.test(n)) return realDate;
  if (n === 'id' && idKind(tool)) return fc.constantFrom(...IDS[idKind(tool)!]);
  if (n === 'entity' || n === 'parententity') return entity;
  if (n === 'filter') return fc.oneof(filterArb('Tickets'), filterArb('Companies'), filterArb('TimeEntries').map((f) => JSON.stringify(f)));
  if (n === 'fields') {
    const keys = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fieldsOf('Tickets'), ...fieldsOf('Companies')) }, fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 10 }));
    const value = fc.oneof(fc.constantFrom(...ANY_ID, ...LABELS), dateArb, hostileString, hostileNumber, fc.boolean(), fc.constant(null), fc.constantFrom(DEEP.object, DEEP.array), anyJson);
    return fc.array(fc.tuple(keys, value), { maxLength: 6 }).map((entries) => Object.fromEntries(entries));
  }
  if (n === 'includefields') return fc.array(fc.oneof(fc.constantFrom(...fieldsOf('Tickets')), hostileString), { maxLength: 5 });
  if (n === 'userdefinedfields') return fc.array(fc.record({ name: fc.oneof(fc.constantFrom(...UDF_NAMES), hostileString), value: fc.oneof(hostileString, fc.integer(), fc.constant(null)) }), { maxLength: 3 });
  if (n === 'contentbase64') return fc.constantFrom(...BASE64);
  if (n === 'cursor' || n === 'confirmationtoken') return fc.oneof(fc.base64String({ maxLength: 60 }), hostileString);
  if (/(after|before|date|datetime)$/.test(n)) return dateArb;
  if (n.endsWith('id')) {
    const kinds = Object.keys(IDS);
    const kind = kinds.find((k) => n.endsWith(`${k.toLowerCase()}id`)) ?? kinds.find((k) => n.includes(k.toLowerCase()));
    return fc.constantFrom(...(kind ? IDS[kind] : ANY_ID));
  }
  // A picklist argument: a small value or a label.
  if (types(s).includes('string') && types(s).includes('integer')) return fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constantFrom(...LABELS));
  return null;
}

/** Plausible calls use domain and typed values only; hostile ones mix in wrong and odd values. */
type Mode = 'plausible' | 'hostile';

function valueFor(name: string, s: Schema, entity: fc.Arbitrary<string>, depth: number, mode: Mode, tool: string): fc.Arbitrary<unknown> {
  const domain = byName(name, s, entity, tool, mode);
  if (mode === 'plausible') return domain ? fc.oneof({ weight: 6, arbitrary: domain }, typed(s, depth)) : typed(s, depth);
  const wrong = fc.oneof(hostileString, hostileNumber, anyJson, fc.constantFrom(DEEP.object, DEEP.array));
  return fc.oneof({ weight: 4, arbitrary: domain ?? typed(s, depth) }, { weight: 2, arbitrary: typed(s, depth) }, { weight: 2, arbitrary: wrong });
}

function objectOf(s: Schema, depth: number, mode: Mode = 'plausible', tool = ''): fc.Arbitrary<Record<string, unknown>> {
  // Plausible calls leave out what they cannot know (tokens, cursors) and most optional arguments.
  const props = Object.entries(s.properties ?? {}).filter(([name]) => mode === 'hostile' || (name !== 'confirmationToken' && name !== 'cursor'));
  const required = new Set(s.required ?? []);
  const entity = mode === 'plausible' ? fc.constantFrom(...ENTITIES.slice(0, 14)) : fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ENTITIES) }, hostileString);
  // Weights of leaving an argument out vs giving it.
  const [omit, give] = mode === 'plausible' ? [2, 1] : [1, 2];
  const parts = props.map(([name, p]) => {
    const entry = valueFor(name, p, entity, depth, mode, tool).map((v): readonly [string, unknown] | null => [name, v]);
    if (required.has(name)) return mode === 'plausible' ? entry : fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 12, arbitrary: entry });
    return fc.oneof({ weight: omit, arbitrary: fc.constant(null) }, { weight: give, arbitrary: entry });
  });
  return fc.tuple(...parts).map((entries) => Object.fromEntries(entries.filter((e): e is readonly [string, unknown] => e !== null)));
}

/** Whole-object mutations, rare enough that most calls stay plausible. */
const mutation = fc.oneof(
  { weight: 10, arbitrary: fc.constant<((a: Record<string, unknown>) => Record<string, unknown>) | null>(null) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS).map((k) => (a: Record<string, unknown>) => Object.fromEntries([...Object.entries(a), [k, 1]])) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((k) => (a: Record<string, unknown>) => ({ ...a, [k]: true })) },
  { weight: 1, arbitrary: fc.nat().map((i) => (a: Record<string, unknown>) => Object.fromEntries(Object.entries(a).filter((_, j, all) => j !== i % Math.max(1, all.length)))) },
);

/** Arguments for `tool`: half plausible, half hostile (odd values, then possibly a mutation). */
export function argsFor(tool: Tool): fc.Arbitrary<Record<string, unknown>> {
  const schema = tool.inputSchema as Schema;
  return fc.oneof(objectOf(schema, 0, 'plausible', tool.name), fc.tuple(objectOf(schema, 0, 'hostile', tool.name), mutation).map(([args, mutate]) => (mutate ? mutate(args) : args)));
}

/** Plausible arguments only: domain and typed values, no token or cursor, most optional ones left out. */
export function plausibleArgsFor(tool: Tool): fc.Arbitrary<Record<string, unknown>> {
  return objectOf(tool.inputSchema, 0, 'plausible', tool.name);
}
