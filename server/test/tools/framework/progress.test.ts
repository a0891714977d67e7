/**
 * Progress notifications: a tool that pages through Autotask (queryAll) reports each page to a
 * client that sent a progressToken (the SDK client's onprogress), with progress that only grows.
 */
import { describe, expect, it } from 'vitest';
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { useHarness } from '../companies/flow.js';
import { buildDemoSeed } from '../../../src/demo/seed.js';

const seed = buildDemoSeed();
const resource = seed.records.Resources.find((r) => r.isActive === true)!.id;
const queue = Number(seed.picklists.Tickets.queueID[0].value);
seed.records.ResourceRoleQueues.push(...Array.from({ length: 1_200 }, (_, i) => ({ id: 70_000_000 + i, resourceID: resource, queueID: queue })));

const s = useHarness({ seed });

describe('progress', () => {
  it('get_resource with roles and queues reports each page it reads', async () => {
    const seen: Progress[] = [];
    s.h.fake.clearRequests();
    const r = await s.client.callTool({ name: 'get_resource', arguments: { id: resource, includeRolesAndQueues: true } }, undefined, { onprogress: (p) => seen.push(p) });
    expect(r.isError).toBeFalsy();
    const pages = s.h.fake.requests.filter((q) => /^Resource(RoleQueues|ServiceDeskRoles)\/query/.test(q.route)).length;
    expect(pages).toBeGreaterThanOrEqual(4); // 3 pages of queue links, 1 of roles
    // One notification per page that brought records (an empty page adds nothing to report).
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.length).toBeLessThanOrEqual(pages);
    for (let i = 1; i < seen.length; i++) expect(seen[i].progress).toBeGreaterThan(seen[i - 1].progress);
    expect(seen.at(-1)!.progress).toBeGreaterThanOrEqual(1_200);
    expect(seen.at(-1)!.message).toMatch(/records read from Autotask/);
  });
});
