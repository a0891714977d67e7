/** Filter builders the search tools share: one or several values, text in several fields, a person's name, a date range. */
import type { FilterExpression } from '../autotask/types.js';
import { rangeBounds } from './dates.js';

/** `eq` for one value, `in` for several. */
export function oneOrIn(field: string, values: Array<number | string>): FilterExpression {
  return values.length === 1 ? { op: 'eq', field, value: values[0] } : { op: 'in', field, value: values };
}

/** Text that may appear in any of several fields. */
export function containsAny(fields: string[], text: string): FilterExpression {
  const terms = fields.map((field): FilterExpression => ({ op: 'contains', field, value: text }));
  return terms.length === 1 ? (terms[0]) : { op: 'or', items: terms };
}

/**
 * A person's name: one word matches first or last name; several words match the first word in
 * the first name and the last word in the last name ("Ada Lovelace", "Ada B. Lovelace").
 */
export function personNameFilter(text: string, first = 'firstName', last = 'lastName'): FilterExpression {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length <= 1) return containsAny([first, last], text);
  return {
    op: 'and',
    items: [
      { op: 'contains', field: first, value: words[0] },
      { op: 'contains', field: last, value: words[words.length - 1] },
    ],
  };
}

/**
 * A date range on one field: "after" is inclusive (gte), "before" exclusive (lt). Bounds follow
 * ../dates.ts: a plain date is local midnight in the tenant `zone`; `unit` 'day' is for date-only
 * fields (dateWorked): bounds are calendar days as written, never a time of day.
 */
export function dateRange(field: string, after: string | undefined, before: string | undefined, names: [string, string], opts: { zone: string; unit?: 'instant' | 'day' }): FilterExpression[] {
  const { from, to } = rangeBounds(after, before, names, opts);
  const out: FilterExpression[] = [];
  if (from) out.push({ op: 'gte', field, value: from });
  if (to) out.push({ op: 'lt', field, value: to });
  return out;
}
