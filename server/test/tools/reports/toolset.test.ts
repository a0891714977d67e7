/**
 * The reports toolset is off by default: its tools cost no tools/list bytes until enable_toolset
 * adds them, and read-only mode keeps all of them (every report is a read).
 */
import { describe, expect, it } from 'vitest';
import { call, structured } from '../tickets/support.js';
import { useHarness } from '../companies/flow.js';
import { reportsTools } from '../../../src/tools/reports/index.js';

const REPORTS = reportsTools.map((d) => d.name).sort();

describe('reports toolset', () => {
  const s = useHarness({ env: { AUTOTASK_TOOLSETS: '', AUTOTASK_READ_ONLY: 'true' } });

  it('is listed by list_toolsets but not in the default tools/list, and enable_toolset adds all five reads', async () => {
    expect(reportsTools.every((d) => d.kind === 'read' && d.toolset === 'reports')).toBe(true);
    const before = (await s.client.listTools()).tools.map((t) => t.name);
    expect(before.filter((n) => n.startsWith('report_'))).toEqual([]);
    const sets = structured<{ toolsets: Array<{ name: string; tools: number; enabled: boolean }> }>(await call(s.client, 'list_toolsets', {}));
    expect(sets.toolsets.find((t) => t.name === 'reports')).toMatchObject({ tools: 5, enabled: false });
    const added = structured<{ added: string[] }>(await call(s.client, 'enable_toolset', { toolset: 'reports' }));
    expect([...added.added].sort()).toEqual(REPORTS);
    const after = (await s.client.listTools()).tools.map((t) => t.name);
    expect(after.filter((n) => n.startsWith('report_')).sort()).toEqual(REPORTS);
  });
});
