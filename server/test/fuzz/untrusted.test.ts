/**
 * The untrusted-text boundary under generated hostile text: strings assembled from pieces of our
 * markers (nested, spaced, fullwidth, entity-encoded, nonce-like hex) must never close the
 * boundary early or open a new one. Checked on fence() itself and over MCP, with the text planted
 * in a ticket of the fake and read back through get_ticket, get_entity, query_entities, a write
 * preview and an elicitation message.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { fence, neutralise } from '../../src/tools/untrusted.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { splitFence } from '../tools/results/support.js';
import { cases, Figures, SEED, TIMEOUT_MS } from './support/profile.js';

const PIECES = ['<', '</', '\uFF1C', '&lt;', '&LT;', '/', '\\', ' ', '\t', 'untrusted', 'UNTRUSTED', 'Untrusted', '_', '-', ' - ', 'data', 'DATA', 'Data', '>', '\uFF1E', '&gt;', '0123abcd', 'deadbeef', 'EVIL', '\n', 'x', '\u200b'];
/** Hostile text: marker pieces in any order, with the word EVIL somewhere. */
const hostile = fc.tuple(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), fc.array(fc.constantFrom(...PIECES), { maxLength: 30 })).map(([a, b]) => `${a.join('')} EVIL ${b.join('')}`);
const OUR_TAG = /(<|\uFF1C|&lt;)[\s/\\]*(data\s*-|untrusted[\s_-]*data)/i;

const figures = new Figures('untrusted');

function expectInside(text: string): void {
  const { inside, outside, nonce } = splitFence(text);
  expect(outside).not.toContain('EVIL');
  expect(inside).toContain('EVIL');
  expect(inside).not.toMatch(OUR_TAG);
  expect(inside.toLowerCase()).not.toContain(nonce);
}

describe('fence() on generated hostile text', () => {
  it(`${cases(600, 12_000)} texts stay inside one boundary`, () => {
    fc.assert(
      fc.property(hostile, fc.array(fc.constantFrom('0123abcd', 'deadbeef', 'DEADBEEF', '89abcdef'), { minLength: 1, maxLength: 10 }), (text, draws) => {
        figures.add('cases');
        figures.add('fenceCalls');
        const queue = [...draws];
        expectInside(fence([text], () => queue.shift() ?? 'feedf00d').join('\n'));
        expect(neutralise(neutralise(text))).toBe(neutralise(text));
      }),
      { seed: SEED, numRuns: cases(600, 12_000) },
    );
  });
});

describe('over MCP, planted in a ticket', () => {
  let h: Harness;
  let client: Client;
  let human: Client;
  const asked: string[] = [];
  beforeAll(async () => {
    h = await startHarness();
    client = await h.connect();
    human = await h.connect({ capabilities: { elicitation: { form: {} } }, name: 'human' });
    human.setRequestHandler(ElicitRequestSchema, async (req) => {
      asked.push((req.params as { message: string }).message);
      return { action: 'decline' };
    });
  });
  afterAll(async () => h?.close());

  const text = async (c: Client, name: string, args: Record<string, unknown>) => {
    const r = (await c.callTool({ name, arguments: args })) as { isError?: boolean; content: Array<{ text?: string }> };
    return { isError: !!r.isError, text: r.content.map((x) => x.text ?? '').join('\n') };
  };

  it(
    `${cases(60, 1_000)} planted texts stay inside the boundary in reads, previews and elicitation`,
    async () => {
      const ticket = h.fake.records('Tickets').find((t) => typeof t.companyID === 'number' && t.status !== 5)!;
      const reads: Array<[string, Record<string, unknown>]> = [
        ['get_ticket', { id: ticket.id, fullText: true }],
        ['get_entity', { entity: 'Tickets', id: ticket.id }],
        ['query_entities', { entity: 'Tickets', filter: [{ op: 'eq', field: 'id', value: ticket.id }] }],
        ['update_ticket', { id: ticket.id, title: 'Calm title' }], // the preview shows the current title
      ];
      try {
        await fc.assert(
          fc.asyncProperty(hostile, hostile, fc.nat(reads.length), async (title, description, which) => {
            figures.add('cases');
            Object.assign(ticket, { title, description });
            if (which === reads.length) {
              asked.length = 0;
              const r = await text(human, 'update_ticket', { id: ticket.id, title: 'Calm title' });
              expect(r.isError).toBe(true); // declined
              expect(asked).toHaveLength(1);
              expectInside(asked[0]);
              figures.add('elicitations');
              return;
            }
            const [name, args] = reads[which];
            const r = await text(client, name, args);
            expect(r.isError, r.text).toBe(false);
            expectInside(r.text);
            figures.add(name);
          }),
          { seed: SEED + 7, numRuns: cases(60, 1_000) },
        );
      } finally {
        figures.write();
      }
    },
    TIMEOUT_MS,
  );
});
