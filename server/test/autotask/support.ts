/**
 * Test support for the Autotask client: sentinel credentials, a pino logger that captures every
 * line at debug level, a small seeded fake tenant, and a tiny scripted HTTP server for cases the
 * fake does not model (redirects, foreign origins, odd bodies).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { AutotaskClient, type AutotaskClientOptions } from '../../src/autotask/client.js';
import type { AutotaskCredentials } from '../../src/config/types.js';
import { startFakeAutotask } from '../../src/fake/server.js';
import type { FakeAutotask, FakeAutotaskOptions, TenantSeed } from '../../src/fake/types.js';

/** Distinctive values: any appearance in output is a leak. */
export const CREDS: AutotaskCredentials = {
  integrationCode: 'SENTINEL-CODE-7c1e55aa90d2',
  username: 'sentinel-user-3b7f@client-tests.example',
  secret: 'SENTINEL-SECRET-e4d9a2b6f013',
};
export const SENTINEL_VALUES = [CREDS.integrationCode, CREDS.username, CREDS.secret, encodeURIComponent(CREDS.username)];

export function leaks(text: string): string[] {
  return SENTINEL_VALUES.filter((s) => text.toLowerCase().includes(s.toLowerCase()));
}

export interface CapturedLogger {
  logger: Logger;
  lines: string[];
  text(): string;
  events(): Array<Record<string, unknown>>;
}

export function captureLogger(): CapturedLogger {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => void lines.push(s) });
  return {
    logger,
    lines,
    text: () => lines.join(''),
    events: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** A small tenant: 2 companies, 7 tickets, 1 note, picklists for status/priority/noteType/publish. */
export function smallSeed(): TenantSeed {
  const pl = (pairs: Array<[string, string]>) =>
    pairs.map(([value, label], i) => ({ value, label, isDefaultValue: i === 0, sortOrder: i + 1, parentValue: '', isActive: true, isSystem: true }));
  const tickets = Array.from({ length: 7 }, (_, i) => ({
    id: 100 + i,
    title: `Ticket ${i + 1}`,
    companyID: i % 2 === 0 ? 1 : 2,
    status: i < 5 ? 1 : 5,
    priority: 2,
    ticketNumber: `T2024.${String(i + 1).padStart(4, '0')}`,
  }));
  return {
    records: {
      Companies: [
        { id: 1, companyName: 'Contoso', companyType: 1, isActive: true },
        { id: 2, companyName: 'Fabrikam', companyType: 1, isActive: true },
      ],
      Tickets: tickets,
      TicketNotes: [{ id: 900, ticketID: 100, title: 'First', description: 'Hello', noteType: 1, publish: 1 }],
    },
    picklists: {
      Tickets: {
        status: pl([['1', 'New'], ['5', 'Complete']]),
        priority: pl([['1', 'High'], ['2', 'Medium'], ['3', 'Low']]),
      },
      TicketNotes: {
        noteType: pl([['1', 'Task Detail'], ['2', 'Resolution']]),
        publish: pl([['1', 'All Autotask Users'], ['2', 'Internal Project Team'], ['4', 'Internal & Co-Managed']]),
      },
    },
  };
}

export interface FakeEnv {
  fake: FakeAutotask;
  log: CapturedLogger;
  client(overrides?: Partial<AutotaskClientOptions>): AutotaskClient;
  close(): Promise<void>;
}

/** The strict fake plus a factory for clients pointed at it (zone detection by default). */
export async function startFakeEnv(fakeOpts: Partial<FakeAutotaskOptions> = {}): Promise<FakeEnv> {
  const fake = await startFakeAutotask({ credentials: CREDS, seed: smallSeed(), ...fakeOpts });
  const log = captureLogger();
  const clients: AutotaskClient[] = [];
  return {
    fake,
    log,
    client(overrides = {}) {
      const c = new AutotaskClient({
        credentials: CREDS,
        zoneLookupUrl: fake.restBase,
        timeoutMs: 2_000,
        maxRetries: 3,
        maxConcurrencyPerEntity: 3,
        metadataTtlMs: 60_000,
        logger: log.logger,
        retryPolicy: { baseDelayMs: 5, maxDelayMs: 20 },
        ...overrides,
      });
      clients.push(c);
      return c;
    },
    async close() {
      for (const c of clients) c.close();
      await fake.close();
    },
  };
}

export interface ScriptedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface ScriptedServer {
  origin: string;
  requests: ScriptedRequest[];
  /** Set how the next requests are answered (default: 200 {}). */
  handle: (fn: (req: ScriptedRequest, res: ServerResponse) => void) => void;
  close(): Promise<void>;
}

/** A loopback HTTP server whose answers the test scripts per request (127.0.0.2 counts as a foreign host). */
export async function startScriptedServer(host = '127.0.0.1'): Promise<ScriptedServer> {
  const requests: ScriptedRequest[] = [];
  let handler: (req: ScriptedRequest, res: ServerResponse) => void = (_req, res) => json(res, 200, {});
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: ScriptedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(r);
      handler(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    requests,
    handle: (fn) => {
      handler = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

/** Run `fn`, expecting it to reject; returns the rejection. */
export async function rejection(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection, got a result');
}
