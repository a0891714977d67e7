/**
 * Every note is created with a title. Tenants whose ticket category requires note titles refuse
 * untitled ticket notes (official TicketNotes page: the API enforces the setting), project notes
 * always need one, and a title makes any note findable. One rule for every note kind: the user's
 * title, else the first non-empty line of the text, cut to the length the tenant's field
 * metadata gives for the title field.
 */
import type { AutotaskApi, RequestOptions } from '../../autotask/types.js';
import type { NoteKind } from './kinds.js';

export interface NoteTitle {
  value: string;
  /** The user's title, or derived from the text. */
  source: 'given' | 'text';
  /** Characters the field holds. */
  max: number;
  /** True when the title was longer than the field and was cut. */
  cut: boolean;
}

const ELLIPSIS = '…';

/** Whitespace runs (tabs, repeated spaces) read as one space in a one-line title. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function firstLine(text: string): string {
  return oneLine(text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '');
}

/** The title field's length from the tenant's metadata; the kind's documented length when it reports none (0). */
export async function titleLength(api: AutotaskApi, kind: NoteKind, opts: RequestOptions): Promise<number> {
  const field = (await api.fields(kind.entity, opts)).find((f) => f.name.toLowerCase() === kind.titleField.toLowerCase());
  return field && field.length > 0 ? field.length : kind.titleLengthFallback;
}

export function fitTitle(raw: string, max: number): { value: string; cut: boolean } {
  if (raw.length <= max) return { value: raw, cut: false };
  return { value: `${raw.slice(0, max - ELLIPSIS.length).trimEnd()}${ELLIPSIS}`, cut: true };
}

export async function noteTitle(api: AutotaskApi, kind: NoteKind, given: string | undefined, text: string, opts: RequestOptions): Promise<NoteTitle> {
  const max = await titleLength(api, kind, opts);
  const source = given !== undefined && oneLine(given) !== '' ? 'given' : 'text';
  const { value, cut } = fitTitle(source === 'given' ? oneLine(given!) : firstLine(text), max);
  return { value, source, max, cut };
}

/** Preview warning when the user's own title had to be shortened (a derived one is expected to be). */
export function titleWarnings(t: NoteTitle): string[] {
  return t.cut && t.source === 'given' ? [`The title is longer than this tenant's ${t.max}-character title field: it was cut to ${t.max} characters ("${t.value}").`] : [];
}
