/**
 * Value-level scrubbing: whatever path a secret took into a log line (an error message, a URL,
 * a serialised object), the configured secret values are replaced before the line is written.
 */
export const SCRUBBED = '[REDACTED]';

/** Short values would match innocent text; real secrets are far longer than this. */
const MIN_SCRUB_LENGTH = 4;

/** The forms a secret can take in text: raw, JSON-escaped and URL-encoded. */
function variants(secret: string): string[] {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  return [...forms].sort((a, b) => b.length - a.length);
}

export type Scrubber = (text: string) => string;

export function createScrubber(secrets: readonly string[]): Scrubber {
  const needles = [...new Set(secrets.filter((s) => s.length >= MIN_SCRUB_LENGTH).flatMap(variants))].sort((a, b) => b.length - a.length);
  if (needles.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const n of needles) if (out.includes(n)) out = out.split(n).join(SCRUBBED);
    return out;
  };
}
