/**
 * The `simple` log format: one readable line per event, e.g.
 * `2026-11-22T10:00:00.000Z INFO  http request method=POST path=/mcp status=200 ms=12`.
 * pino emits JSON lines; this turns each into text (no pino-pretty dependency).
 */
const CORE_KEYS = new Set(['time', 'level', 'msg']);

/** Control characters and the Unicode line separators, which would split one event over lines. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const LINE_BREAKING = /[\u0000-\u001f\u007f\u2028\u2029]/g;

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Escapes what could break the line (as JSON writes it), so each event stays one line. */
function oneLine(text: string): string {
  return text.replace(LINE_BREAKING, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function renderValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : oneLine(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  const json: unknown = JSON.stringify(value); // undefined for undefined, functions, symbols
  return oneLine(typeof json === 'string' ? json : String(value));
}

export function formatSimpleLine(jsonLine: string): string {
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine.endsWith('\n') ? jsonLine : `${jsonLine}\n`;
  }
  const time = typeof event.time === 'string' ? event.time : new Date(Number(event.time ?? Date.now())).toISOString();
  const level = String(event.level ?? 'info').toUpperCase().padEnd(5);
  const parts = [time, level, oneLine(String(event.msg ?? ''))];
  for (const [key, value] of Object.entries(event)) {
    if (CORE_KEYS.has(key) || value === undefined) continue;
    parts.push(`${key}=${renderValue(value)}`);
  }
  return `${parts.filter((p) => p !== '').join(' ')}\n`;
}
