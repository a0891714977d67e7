/** Configuration of the tool-call deadline and the budget governor: defaults and validation. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

const creds = { AUTOTASK_INTEGRATION_CODE: 'CFG-CODE-1234', AUTOTASK_USERNAME: 'api@example.test', AUTOTASK_SECRET: 'CFG-SECRET-5678' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...creds, ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('deadline and budget configuration', () => {
  it('has the documented defaults', () => {
    expect(loadConfig(creds).autotask).toMatchObject({
      toolTimeoutMs: 50_000,
      budget: { warnPercent: 80, stopPercent: 95, checkMs: 300_000 },
    });
  });

  it('reads the variables', () => {
    const c = loadConfig({ ...creds, MCP_TOOL_TIMEOUT_SECONDS: '20', AUTOTASK_BUDGET_WARN_PERCENT: '50', AUTOTASK_BUDGET_STOP_PERCENT: '100', AUTOTASK_BUDGET_CHECK_SECONDS: '0' });
    expect(c.autotask).toMatchObject({ toolTimeoutMs: 20_000, budget: { warnPercent: 50, stopPercent: 100, checkMs: 0 } });
  });

  it('refuses values out of range and a warning level above the stop level', () => {
    expect(problems({ MCP_TOOL_TIMEOUT_SECONDS: '0' }).join(' ')).toMatch(/MCP_TOOL_TIMEOUT_SECONDS/);
    expect(problems({ AUTOTASK_BUDGET_WARN_PERCENT: '120' }).join(' ')).toMatch(/AUTOTASK_BUDGET_WARN_PERCENT/);
    expect(problems({ AUTOTASK_BUDGET_STOP_PERCENT: 'lots' }).join(' ')).toMatch(/AUTOTASK_BUDGET_STOP_PERCENT/);
    expect(problems({ AUTOTASK_BUDGET_WARN_PERCENT: '90', AUTOTASK_BUDGET_STOP_PERCENT: '85' }).join(' ')).toMatch(/AUTOTASK_BUDGET_WARN_PERCENT .*at most AUTOTASK_BUDGET_STOP_PERCENT/);
    expect(problems({ AUTOTASK_BUDGET_CHECK_SECONDS: '-1' }).join(' ')).toMatch(/AUTOTASK_BUDGET_CHECK_SECONDS/);
  });
});
