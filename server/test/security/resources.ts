/** Odd resource URIs: traversal, huge ids, unicode, other schemes. Nothing odd may reach Autotask. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Harness } from '../helpers/harness.js';
import { TOKEN, recordedClient, scan, securedHarness } from './support.js';

export function resourceVariants(): void {
  describe('odd resource URIs', () => {
    let h: Harness & { done(): Promise<void> };
    let client: Client;
    beforeAll(async () => {
      h = await securedHarness('resources', { env: { MCP_AUTH_TOKEN: TOKEN } });
      client = await recordedClient(h, 'resources sdk');
    });
    afterAll(async () => {
      await client?.close();
      await h?.done();
    });

    async function read(uri: string): Promise<{ code?: number; message: string; routes: string[] }> {
      h.fake.clearRequests();
      try {
        const result = await client.readResource({ uri });
        scan.record('resources result', JSON.stringify(result));
        return { message: 'ok', routes: h.fake.requests.map((r) => r.route) };
      } catch (err) {
        const e = err as { code?: number; message: string };
        scan.record('resources error', e.message);
        return { code: e.code, message: e.message, routes: h.fake.requests.map((r) => r.route) };
      }
    }

    it('refuses traversal, non-numeric, unicode and oversized ids with -32602, sending nothing to Autotask', async () => {
      const odd = [
        'autotask://tickets/../x',
        'autotask://tickets/%2e%2e/x',
        'autotask://tickets/..%2fcompanies%2f1',
        'autotask://tickets/1%2f..%2f..%2fcompanies',
        `autotask://tickets/${'9'.repeat(5_000)}`,
        'autotask://tickets/99999999999999999999',
        'autotask://tickets/9007199254740993',
        'autotask://tickets/１２３', // full-width digits
        'autotask://tickets/٣', // Arabic-Indic digit
        'autotask://tickets/%F0%9F%92%A9',
        'autotask://tickets/1%00',
        'autotask://tickets/1%0d%0aX-Injected:%201',
        'autotask://tickets/-1',
        'autotask://tickets/0',
        'autotask://tickets/1e3',
        'autotask://tickets/0x10',
        'autotask://tickets/%201',
        'autotask://tickets/1?$select=*',
      ];
      for (const uri of odd) {
        const r = await read(uri);
        expect({ uri: uri.slice(0, 60), code: r.code, routes: r.routes }).toEqual({ uri: uri.slice(0, 60), code: -32602, routes: [] });
        expect(r.message).not.toMatch(/\bat \S+ \(|\.ts:\d+|node_modules|Internal error/);
      }
    });

    it('resolves dot segments the RFC 3986 way and never escapes to another record kind', async () => {
      // tickets/1/../2 is tickets/2 (URL normalisation): still a ticket read.
      expect(await read('autotask://tickets/1/../2')).toMatchObject({ routes: ['Tickets/2'] });
      for (const uri of ['autotask://tickets/../companies/1', 'autotask://tickets/%2e%2e/companies/1', 'autotask://tickets/./../companies/0']) {
        const r = await read(uri);
        expect({ uri, code: r.code, routes: r.routes }).toEqual({ uri, code: -32602, routes: [] });
      }
    });

    it('answers unknown schemes, hosts and entity names with an error, not a crash', async () => {
      for (const uri of ['file:///etc/passwd', 'http://127.0.0.1/', 'autotask://TICKETS/1', 'autotask://schema/../../etc/passwd', 'autotask://schema/Tíckets', `autotask://schema/${'é'.repeat(3_000)}`, 'autotask://schema/Tickets%20OR%201', 'autotask://', 'autotask:tickets/1', `autotask://tickets/${'/'.repeat(1_000)}1`]) {
        const r = await read(uri);
        expect({ uri: uri.slice(0, 60), error: typeof r.code }).toEqual({ uri: uri.slice(0, 60), error: 'number' });
        expect(r.code).not.toBe(-32603);
        expect(r.routes).toEqual([]);
      }
    });

    it('keeps serving after all of that', async () => {
      const r = await read('autotask://schema/Tickets');
      expect(r.message).toBe('ok');
      expect(r.routes.length).toBeGreaterThan(0);
    });
  });
}
