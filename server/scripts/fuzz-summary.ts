/**
 * Adds up the figures the fuzz suites wrote to ../fuzz-results/<suite>.json (npm run fuzz) into
 * ../fuzz-results/summary.json, and prints them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR, type SuiteFigures } from '../test/fuzz/support/profile.js';

const SUITES = ['tools', 'jsonrpc', 'untrusted'];
const suites = SUITES.filter((s) => existsSync(join(RESULTS_DIR, `${s}.json`))).map((s) => JSON.parse(readFileSync(join(RESULTS_DIR, `${s}.json`), 'utf8')) as SuiteFigures);
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const summary = {
  writtenAt: new Date().toISOString(),
  node: process.version,
  profiles: [...new Set(suites.map((s) => s.profile))],
  seeds: [...new Set(suites.map((s) => s.seed))],
  cases: suites.reduce((n, s) => n + s.cases, 0),
  failures: suites.reduce((n, s) => n + s.failures.length, 0),
  toolCalls: suites.reduce((n, s) => n + num(s.toolCalls), 0),
  writesExecuted: suites.reduce((n, s) => n + num(s.writesExecuted), 0),
  requestsToFake: suites.reduce((n, s) => n + num(s.fakeRequests), 0),
  knownFakeRefusals: suites.reduce((n, s) => n + num(s.knownFakeRefusals), 0),
  seconds: Math.round(suites.reduce((n, s) => n + s.ms, 0) / 100) / 10,
  suites,
};
writeFileSync(join(RESULTS_DIR, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
for (const s of suites) console.log(`${s.suite.padEnd(10)} ${String(s.cases).padStart(7)} cases  ${String(s.failures.length).padStart(3)} failures  ${(s.ms / 1000).toFixed(1)} s`);
console.log(`total      ${String(summary.cases).padStart(7)} cases  ${String(summary.failures).padStart(3)} failures; ${summary.toolCalls} tool calls, ${summary.writesExecuted} writes executed, ${summary.requestsToFake} requests to the fake (${summary.knownFakeRefusals} known refusals)`);
console.log(`written to ${join(RESULTS_DIR, 'summary.json')}`);
