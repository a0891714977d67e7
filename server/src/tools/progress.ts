/**
 * MCP progress for tools that page through Autotask: when the client sent a progressToken, every
 * page a queryAll reads in this call is reported as the records read so far (across the call's
 * queries, so progress only grows). Without a token nothing is wrapped.
 */
import type { AutotaskApi, QueryAllOptions } from '../autotask/types.js';

export function reportingPages(api: AutotaskApi, report: (records: number) => void): AutotaskApi {
  let read = 0;
  const queryAll: AutotaskApi['queryAll'] = (entity, q, cap, opts?: QueryAllOptions) => {
    let last = 0;
    return api.queryAll(entity, q, cap, {
      ...opts,
      onPage(records) {
        opts?.onPage?.(records);
        if (records <= last) return;
        read += records - last;
        last = records;
        report(read);
      },
    });
  };
  return new Proxy(api, {
    get(target, prop) {
      if (prop === 'queryAll') return queryAll;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
