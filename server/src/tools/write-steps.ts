/**
 * Writes of several requests (a quote, then its items): the plan's own request is step 1 and
 * WritePlan.then lists further creates, each of which may use an id an earlier step created
 * (fromStep). Autotask has no transactions, so the flow is built to be honest rather than atomic:
 *  - the preview shows every request, in order, and the token binds all of them;
 *  - the confirm sends them one at a time, in order, and sends nothing after a failure;
 *  - a failure after step 1 answers exactly which steps were done (with their ids), which failed
 *    and which were not sent, and that nothing was undone; a step that got no answer may have
 *    been applied, and the answer says so.
 * Only creates follow step 1: the freshness check of an update applies to step 1 alone.
 */
import type { AutotaskApi, ParentRef, RequestOptions } from '../autotask/types.js';
import type { WriteOutcome } from '../autotask/errors.js';
import type { StepRef, ToolResult, WritePlan, WriteStep } from './types.js';
import { errorResult, errorToResult, structuredResult } from './results.js';
import { fencedText } from './untrusted.js';
import { checkHint } from './write-errors.js';

/** A quote with 50 items and its location: 52 requests; well above that is a planning bug. */
export const MAX_STEPS = 60;

/** The id step `step` (1-based, as previews number them) creates, for a later step's body or parent. */
export const fromStep = (step: number): StepRef => ({ $fromStep: step });

export function isStepRef(v: unknown): v is StepRef {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && Number.isInteger((v as StepRef).$fromStep);
}

/** One request of a write, numbered from 1. */
export interface Step {
  n: number;
  operation: WritePlan['operation'];
  entity: string;
  parent?: { entity: string; id: number | StepRef };
  id?: number;
  body?: Record<string, unknown>;
  summary: string;
}

/** The plan's requests, step 1 first; refuses (a planning bug) a reference to itself or a later step. */
export function stepsOf(plan: WritePlan): Step[] {
  const first: Step = { n: 1, operation: plan.operation, entity: plan.entity, parent: plan.parent, id: plan.id, body: plan.body, summary: plan.firstStep ?? plan.summary };
  const steps = [first, ...(plan.then ?? []).map((s: WriteStep, i) => ({ ...s, n: i + 2 }))];
  if (steps.length > MAX_STEPS) throw new Error(`a write plan has ${steps.length} steps, more than ${MAX_STEPS}`);
  for (const s of steps) {
    for (const ref of refsIn(s)) if (ref.$fromStep < 1 || ref.$fromStep >= s.n) throw new Error(`step ${s.n} of a write plan refers to step ${ref.$fromStep}`);
  }
  return steps;
}

function refsIn(s: Step): StepRef[] {
  const refs: StepRef[] = [];
  const walk = (v: unknown): void => {
    if (isStepRef(v)) refs.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  walk(s.body);
  walk(s.parent?.id);
  return refs;
}

/** How a reference reads in a preview. */
const shown = (ref: StepRef) => `{id from step ${ref.$fromStep}}`;

/** Replace references: with the created ids (`ids[n-1]`), or for previews with their text. */
function substitute(v: unknown, ids: readonly number[] | null): unknown {
  if (isStepRef(v)) return ids ? ids[v.$fromStep - 1] : shown(v);
  if (Array.isArray(v)) return v.map((x) => substitute(x, ids));
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, ids)]));
  return v;
}

/** A child route's path is Parent/{pid}/Segment: the pid position shows the reference. */
function route(api: AutotaskApi, s: Step, ids: readonly number[] | null): { method: string; path: string } {
  const pid = s.parent ? substitute(s.parent.id, ids) : undefined;
  const parent: ParentRef | undefined = s.parent ? { entity: s.parent.entity, id: typeof pid === 'number' ? pid : 0 } : undefined;
  const r = api.writeRoute(s.operation, s.entity, parent, s.id);
  if (typeof pid !== 'string') return r;
  const parts = r.path.split('/');
  parts[1] = pid;
  return { method: r.method, path: parts.join('/') };
}

/** The request of a step as the preview shows it (references as text). */
export function previewRequest(api: AutotaskApi, s: Step): { method: string; path: string; body?: unknown } {
  const r = route(api, s, null);
  return { ...r, ...(s.body !== undefined ? { body: substitute(s.body, null) } : {}) };
}

/** Sends one step with the ids of the steps before it; the route it took, and the id Autotask answered. */
export async function sendStep(api: AutotaskApi, s: Step, ids: readonly number[], opts: RequestOptions): Promise<{ id: number; route: string }> {
  const r = route(api, s, ids);
  const body = (s.body === undefined ? undefined : substitute(s.body, ids)) as Record<string, unknown> | undefined;
  const pid = s.parent ? (substitute(s.parent.id, ids) as number) : undefined;
  const parent = s.parent ? { entity: s.parent.entity, id: pid as number } : undefined;
  let id: number;
  if (s.operation === 'create') id = await api.create(s.entity, body ?? {}, parent, opts);
  else if (s.operation === 'update') id = await api.update(s.entity, body as Record<string, unknown> & { id: number }, parent, opts);
  else id = await api.delete(s.entity, s.id as number, parent, opts);
  return { id, route: `${r.method} ${r.path}` };
}

const verb = (op: Step['operation']) => (op === 'create' ? 'created' : op === 'update' ? 'updated' : 'deleted');

/**
 * The done answer of a multi-request write: every step with the id it created. `main` is the step
 * whose record the write is about (a quote, not the address created before it): its id is `id`.
 */
export function doneSteps(steps: readonly Step[], ids: readonly number[], plan: WritePlan, main = 1): ToolResult {
  const done = steps.map((s, i) => ({ step: s.n, entity: s.entity, id: ids[i] }));
  const head = `Done: all ${steps.length} requests succeeded. ${done.map((d) => `Step ${d.step} ${verb(steps[d.step - 1].operation)} ${d.entity} ${d.id}.`).join(' ')}`;
  const m = steps[main - 1] ?? steps[0];
  return structuredResult(
    { status: 'done', operation: m.operation, entity: m.entity, id: ids[m.n - 1], steps: done },
    fencedText([head], [plan.summary, ...steps.map((s) => `Step ${s.n}: ${s.summary}`)]),
  );
}

/** What a reuse of the token of a write stopped part-way says was done (confirm.ts, outcome 'partial'). */
export function partialCheck(steps: readonly Step[], ids: readonly number[]): string {
  return `${steps.slice(0, ids.length).map((s, i) => `step ${s.n} ${verb(s.operation)} ${s.entity} ${ids[i]}`).join(', ')}; ${ids.length + 1 === steps.length ? `step ${steps.length} was` : `steps ${ids.length + 1}-${steps.length} were`} not done`;
}

/**
 * A later step failed: which steps were done (kept: nothing is undone), which failed, which were
 * never sent, what Autotask said and what the user can do. Summaries hold client text: fenced.
 * `outcome` is what is known of the failed step (./write-errors.ts): unknown may have been applied.
 */
export function partialResult(steps: readonly Step[], ids: readonly number[], err: unknown, outcome: WriteOutcome, plan: WritePlan): ToolResult {
  const failed = steps[ids.length];
  const noAnswer = outcome === 'unknown';
  const rest = steps.length - failed.n;
  const check = noAnswer ? checkHint({ ...failed, parent: failed.parent && { entity: failed.parent.entity, id: substitute(failed.parent.id, ids) as number } }) : '';
  const how = noAnswer ? ' without an answer: it may or may not have been applied' : outcome === 'not_sent' ? ' before it was sent' : '';
  const head = [
    `Only part of this write was done. ${failed.n === 2 ? 'Step 1' : `Steps 1-${failed.n - 1}`} of ${steps.length} succeeded and ${failed.n === 2 ? 'stays' : 'stay'} done (Autotask has no transactions; nothing was undone). Step ${failed.n} failed${how}${
      rest > 1 ? `; steps ${failed.n + 1}-${steps.length} were not sent` : rest === 1 ? `; step ${steps.length} was not sent` : ''
    }. ${noAnswer ? `${check} before doing that step again. ` : ''}Do not repeat this call with the same arguments: the steps done would be done twice.`,
  ];
  const data = [
    ...steps.slice(0, ids.length).map((s, i) => `Done: step ${s.n} ${verb(s.operation)} ${s.entity} ${ids[i]}: ${s.summary}`),
    `${noAnswer ? 'Unknown' : outcome === 'not_sent' ? 'Not sent' : 'Failed'}: step ${failed.n}: ${failed.summary}`,
    ...steps.slice(failed.n).map((s) => `Not sent: step ${s.n}: ${s.summary}`),
  ];
  const said = errorToResult(err).content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
  const tail = [`Step ${failed.n} error: ${said}`, ...(plan.ifPartial ? [plan.ifPartial] : [])];
  return errorResult(fencedText(head, data, tail));
}
