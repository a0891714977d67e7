// node --import ./test/helpers/module-log.mjs: appends the URL of every module the process loads
// (ESM and, through tsx, TypeScript) to the file named by MODULE_LOG, one a line. For tests of
// what a start-up loads; plain JavaScript because it runs before tsx is registered.
import { register } from 'node:module';
import process from 'node:process';

if (process.env.MODULE_LOG) {
  register('./module-log-hooks.mjs', { parentURL: import.meta.url, data: { file: process.env.MODULE_LOG } });
}
