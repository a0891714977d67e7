/** "Did you mean" suggestions for entity and field names the model got slightly wrong. */

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/**
 * Well-known renames (SOAP-era names, common guesses) that edit distance alone would miss. A Map:
 * the key is the client's word, and a plain object would answer "constructor" with a function.
 */
const ALIASES = new Map<string, string[]>(Object.entries({
  accountid: ['companyID'],
  account: ['companyID', 'Companies'],
  accounts: ['Companies'],
  ticketstatus: ['status'],
  resourceid: ['assignedResourceID', 'resourceID'],
  assignedto: ['assignedResourceID'],
  queue: ['queueID'],
  company: ['companyID', 'Companies'],
  contact: ['contactID', 'Contacts'],
  assets: ['ConfigurationItems'],
  installedproducts: ['ConfigurationItems'],
  technicians: ['Resources'],
  users: ['Resources'],
  notes: ['TicketNotes', 'ProjectNotes', 'CompanyNotes'],
  timeentry: ['TimeEntries'],
}));

/** Up to `max` candidates close to `input` (case-insensitive), best first. */
export function closest(input: string, candidates: readonly string[], max = 5): string[] {
  const q = input.toLowerCase().replace(/[\s_-]/g, '');
  if (!q) return [];
  const byLower = new Map(candidates.map((c) => [c.toLowerCase(), c]));
  const scored: Array<{ c: string; score: number }> = [];
  for (const alias of ALIASES.get(q) ?? []) {
    const hit = byLower.get(alias.toLowerCase());
    if (hit) scored.push({ c: hit, score: -1 });
  }
  for (const c of candidates) {
    const l = c.toLowerCase();
    const d = editDistance(q, l);
    const limit = Math.max(2, Math.floor(q.length / 3));
    if (d <= limit) scored.push({ c, score: d });
    else if (q.length >= 3 && (l.includes(q) || q.includes(l))) scored.push({ c, score: limit + 1 + Math.abs(l.length - q.length) / 100 });
  }
  const seen = new Set<string>();
  return scored
    .sort((x, y) => x.score - y.score || x.c.localeCompare(y.c))
    .map((s) => s.c)
    .filter((c) => (seen.has(c) ? false : (seen.add(c), true)))
    .slice(0, max);
}

export function didYouMean(input: string, candidates: readonly string[]): string {
  const hits = closest(input, candidates);
  return hits.length ? ` Did you mean ${hits.map((h) => `"${h}"`).join(' or ')}?` : '';
}
