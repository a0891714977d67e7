/**
 * The records the service call, ticket extras and report tools read, added once tickets, time
 * and projects exist (after renumbering, so references use final ids), each area on its own
 * random stream so adding one changes nothing else.
 */
import type { DemoContext } from './context.js';
import type { Org } from './org.js';
import { buildTicketExtras } from './ticket-extras.js';
import { buildServiceCalls } from './service-calls.js';

export function buildDispatch(ctx: DemoContext, org: Org): void {
  buildTicketExtras({ ...ctx, rng: ctx.rng.fork('ticket-extras') }, org);
  buildServiceCalls({ ...ctx, rng: ctx.rng.fork('service-calls') }, org);
}
