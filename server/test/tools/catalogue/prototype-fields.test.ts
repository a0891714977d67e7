/**
 * Field names come from Autotask too: a record carrying "constructor", "toString", "__proto__"...
 * as a field (a field added by a later API version, a proxy in between) must be shown like any
 * other field by the get tools of devices, contracts, products and services, never looked up in
 * a plain object's prototype (get_configuration_item crashed with 'Internal error'). The answer is served by a fault that returns the JSON as written.
 */
import { describe, expect, it } from 'vitest';
import { call, structured, textOf } from '../tickets/support.js';
import { useHarness } from '../companies/flow.js';

const s = useHarness();
const KEYS = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];

describe.each([
  ['get_configuration_item', 'ConfigurationItems', 'configurationItem', { ticketsLimit: 0 }],
  ['get_contract', 'Contracts', 'contract', { include: [] }],
  ['get_product', 'Products', 'product', {}],
  ['get_service', 'Services', 'service', {}],
])('%s', (tool, entity, key, extra) => {
  it('shows prototype-named fields of the record as plain fields', async () => {
    const rec = s.h.fake.records(entity)[0];
    const odd = KEYS.map((k) => `${JSON.stringify(k)}:${JSON.stringify(`odd ${k}`)}`).join(',');
    const text = `{"item":{${odd},${JSON.stringify({ ...rec, userDefinedFields: [] }).slice(1)}}`;
    s.h.fake.addFault({ method: 'GET', route: new RegExp(`^${entity}/${rec.id}$`), times: 1, fault: { kind: 'body', status: 200, text } });
    const r = await call(s.client, tool, { id: rec.id, ...extra });
    expect(r.isError, textOf(r)).toBeFalsy();
    const shown = structured<Record<string, Record<string, unknown>>>(r)[key];
    expect(shown.id).toBe(rec.id);
    // "__proto__" is dropped by the shared record compaction (query/render.ts), not shown.
    for (const k of KEYS.filter((x) => x !== '__proto__')) expect(Object.getOwnPropertyDescriptor(shown, k)?.value, k).toBe(`odd ${k}`);
  });
});
