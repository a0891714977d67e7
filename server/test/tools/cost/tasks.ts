/**
 * Typical agent tasks as an MCP client performs them, for counting what each costs in Autotask
 * requests. A write task is its preview and its confirmation. `round` varies the values so that
 * a repeated update still changes something.
 */
import { nameOf, rowsOf } from '../results/support.js';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';
import { call, type CallResult } from '../framework/call.js';

const seed = buildDemoSeed();
const TICKET = 41007;
const TECH = 29682906;
const OTHER_TECH = 29682902;
const contactWithMail = seed.records.Contacts.find((c) => typeof c.emailAddress === 'string' && c.emailAddress !== '')!;
const inProgress = seed.records.Tickets.find((t) => t.status === 8)!;

export interface Task {
  name: string;
  write: boolean;
  /** Requests allowed with a fresh server (every cache empty) and when repeated (caches warm). */
  bound: { cold: number; warm: number };
  run(client: Client, round: number): Promise<void>;
}

function ok(r: CallResult): CallResult {
  if (r.isError) throw new Error(r.text);
  return r;
}

/** Preview, then confirm with the token (the two calls of every write). */
export async function previewAndConfirm(client: Client, tool: string, args: Record<string, unknown>, between?: () => void): Promise<CallResult> {
  const p = ok(await call(client, tool, args));
  if (p.structured.status !== 'confirmation_required') throw new Error(`no preview: ${p.text}`);
  between?.();
  return ok(await call(client, tool, { ...args, confirmationToken: p.structured.confirmationToken }));
}

export const WRITE_ARGS = {
  time: { ticketID: TICKET, resourceID: TECH, hoursWorked: 1, dateWorked: '2026-11-02', summaryNotes: 'Replaced the switch.' },
  ticketNote: { parentType: 'ticket', parentId: TICKET, text: 'Called the client back.' },
  updateTicket: (round: number) => ({ id: inProgress.id, status: round % 2 ? 'In Progress' : 'Waiting Customer', assignedResourceID: round % 2 ? TECH : OTHER_TECH }),
  createTicket: { companyID: 118, title: 'Scanner offline', queue: 'Service Desk' },
  companyNote: { parentType: 'company', parentId: 118, text: 'Renewal call booked.', assignedResourceID: 29682914 },
};

export const TASKS: Task[] = [
  {
    name: 'log one time entry on a ticket',
    write: true,
    bound: { cold: 5, warm: 3 },
    run: async (c) => void (await previewAndConfirm(c, 'create_time_entry', WRITE_ARGS.time)),
  },
  {
    name: 'add a ticket note',
    write: true,
    bound: { cold: 3, warm: 2 },
    run: async (c) => void (await previewAndConfirm(c, 'create_note', WRITE_ARGS.ticketNote)),
  },
  {
    name: 'change a ticket\'s status and assignee',
    write: true,
    bound: { cold: 7, warm: 4 },
    run: async (c, round) => void (await previewAndConfirm(c, 'update_ticket', WRITE_ARGS.updateTicket(round))),
  },
  {
    name: 'create a ticket',
    write: true,
    bound: { cold: 3, warm: 2 },
    run: async (c) => void (await previewAndConfirm(c, 'create_ticket', WRITE_ARGS.createTicket)),
  },
  {
    name: 'add a company note',
    write: true,
    // Cold: the technician's existence is checked too (names cache; Autotask refuses a dangling id).
    bound: { cold: 4, warm: 2 },
    run: async (c) => void (await previewAndConfirm(c, 'create_note', WRITE_ARGS.companyNote)),
  },
  {
    name: 'find a contact by e-mail, then its company',
    write: false,
    // Cold: both entities' field metadata (labels are tenant data) and the account manager's name.
    bound: { cold: 6, warm: 2 },
    run: async (c) => {
      const found = ok(await call(c, 'search_contacts', { email: contactWithMail.emailAddress }));
      const item = rowsOf(found.structured)[0];
      if (nameOf(found.structured, 'companies', item.companyID) === undefined) throw new Error('the contact search names no company');
      ok(await call(c, 'get_company', { id: item.companyID }));
    },
  },
  {
    name: 'get a ticket with its notes and time entries',
    write: false,
    bound: { cold: 9, warm: 3 },
    run: async (c) => void ok(await call(c, 'get_ticket', { id: TICKET, includeNotes: true, includeTimeEntries: true })),
  },
  {
    name: 'a page of open tickets',
    write: false,
    bound: { cold: 7, warm: 3 },
    run: async (c) => void ok(await call(c, 'search_tickets', { openOnly: true, limit: 50 })),
  },
];
