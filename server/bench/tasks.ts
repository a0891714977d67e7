/**
 * A fixed script of typical agent tasks on the demo tenant, as data: each task is the tool calls
 * an agent makes for one user request, later calls built from earlier results (an id found by
 * name, a confirmation token). `npm run bench` measures them (calls, Autotask requests counted
 * at the fake, bytes, ms); test/bench/tasks.test.ts runs each once and checks that it succeeds
 * and shows the names and labels a user needs.
 *
 * Tool names and arguments are what the server registers today: a task that breaks after a tool
 * change is a task an agent would also have to relearn.
 */
import { buildDemoSeed, DEMO_NOW } from '../src/demo/seed.js';

/** What one tool call answered, as a task's later steps and checks read it. */
export interface StepResult {
  tool: string;
  args: Record<string, unknown>;
  isError: boolean;
  /** The text content, joined. */
  text: string;
  structured: Record<string, unknown> | undefined;
  /** JSON bytes of content + structuredContent (what the model is sent). */
  bytes: number;
  ms: number;
}

/** Facts about the tenant the task runs against. */
export interface TenantFacts {
  tickets: number;
  /** The demo tenant's "now" (its dates and ticket numbers follow it). */
  now: string;
}

export interface TaskStep {
  tool: string;
  /** Arguments, or a function of the earlier results of the same task. */
  args: Record<string, unknown> | ((done: StepResult[]) => Record<string, unknown>);
  /** Paging: arguments for one more call of this step after `last`, or null when done. */
  again?: (last: StepResult) => Record<string, unknown> | null;
}

export interface AgentTask {
  id: string;
  /** The user's request. */
  ask: string;
  steps: TaskStep[];
  /** Names and labels the answers (all text content of the task) must show. */
  shows: string[];
  /** Further check; returns a problem or null. */
  check?: (results: StepResult[], tenant: TenantFacts) => string | null;
  /** Demo scale the bench runs the task at (default 1: the standard demo tenant). */
  scale?: number;
}

type Rec = Record<string, unknown>;
/** The rows of a step's result table (columns + rows, tools/rows.ts) as records. */
function items(r: StepResult | undefined): Rec[] {
  const s = r?.structured;
  if (!s || !Array.isArray(s.columns) || !Array.isArray(s.rows)) return [];
  const columns = s.columns as string[];
  return (s.rows as unknown[][]).map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
}
/** Field `key` of the first item of the step's page (an agent picks the first match). */
function first(r: StepResult | undefined, key: string): unknown {
  const v = items(r)[0]?.[key];
  if (v === undefined) throw new Error(`${r?.tool ?? 'step'} returned no item with ${key}`);
  return v;
}
/** The earlier result of the same tool (for a write's confirm step). */
const token = (done: StepResult[]): string => {
  const t = done.at(-1)?.structured?.confirmationToken;
  if (typeof t !== 'string') throw new Error(`${done.at(-1)?.tool ?? 'preview'} returned no confirmationToken`);
  return t;
};
const nextPage = (base: Rec) => (last: StepResult): Rec | null =>
  last.structured?.hasMore === true && typeof last.structured.nextCursor === 'string' ? { ...base, cursor: last.structured.nextCursor } : null;

/** Priya Raman: the technician the time task logs for. */
const TECH = 29682904;
const CLOSED = [5, 21];

const taskCache = new Map<string, AgentTask[]>();

/**
 * The task script for a demo tenant built for `now` (DEMO_NOW by default, as the test harness
 * builds it; the bench builds a current one): values that follow the clock come from the seed.
 */
export function agentTasks(now: string = DEMO_NOW): AgentTask[] {
  const hit = taskCache.get(now);
  if (hit) return hit;
  // The demo's content follows its clock: pick the ticket the way a user would meet it (an open
  // ticket of Priya's with notes and time on it) and take its facts from the seed.
  const seed = buildDemoSeed({ now });
  const r = seed.records;
  const count = (entity: string, id: number) => r[entity].filter((x) => x.ticketID === id).length;
  const ticket = r.Tickets.filter((t) => t.assignedResourceID === TECH && !CLOSED.includes(t.status as number) && t.contactID && count('TicketNotes', t.id) > 0)
    .sort((a, b) => count('TimeEntries', b.id) - count('TimeEntries', a.id) || a.id - b.id)[0];
  const TICKET_ID = ticket.id;
  const number = String(ticket.ticketNumber);
  const nameOf = (entity: string, id: unknown) => r[entity].find((x) => x.id === id);
  const contact = nameOf('Contacts', ticket.contactID)!;
  const status = seed.picklists.Tickets.status.find((v) => v.value === String(ticket.status))!.label;
  const ticketFacts = [String(ticket.title), String(nameOf('Companies', ticket.companyID)!.companyName), `${contact.firstName} ${contact.lastName}`, 'Priya Raman', status];
  const day = (offsetDays: number) => new Date(Date.parse(now) + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const NOTE = { parentType: 'ticket', parentId: TICKET_ID, title: 'Vendor call booked', text: 'Called the vendor: update scheduled for Thursday 18:00 after surgery hours.' };
  const TIME = { ticketID: TICKET_ID, resourceID: 29682904, dateWorked: day(-2), hoursWorked: 0.5, summaryNotes: 'Checked the update prerequisites with the vendor.' };
  const SCAN = { order: 'oldest', limit: 500 };

  const tasks: AgentTask[] = [
    {
      id: 'company-open-tickets',
      ask: 'Which tickets are open for Northgate Recruitment?',
      steps: [
        { tool: 'search_companies', args: { name: 'Northgate' } },
        { tool: 'search_tickets', args: (d) => ({ companyID: first(d[0], 'id'), openOnly: true }) },
      ],
      shows: ['Northgate Recruitment', 'Service Desk'],
    },
    {
      id: 'contact-by-email',
      ask: 'Who is sophie.fletcher@kestrellogistics.example, and what do we know about her company?',
      steps: [
        { tool: 'search_contacts', args: { email: 'sophie.fletcher@kestrellogistics.example' } },
        { tool: 'get_company', args: (d) => ({ id: first(d[0], 'companyID') }) },
      ],
      shows: ['Sophie', 'Fletcher', 'Kestrel Logistics Ltd', 'Customer'],
    },
    {
      id: 'ticket-notes-time',
      ask: `Show me ${number} with its notes and the time logged on it.`,
      steps: [{ tool: 'get_ticket', args: { ticketNumber: number, includeNotes: true, includeTimeEntries: true } }],
      shows: ticketFacts,
    },
    {
      id: 'queue-open-count',
      ask: 'How many tickets are open in the Service Desk queue? List them.',
      steps: [{ tool: 'search_tickets', args: { queue: 'Service Desk', openOnly: true, limit: 100 } }],
      shows: ['Service Desk', 'In Progress'],
      check: (r) => (items(r[0]).length > 25 ? null : `expected more than 25 open Service Desk tickets, got ${items(r[0]).length}`),
    },
    {
      id: 'project-hours',
      ask: 'How many hours went into the Microsoft 365 Migration project in the last 31 days?',
      steps: [
        { tool: 'search_projects', args: { name: 'Microsoft 365' } },
        { tool: 'search_time_entries', args: (d) => ({ projectID: first(d[0], 'id'), workedAfter: day(-31), workedBefore: day(0), limit: 100 }) },
      ],
      shows: ['Microsoft 365 Migration'],
      check: (r) => (items(r[1]).length > 0 ? null : 'no time entries found for the project in the last 31 days'),
    },
    {
      id: 'internal-note',
      ask: `Add an internal note to ${number}: vendor call booked for Thursday.`,
      steps: [
        { tool: 'create_note', args: NOTE },
        { tool: 'create_note', args: (d) => ({ ...NOTE, confirmationToken: token(d) }) },
      ],
      shows: [number, 'Vendor call booked'],
      check: (r) => (r[1]?.structured?.status === 'done' ? null : `confirm answered status ${String(r[1]?.structured?.status)}`),
    },
    {
      id: 'log-time',
      ask: `Log 30 minutes for Priya Raman on ${number} two days ago: checked the update prerequisites.`,
      steps: [
        { tool: 'create_time_entry', args: TIME },
        { tool: 'create_time_entry', args: (d) => ({ ...TIME, confirmationToken: token(d) }) },
      ],
      shows: [number, 'Priya Raman', 'Service Desk Technician'],
      check: (r) => (r[1]?.structured?.status === 'done' ? null : `confirm answered status ${String(r[1]?.structured?.status)}`),
    },
    {
      id: 'companies-partial-name',
      ask: 'Which of our clients have "street" in their name?',
      steps: [{ tool: 'search_companies', args: { name: 'street' } }],
      shows: ['Lantern Street Bakery', 'Marlow Street Opticians'],
    },
    {
      id: 'generic-query',
      ask: 'List the configuration items of Meadowbank Veterinary Practice (company 109).',
      steps: [{ tool: 'query_entities', args: { entity: 'ConfigurationItems', filter: [{ op: 'eq', field: 'companyID', value: 109 }] } }],
      shows: ['ME-SRV-FS01', 'Meadowbank Veterinary Practice'],
    },
    {
      id: 'scan-all-tickets',
      ask: 'Go through every ticket (20,000 at demo scale 50).',
      scale: 50,
      steps: [{ tool: 'search_tickets', args: SCAN, again: nextPage(SCAN) }],
      shows: [],
      check: (r, tenant) => {
        const seen = r.reduce((n, s) => n + items(s).length, 0);
        return seen === tenant.tickets ? null : `the scan returned ${seen} tickets of ${tenant.tickets}`;
      },
    },
  ];
  taskCache.set(now, tasks);
  return tasks;
}

/** The script on the standard demo tenant (DEMO_NOW). */
export const AGENT_TASKS: AgentTask[] = agentTasks();

/** Calls a tool the way an MCP SDK client does (client.callTool). */
export type CallTool = (name: string, args: Record<string, unknown>) => Promise<Record<string, unknown>>;

export interface TaskRun {
  id: string;
  ok: boolean;
  problems: string[];
  calls: number;
  /** Bytes of all results of the task. */
  bytes: number;
  ms: number;
  results: StepResult[];
}

/** Safety bound for paging steps (20,000 tickets at 500 a page are 40 calls). */
const MAX_PAGES = 200;

export async function runTask(task: AgentTask, callTool: CallTool, tenant: TenantFacts): Promise<TaskRun> {
  const results: StepResult[] = [];
  const problems: string[] = [];
  const started = performance.now();
  try {
    for (const step of task.steps) {
      let args: Rec | null = typeof step.args === 'function' ? step.args(results) : step.args;
      for (let page = 0; args && page < MAX_PAGES; page++) {
        const r = await callOnce(callTool, step.tool, args);
        results.push(r);
        if (r.isError) throw new Error(`${step.tool} answered an error: ${r.text.slice(0, 300)}`);
        args = step.again ? step.again(r) : null;
      }
    }
    const text = results.map((r) => r.text).join('\n');
    for (const s of task.shows) if (!text.includes(s)) problems.push(`the answers do not show "${s}"`);
    const extra = task.check?.(results, tenant);
    if (extra) problems.push(extra);
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  }
  const ms = performance.now() - started;
  return { id: task.id, ok: problems.length === 0, problems, calls: results.length, bytes: results.reduce((n, r) => n + r.bytes, 0), ms, results };
}

async function callOnce(callTool: CallTool, tool: string, args: Rec): Promise<StepResult> {
  const t0 = performance.now();
  const r = await callTool(tool, args);
  const ms = performance.now() - t0;
  const content = Array.isArray(r.content) ? (r.content as Array<{ type?: string; text?: string }>) : [];
  const text = content.filter((c) => c.type === 'text').map((c) => c.text ?? '').join('\n');
  const structured = r.structuredContent && typeof r.structuredContent === 'object' ? (r.structuredContent as Rec) : undefined;
  const bytes = Buffer.byteLength(JSON.stringify({ content: r.content, structuredContent: r.structuredContent }));
  return { tool, args, isError: r.isError === true, text, structured, bytes, ms };
}
