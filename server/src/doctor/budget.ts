/**
 * The doctor's window on Autotask: read methods only (the type has no create/update/delete, so a
 * check cannot write), and a hard request budget. The client runs without retries for the
 * doctor, so every call is exactly one request (plus the zone lookup on first use, and one
 * entityInformation/fields request per entity, which the client caches); the budget counts them
 * before sending and refuses the call that would go over the limit.
 */
import type { AutotaskClient } from '../autotask/client.js';
import { isAutotaskError } from '../autotask/errors.js';
import type { AutotaskApi, FilterExpression, QueryRequest, ZoneInfo } from '../autotask/types.js';

/** At most this many Autotask requests per doctor run. */
export const REQUEST_LIMIT = 60;

export type DoctorApi = Pick<AutotaskApi, 'zone' | 'threshold' | 'version' | 'fields' | 'picklist' | 'query' | 'count' | 'get'> & {
  /** Ask the zone lookup even when AUTOTASK_API_URL pins the zone (to compare them). */
  lookupZone(): Promise<ZoneInfo>;
  /** Requests sent (or attempted) so far. */
  readonly used: number;
  readonly limit: number;
  /** Requests Autotask refused with a rate or thread limit. */
  readonly throttled: number;
};

/** The call that would exceed the budget; nothing was sent. */
export class BudgetExhausted extends Error {
  constructor(limit: number) {
    super(`the doctor's budget of ${limit} Autotask requests is used up`);
    this.name = 'BudgetExhausted';
  }
}

type Reader = Pick<AutotaskClient, 'zone' | 'cachedZone' | 'threshold' | 'version' | 'fields' | 'picklist' | 'query' | 'count' | 'get'>;

export class BudgetedApi implements DoctorApi {
  used = 0;
  throttled = 0;
  private readonly metadata = new Set<string>();

  constructor(
    private readonly client: Reader,
    /** A second client without a pinned zone, for lookupZone(); null when there is none (demo). */
    private readonly lookup: Pick<AutotaskClient, 'zone'> | null,
    readonly limit = REQUEST_LIMIT,
  ) {}

  private async spend<T>(cost: number, run: () => Promise<T>): Promise<T> {
    const total = cost + (this.client.cachedZone() ? 0 : 1);
    if (this.used + total > this.limit) throw new BudgetExhausted(this.limit);
    this.used += total;
    try {
      return await run();
    } catch (err) {
      if (isAutotaskError(err) && err.kind === 'rate_limited') this.throttled += 1;
      throw err;
    }
  }

  /** fields/picklist cost one request per entity: the client caches metadata for the run. */
  private async meta<T>(entity: string, run: () => Promise<T>): Promise<T> {
    const key = entity.toLowerCase();
    const result = await this.spend(this.metadata.has(key) ? 0 : 1, run);
    this.metadata.add(key);
    return result;
  }

  zone() {
    return this.spend(0, () => this.client.zone());
  }
  async lookupZone(): Promise<ZoneInfo> {
    const lookup = this.lookup;
    if (!lookup) throw new Error('no zone lookup in this mode');
    if (this.used + 1 > this.limit) throw new BudgetExhausted(this.limit);
    this.used += 1;
    return lookup.zone();
  }
  threshold() {
    return this.spend(1, () => this.client.threshold());
  }
  version() {
    return this.spend(1, () => this.client.version());
  }
  fields(entity: string) {
    return this.meta(entity, () => this.client.fields(entity));
  }
  picklist(entity: string, field: string) {
    return this.meta(entity, () => this.client.picklist(entity, field));
  }
  query(entity: string, q: QueryRequest) {
    return this.spend(1, () => this.client.query(entity, q));
  }
  count(entity: string, filter: FilterExpression[]) {
    return this.spend(1, () => this.client.count(entity, filter));
  }
  get(entity: string, id: number) {
    return this.spend(1, () => this.client.get(entity, id));
  }
}
