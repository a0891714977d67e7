/** The tests' polling wait: src/wait.ts, failing the test when the condition never holds. */
import { waitFor } from '../../src/wait.js';

export async function waitUntil(condition: () => boolean, timeoutMs = 5_000, what = 'condition not met in time'): Promise<void> {
  if (!(await waitFor(condition, timeoutMs, 10))) throw new Error(`${what} (waited ${timeoutMs} ms)`);
}
