/**
 * Long-run soak: `npm run soak` (5 minutes by default). Rounds of 200 mcp-remote-like sessions
 * that open, call and exit without DELETE, against the default session limits; figures per round
 * go to ../bench-results/soak.json (gitignored) and a summary to stdout. Exits 1 when a check fails
 * (lock-out, sessions not reclaimed, heap after GC over +10 % of the first round, fd growth).
 *
 *   npm run soak
 *   SOAK_MINUTES=1 SOAK_SESSIONS=100 npm run soak
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSoak, soakProblems } from '../test/soak/runner.js';

const minutes = Number(process.env.SOAK_MINUTES ?? 5);
const sessions = Number(process.env.SOAK_SESSIONS ?? 200);
const out = process.env.SOAK_OUT ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench-results', 'soak.json');

const report = await runSoak({
  sessionsPerRound: sessions,
  durationMs: minutes * 60_000,
  concurrency: 8,
  onRound: (r) =>
    process.stdout.write(
      `round ${r.round}: ${r.sessionsOpened} sessions in ${r.ms} ms, ${r.failures} failed, live ${r.liveSessions}, evicted ${r.evictedTotal}, heap ${r.heapUsedMB} MB, rss ${r.rssMB} MB, fds ${r.fds}, event stores ${r.eventStores} (${r.eventStoreKB} KB)\n`,
    ),
});
const problems = soakProblems(report);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ ...report, problems }, null, 2)}\n`);
process.stdout.write(`${JSON.stringify({ totals: report.totals, heap: report.heap, fds: report.fds, problems }, null, 2)}\nwritten to ${out}\n`);
process.exit(problems.length === 0 ? 0 : 1);
