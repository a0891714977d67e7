/**
 * What tools/list costs the model's context (issue 9), measured as a client receives it over
 * Streamable HTTP on the demo tenant: at most 24,000 bytes in the default configuration, and at
 * most 1,300 bytes per tool on average with every toolset on. The schemas carry no noise a model
 * pays for without learning anything (safe-integer bounds, $schema, propertyNames).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { bytesTable, rawToolsList, type ListedTools } from '../../helpers/tool-list.js';

const DEFAULT_MAX_BYTES = 24_000;
const PER_TOOL_MAX_AVERAGE = 1_300;

describe.each([
  ['default configuration', { AUTOTASK_TOOLSETS: '' }],
  ['AUTOTASK_TOOLSETS=all', { AUTOTASK_TOOLSETS: 'all' }],
])('tools/list size, %s', (label, env) => {
  let h: Harness;
  let listed: ListedTools;
  beforeAll(async () => {
    h = await startHarness({ env });
    listed = await rawToolsList(h);
  });
  afterAll(async () => h?.close());

  it('stays within its budget', () => {
    const budget = label === 'default configuration' ? DEFAULT_MAX_BYTES : PER_TOOL_MAX_AVERAGE * listed.tools.length;
    expect(listed.bytes, bytesTable(listed)).toBeLessThanOrEqual(budget);
  });

  it('carries no schema noise', () => {
    const json = JSON.stringify(listed.tools);
    const count = (noise: string) => json.split(noise).length - 1;
    for (const noise of ['9007199254740991', '"$schema"', '"propertyNames"']) expect(count(noise), noise).toBe(0);
  });
});
