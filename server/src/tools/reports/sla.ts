/**
 * report_sla_at_risk. A ticket's SLA milestones are three due/met pairs on the ticket itself
 * (firstResponseDueDateTime / firstResponseDateTime, resolutionPlanDueDateTime /
 * resolutionPlanDateTime, resolvedDueDateTime / resolvedDateTime): a milestone is at risk when it
 * is due between now and the horizon and its met date is still empty; with includeOverdue also
 * those already past due (breached, negative hoursLeft). Closed tickets are left out by the one closed-status rule of the ticket
 * tools (tickets/common.ts). One query carries all of it.
 */
import { z } from 'zod';
import type { FilterExpression } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { companyIdSchema, noneFound } from '../shared.js';
import { listOutput } from '../output.js';
import { zoneOf } from '../tenant-zone.js';
import { instantMs } from '../dates.js';
import { field, instant, type Column } from '../rows.js';
import { closedStatusValues, TICKET_COLUMNS, TICKET_LIST_FIELDS } from '../tickets/common.js';
import { PAGE, reportResult } from './common.js';
import { nowOf } from './days.js';

const HOUR_MS = 3_600_000;
/** The tickets, then company, contact and resource names. */
export const SLA_MAX_REQUESTS = 4;

export const MILESTONES = [
  { name: 'firstResponse', due: 'firstResponseDueDateTime', met: 'firstResponseDateTime' },
  { name: 'resolutionPlan', due: 'resolutionPlanDueDateTime', met: 'resolutionPlanDateTime' },
  { name: 'resolution', due: 'resolvedDueDateTime', met: 'resolvedDateTime' },
] as const;

const COLUMNS: Column[] = [...TICKET_COLUMNS, field('milestone'), instant('due'), field('hoursLeft')];

export const reportSlaAtRisk = defineReadTool({
  name: 'report_sla_at_risk',
  title: 'Report: SLA at risk',
  description: `Open tickets with an SLA milestone (first response, resolution plan, resolution) due within \`withinHours\` and not met, soonest first; includeOverdue adds those already past due. At most ${SLA_MAX_REQUESTS} requests.`,
  toolset: 'reports',
  input: {
    withinHours: z.number().int().min(1).max(168).default(4),
    includeOverdue: z.boolean().default(false),
    companyID: companyIdSchema.optional(),
    limit: z.number().int().min(1).max(PAGE).default(50),
  },
  output: listOutput,
  async handler(args, ctx) {
    const closed = await closedStatusValues(ctx.api, { signal: ctx.signal }, ctx.config.closedStatuses);
    const now = nowOf(ctx).getTime();
    const from = new Date(now).toISOString();
    const horizon = new Date(now + args.withinHours * HOUR_MS).toISOString();
    const dueIn = (f: string): FilterExpression[] => [...(args.includeOverdue ? [] : [{ op: 'gte' as const, field: f, value: from }]), { op: 'lt', field: f, value: horizon }];
    const filter: FilterExpression[] = [
      ...(closed.length ? [{ op: 'notIn' as const, field: 'status', value: closed.map((v) => Number(v.value)) }] : []),
      ...(args.companyID !== undefined ? [{ op: 'eq' as const, field: 'companyID', value: args.companyID }] : []),
      {
        op: 'or',
        items: MILESTONES.map((m): FilterExpression => ({ op: 'and', items: [...dueIn(m.due), { op: 'notExist', field: m.met }] })),
      },
    ];
    const includeFields = [...TICKET_LIST_FIELDS, ...MILESTONES.flatMap((m) => [m.due, m.met])];
    const { items, nextPageUrl } = await ctx.api.query('Tickets', { filter, includeFields, maxRecords: PAGE }, { signal: ctx.signal });
    const limit = Date.parse(horizon);
    const floor = args.includeOverdue ? -Infinity : now;
    const rows: Array<Record<string, unknown>> = items.map((t) => {
      // The soonest milestone that is due before the horizon and not met.
      const next = MILESTONES.map((m) => ({ m, due: instantMs(t[m.due]) }))
        .filter((x): x is { m: (typeof MILESTONES)[number]; due: number } => x.due !== null && x.due >= floor && x.due < limit && (t[x.m.met] === null || t[x.m.met] === undefined))
        .sort((a, b) => a.due - b.due)
        .at(0);
      return { ...t, milestone: next?.m.name ?? null, due: next ? new Date(next.due).toISOString() : null, hoursLeft: next ? Math.round(((next.due - now) / HOUR_MS) * 10) / 10 : null };
    });
    rows.sort((a, b) => (instantMs(a.due) ?? 0) - (instantMs(b.due) ?? 0) || Number(a.id) - Number(b.id));
    const shown = rows.slice(0, args.limit);
    await ctx.names.enrich('Tickets', shown, ctx.signal);
    const overdue = rows.filter((r) => typeof r.hoursLeft === 'number' && r.hoursLeft < 0).length;
    const notes = [
      `${rows.length}${nextPageUrl ? '+' : ''} at risk${args.includeOverdue ? `, ${overdue} of them overdue` : ''}${rows.length > shown.length ? `; the ${shown.length} soonest shown (limit up to ${PAGE})` : ''}.`,
      ...(nextPageUrl ? [`More than ${PAGE} tickets match: the ${PAGE} with the lowest ids were read; give companyID or fewer hours.`] : []),
    ];
    return reportResult({
      what: 'tickets with an SLA milestone at risk',
      columns: COLUMNS,
      records: shown,
      zone: await zoneOf(ctx),
      order: 'soonest due',
      empty: noneFound('tickets with an SLA milestone at risk', `withinHours=${args.withinHours}${args.companyID !== undefined ? `, companyID=${args.companyID}` : ''}`),
      notes,
      cut: nextPageUrl !== null,
      extra: { dueFrom: args.includeOverdue ? null : from, dueBefore: horizon, matched: rows.length, overdue, excludedClosedStatuses: closed.map((v) => ({ value: v.value, label: v.label })) },
      coverage:
        `open tickets (left out: ${closed.map((v) => v.label).join(', ') || 'no closed statuses'}) with a first response, resolution plan or resolution due ${args.includeOverdue ? '' : `from ${from} `}before ${horizon} and not met${args.includeOverdue ? ', overdue included' : ' (overdue ones: includeOverdue)'}; ` +
        `tickets without SLA milestone dates are not counted. At most ${PAGE} tickets read; at most ${SLA_MAX_REQUESTS} Autotask queries.`,
    });
  },
});
