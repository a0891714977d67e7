/**
 * How deep a JSON value nests, measured without recursion. Tool arguments are flat values, short
 * lists and filters whose groups nest at most 8 deep; anything far deeper is refused before
 * recursive code (zod's lazy filter grammar, canonical JSON, previews) could overflow the stack.
 */
import { ToolInputError } from './results.js';

/** Objects and arrays inside the arguments object; a filter with 8 nested groups needs about 20. */
export const MAX_ARGUMENT_DEPTH = 32;

/** The path ("fields.title.a") of the first value deeper than `limit`, or null when none is. */
export function tooDeep(value: unknown, limit: number, root = ''): string | null {
  const stack: Array<{ v: unknown; depth: number; path: string }> = [{ v: value, depth: 0, path: root }];
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= limit) return path || '(the arguments)';
    if (Array.isArray(v)) v.forEach((child, i) => stack.push({ v: child, depth: depth + 1, path: `${path}[${i}]` }));
    else for (const [k, child] of Object.entries(v)) stack.push({ v: child, depth: depth + 1, path: path ? `${path}.${k}` : k });
  }
  return null;
}

const shortPath = (path: string) => (path.length > 80 ? `${path.slice(0, 80)}...` : path);

/** Throws a ToolInputError naming where `value` nests deeper than `limit`. */
export function assertShallow(value: unknown, limit = MAX_ARGUMENT_DEPTH, root = ''): void {
  const path = tooDeep(value, limit, root);
  if (path === null) return;
  throw new ToolInputError(
    `${shortPath(path)} is nested more than ${limit} levels deep. Tool arguments are plain values, short lists and filters whose and/or groups nest at most 8 deep: flatten it. Nothing was sent to Autotask.`,
  );
}
