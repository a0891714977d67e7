/** Fault injection rules: the first matching rule with uses left applies to a request. */
import type { FaultKind, FaultRule } from './types.js';

interface ActiveRule {
  rule: FaultRule;
  route: RegExp | undefined;
  remaining: number;
}

export class FaultTable {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    // Case-insensitive like Autotask's paths; no g/y flags, whose lastIndex would make test() stateful.
    const flags = rule.route?.flags.replace(/[giy]/g, '');
    const route = rule.route ? new RegExp(rule.route.source, `${flags}i`) : undefined;
    this.rules.push({ rule, route, remaining: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, consuming one use of the rule. */
  take(method: string, route: string): FaultKind | undefined {
    const hit = this.rules.find(
      (r) => r.remaining > 0 && (!r.rule.method || r.rule.method.toUpperCase() === method) && (!r.route || r.route.test(route)),
    );
    if (!hit) return undefined;
    hit.remaining -= 1;
    return hit.rule.fault;
  }
}
