/** Polling for a condition with a bound: the one loop the servers (and the tests) use. */

/** Resolves true once `condition()` holds, false when `timeoutMs` passed first (checked every `everyMs`). */
export async function waitFor(condition: () => boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return true;
}
