/**
 * Generates docs/EVIDENCE.md from the fake's evidence table (src/fake/evidence/), so the record of
 * what the fake assumes about Autotask, and why, cannot drift from the code:
 *
 *   cd server && npx tsx scripts/gen-evidence-doc.ts
 *
 * test/fake/evidence.test.ts fails when the committed file differs from a fresh generation.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVIDENCE, type Evidence } from '../src/fake/evidence/index.js';

export const EVIDENCE_MD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/EVIDENCE.md');
export const REGENERATE_EVIDENCE = 'cd server && npx tsx scripts/gen-evidence-doc.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function row(e: Evidence): string {
  const notes = [e.realDiffers ? `**Real Autotask differs:** ${e.realDiffers}` : '', e.doctorCheck ? `doctor: \`${e.doctorCheck}\`` : ''].filter(Boolean).join(' ');
  return `| \`${e.id}\` | ${cell(e.behaviour)} | ${e.status === 'verified' ? 'verified' : '**[unverified]**'} | ${cell(e.sources.join('; '))} | ${cell(notes)} |`;
}

export function renderEvidence(entries: readonly Evidence[] = EVIDENCE): string {
  const areas = [...new Set(entries.map((e) => e.id.split('.')[0]))];
  const unverified = entries.filter((e) => e.status === 'unverified');
  const out = [
    '# What the fake Autotask assumes, and why',
    '',
    `<!-- Generated from server/src/fake/evidence/ by server/scripts/gen-evidence-doc.ts. Do not edit by hand: run \`${REGENERATE_EVIDENCE}\`. -->`,
    '',
    'The fake Autotask (`server/src/fake/`) is the tenant every test and the demo run against. Each behaviour it models is listed here with its source:',
    'an official Autotask REST help page, a client used against live tenants, or **[unverified]** (our reading, not confirmed by anyone else).',
    'Each row has a probe in `server/test/fake/evidence.test.ts` that checks the fake does what the row says.',
    'Rows with a `doctor` check can be verified on your own tenant, read-only: `autotask-mcp doctor` (or `scripts/mcp_doctor.sh`).',
    '',
    `${entries.length} behaviours, ${unverified.length} unverified.`,
    '',
  ];
  for (const area of areas) {
    out.push(`## ${area}`, '', '| id | behaviour | status | sources | notes |', '|---|---|---|---|---|');
    for (const e of entries.filter((x) => x.id.split('.')[0] === area)) out.push(row(e));
    out.push('');
  }
  return out.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const md = renderEvidence();
  mkdirSync(path.dirname(EVIDENCE_MD), { recursive: true });
  writeFileSync(EVIDENCE_MD, md);
  process.stdout.write(`wrote ${path.relative(process.cwd(), EVIDENCE_MD)} (${EVIDENCE.length} behaviours)\n`);
}
