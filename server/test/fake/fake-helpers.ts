/**
 * Test helpers for the fake Autotask: a small inline tenant (the real catalogue, hand-written
 * records) and a fetch wrapper that speaks to the fake over real HTTP.
 */
import { startFakeAutotask } from '../../src/fake/server.js';
import type { FakeAutotask, FakeAutotaskOptions, SeedRecord, TenantSeed } from '../../src/fake/types.js';
import type { PicklistValue } from '../../src/autotask/types.js';
import type { Wire } from '../helpers/wire.js';

/** Sentinel credentials: tests grep for them to prove they are never stored or echoed. */
export const CREDS = {
  integrationCode: 'FAKE-INTEGRATION-SENTINEL-7d2a4c',
  username: 'api.user@fake-tenant.example',
  secret: 'FAKE-SECRET-SENTINEL-91be06f3',
} as const;

function pick(...entries: Array<[number, string]>): PicklistValue[] {
  return entries.map(([value, label], i) => ({
    value: String(value),
    label,
    isDefaultValue: i === 0,
    sortOrder: i + 1,
    parentValue: '',
    isActive: true,
    isSystem: value === 1 || value === 5,
  }));
}

const ticket = (id: number, over: Partial<SeedRecord>): SeedRecord => ({
  id,
  ticketNumber: `T20240301.${String(id - 1000).padStart(4, '0')}`,
  title: `Ticket ${id}`,
  companyID: 101,
  status: 1,
  priority: 2,
  createDate: `2024-03-0${(id % 5) + 1}T08:00:00Z`,
  ...over,
});

/** 12 tickets (1001..1012) across statuses, companies, due dates, assignment and one UDF. */
export function buildTestSeed(): TenantSeed {
  return {
    apiUserResourceId: 4001,
    now: '2024-03-05T10:00:00.000Z',
    requireTicketNoteTitles: true,
    // Tess may be impersonated to edit tickets and to add or edit ticket notes (src/fake/impersonation.ts).
    impersonation: { apiUser: { tickets: ['update'], ticketnotes: ['create', 'update'] }, resources: [4002] },
    records: {
      Resources: [
        { id: 4001, firstName: 'Api', lastName: 'User', email: 'api@msp.example', isActive: true, userName: 'api' },
        { id: 4002, firstName: 'Tess', lastName: 'Tech', email: 'tess@msp.example', isActive: true, userName: 'tess' },
      ],
      Roles: [{ id: 7001, name: 'Engineer', hourlyFactor: 1, hourlyRate: 100, isActive: true }],
      // Microsoft time zone index 35 = Eastern Standard Time.
      InternalLocations: [
        { id: 1, name: 'Headquarters', isDefault: true, timeZone: '35' },
        { id: 2, name: 'Remote Office', isDefault: false, timeZone: '190' },
      ],
      Companies: [
        { id: 0, companyName: 'Our MSP', companyType: 1, ownerResourceID: 4001, phone: '555-0100', isActive: true },
        { id: 101, companyName: 'Acme Widgets', companyType: 1, ownerResourceID: 4002, phone: '555-0101', isActive: true },
        { id: 102, companyName: 'Bravo Bakery', companyType: 3, ownerResourceID: 4002, phone: '555-0102', isActive: false },
      ],
      Contacts: [
        { id: 201, companyID: 101, firstName: 'Ada', lastName: 'Lovelace', isActive: 1, emailAddress: 'ada@acme.example' },
        { id: 202, companyID: 102, firstName: 'Bob', lastName: 'Baker', isActive: 0, emailAddress: null },
      ],
      Tickets: [
        ticket(1001, { title: 'Printer offline', status: 1, priority: 1, assignedResourceID: 4002, dueDateTime: '2024-03-01T12:00:00Z',
          userDefinedFields: [{ name: 'Customer Ranking', value: 'Golden' }] }),
        ticket(1002, { title: 'VPN drops', status: 8, priority: 2, assignedResourceID: 4002, dueDateTime: '2024-03-02T12:00:00Z' }),
        ticket(1003, { title: 'New laptop', status: 5, priority: 3, companyID: 102, dueDateTime: '2024-03-03T12:00:00.5Z' }),
        ticket(1004, { title: 'printer toner', status: 1, priority: 4, description: 'Toner low on 2nd floor' }),
        ticket(1005, { title: 'Email bounce', status: 8, priority: 2, companyID: 102 }),
        ticket(1006, { title: 'Backup failed', status: 1, priority: 1, estimatedHours: 1.5 }),
        ticket(1007, { title: 'Disk space', status: 5, priority: 3 }),
        ticket(1008, { title: 'Password reset', status: 1, priority: 3, companyID: 0 }),
        ticket(1009, { title: 'Wi-Fi slow', status: 8, priority: 2 }),
        ticket(1010, { title: 'Server reboot', status: 5, priority: 1, isAssignedToComanaged: true }),
        ticket(1011, { title: 'Phone setup', status: 1, priority: 2 }),
        ticket(1012, { title: 'Firewall rule', status: 8, priority: 4 }),
      ],
      TicketNotes: [{ id: 3001, ticketID: 1001, title: 'Called', description: 'Customer called back', noteType: 1, publish: 1 }],
      TicketAttachments: [
        { id: 5001, ticketID: 1001, parentID: 1001, title: 'Log', fullPath: 'log.txt', attachmentType: 'FILE_ATTACHMENT', publish: 1,
          data: Buffer.from('hello log').toString('base64') },
      ],
      TimeEntries: [{ id: 6001, resourceID: 4002, roleID: 7001, ticketID: 1001, hoursWorked: 0.5, summaryNotes: 'Diagnosed' }],
    },
    picklists: {
      Tickets: {
        status: pick([1, 'New'], [5, 'Complete'], [8, 'In Progress']),
        priority: pick([1, 'High'], [2, 'Medium'], [3, 'Low'], [4, 'Critical']),
        // Queue ids as a live tenant has them (sandbox log): small system ids and large custom ones.
        queueID: pick([29682833, 'Level I Support'], [5, 'Client Portal'], [29682969, 'Level II Support']),
      },
      TicketNotes: { noteType: pick([1, 'Task Summary'], [2, 'Task Detail']), publish: pick([1, 'All Autotask Users'], [2, 'Internal Project Team'], [4, 'Internal & Co-Managed']) },
      // Live tenants' values (WYRE-AI/autotask-mcp #41): 3 is Project Team, not internal.
      ProjectNotes: { noteType: pick([1, 'Task Summary']), publish: pick([1, 'All Autotask Users'], [2, 'Internal Project Team'], [3, 'Project Team']) },
      Companies: { companyType: pick([1, 'Customer'], [3, 'Prospect']) },
    },
    udfs: {
      Tickets: [
        { name: 'Customer Ranking', label: 'Customer ranking', type: 'string' },
        { name: 'Escalations', label: 'Escalation count', type: 'integer' },
      ],
    },
  };
}

export interface CallOptions {
  body?: unknown;
  /** Sent verbatim (for malformed JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Send the credential headers (default true). */
  auth?: boolean;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body (undefined when not JSON); loosely typed because assertions read arbitrary shapes. */
  json: Wire;
}

export function authHeaders(creds: { integrationCode: string; username: string; secret: string } = CREDS): Record<string, string> {
  return { ApiIntegrationCode: creds.integrationCode, UserName: creds.username, Secret: creds.secret };
}

/** A request to the fake. `path` is below the REST base + "V1.0/" unless it starts with "/" or "http". */
export async function call(fake: FakeAutotask, method: string, path: string, opts: CallOptions = {}): Promise<CallResult> {
  const url = path.startsWith('http') ? path : path.startsWith('/') ? `${fake.origin}${path}` : `${fake.restBase}V1.0/${path}`;
  const headers: Record<string, string> = { ...(opts.auth === false ? {} : authHeaders()), ...(opts.headers ?? {}) };
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, { method, headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export function startTestFake(opts: Partial<FakeAutotaskOptions> = {}): Promise<FakeAutotask> {
  return startFakeAutotask({ credentials: { ...CREDS }, seed: buildTestSeed(), ...opts });
}

/** POST {Entity}/query and return the ids in order. */
export async function queryIds(fake: FakeAutotask, entity: string, filter: unknown[], extra: Record<string, unknown> = {}): Promise<number[]> {
  const r = await call(fake, 'POST', `${entity}/query`, { body: { filter, ...extra } });
  if (r.status !== 200) throw new Error(`query failed ${r.status}: ${r.text}`);
  return (r.json.items as Array<{ id: number }>).map((i) => i.id);
}
