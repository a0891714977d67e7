// Loader hooks of ./module-log.mjs (they run in node's loader thread).
import { appendFileSync } from 'node:fs';

let file = '';
export function initialize(data) {
  file = data.file;
}
export async function load(url, context, next) {
  const result = await next(url, context);
  appendFileSync(file, `${url}\n`);
  return result;
}
