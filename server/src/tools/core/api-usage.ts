/**
 * get_api_usage: Autotask's hourly request budget (ThresholdInformation) as used / limit / window,
 * with the latency tier Autotask applies as the budget fills (+0.5 s per request from 50 %, +1 s
 * from 75 %, suspension at 100 %). The budget is shared by every integration of the tenant.
 */
import { z } from 'zod';
import type { ThresholdInfo } from '../../autotask/types.js';
import { defineReadTool } from '../types.js';
import { structuredResult } from '../results.js';

export type LatencyTier = 'none' | 'plus_0_5s' | 'plus_1s' | 'suspended';

export const apiUsageShape = {
  used: z.number().int().describe('Requests counted in the current window (all integrations of the tenant).'),
  limit: z.number().int().describe('Requests allowed per window.'),
  remaining: z.number().int(),
  windowMinutes: z.number().int().describe('Length of the rolling window in minutes.'),
  percentUsed: z.number(),
  latencyTier: z.enum(['none', 'plus_0_5s', 'plus_1s', 'suspended']),
  addedLatencySeconds: z.number().describe('Delay Autotask adds to every request at this usage.'),
  advice: z.string(),
};
export type ApiUsage = { [K in keyof typeof apiUsageShape]: z.infer<(typeof apiUsageShape)[K]> };

export function summariseUsage(t: ThresholdInfo): ApiUsage {
  const limit = Math.max(0, Math.trunc(t.externalRequestThreshold));
  const used = Math.max(0, Math.trunc(t.currentTimeframeRequestCount));
  const percentUsed = limit > 0 ? Math.round((used / limit) * 10_000) / 100 : 100;
  const base = { used, limit, remaining: Math.max(0, limit - used), windowMinutes: Math.trunc(t.requestThresholdTimeframe), percentUsed };
  if (percentUsed >= 100)
    return { ...base, latencyTier: 'suspended', addedLatencySeconds: 0, advice: 'The hourly budget is exhausted: Autotask suspends API access for the whole tenant until the rolling window frees up. Stop making requests and tell the user.' };
  if (percentUsed >= 75)
    return { ...base, latencyTier: 'plus_1s', addedLatencySeconds: 1, advice: 'Over 75% of the hourly budget is used: Autotask adds 1 s to every request. Make only essential, narrow requests (filters, small limits, count_entities instead of paging).' };
  if (percentUsed >= 50)
    return { ...base, latencyTier: 'plus_0_5s', addedLatencySeconds: 0.5, advice: 'Over 50% of the hourly budget is used: Autotask adds 0.5 s to every request. Prefer narrow queries and avoid walking many pages.' };
  return { ...base, latencyTier: 'none', addedLatencySeconds: 0, advice: 'Plenty of budget left; no added latency.' };
}

export function renderUsage(u: ApiUsage): string {
  const tier = u.latencyTier === 'none' ? 'no added latency' : u.latencyTier === 'suspended' ? 'API suspended' : `+${u.addedLatencySeconds} s per request`;
  return `API usage: ${u.used} of ${u.limit} requests in the last ${u.windowMinutes} min (${u.percentUsed}%, ${u.remaining} left; ${tier}). ${u.advice}`;
}

export const getApiUsage = defineReadTool({
  name: 'get_api_usage',
  title: 'Autotask API usage',
  description: "Autotask's hourly request budget, shared by all integrations: used, limit, percent, and the delay Autotask adds from 50%. Check before large or repeated queries, or when calls slow down.",
  toolset: 'core',
  input: {},
  async handler(_args, ctx) {
    const usage = summariseUsage(await ctx.api.threshold({ signal: ctx.signal }));
    const { warnPercent, stopPercent } = ctx.config.autotask.budget;
    // The governor's levels (./budget-gate.ts), so the model knows when reads will be refused.
    const policy = `This server warns from ${warnPercent}% and refuses reads other than get_api_usage and test_connection from ${stopPercent}%.`;
    return structuredResult(usage, `${renderUsage(usage)} ${policy}`);
  },
});
