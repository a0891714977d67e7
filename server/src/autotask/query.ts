/**
 * Validation of query requests before they are sent, and their wire body. Autotask answers a bad
 * filter with a terse 500; catching it here gives the model a precise message and saves a call.
 */
import { z } from 'zod';
import { AutotaskError } from './errors.js';
import { COMPARISON_OPS, EXISTENCE_OPS, GROUP_OPS, LIST_OPS, type FilterExpression, type QueryRequest } from './types.js';

/** Autotask's hard page-size limit. */
export const MAX_RECORDS_LIMIT = 500;
/** Autotask allows at most 500 OR conditions; every `in` element counts as one. */
const MAX_LIST_VALUES = 500;
const MAX_DEPTH = 8;

const ALL_OPS = [...COMPARISON_OPS, ...EXISTENCE_OPS, ...LIST_OPS, ...GROUP_OPS] as const;
const scalar = z.union([z.string(), z.number(), z.boolean()]);

const filterSchema: z.ZodType<FilterExpression> = z.lazy(() =>
  z
    .object({
      op: z.enum(ALL_OPS, { error: (iss) => `unknown operator ${JSON.stringify(iss.input)}; use one of ${ALL_OPS.join(', ')} (not-equal is "noteq")` }),
      field: z.string().min(1).max(200).optional(),
      value: z.union([scalar, z.array(z.union([z.string(), z.number()])).max(MAX_LIST_VALUES)]).optional(),
      udf: z.boolean().optional(),
      items: z.array(filterSchema).optional(),
    })
    .strict()
    .superRefine((f, ctx) => {
      const op = f.op as string;
      if ((GROUP_OPS as readonly string[]).includes(op)) {
        if (!f.items?.length) ctx.addIssue({ code: 'custom', message: `"${op}" needs a non-empty items array` });
        return;
      }
      if (!f.field) ctx.addIssue({ code: 'custom', message: `"${op}" needs a field` });
      if ((EXISTENCE_OPS as readonly string[]).includes(op)) {
        if (f.value !== undefined) ctx.addIssue({ code: 'custom', message: `"${op}" takes no value` });
      } else if ((LIST_OPS as readonly string[]).includes(op)) {
        if (!Array.isArray(f.value) || f.value.length === 0) ctx.addIssue({ code: 'custom', message: `"${op}" needs a non-empty array value` });
      } else if (f.value === undefined || Array.isArray(f.value)) {
        ctx.addIssue({ code: 'custom', message: `"${op}" needs a single value (string, number or boolean)` });
      }
    }),
);

export const queryRequestSchema = z
  .object({
    filter: z.array(filterSchema).min(1, 'Autotask requires at least one filter expression (match everything with {op:"gte", field:"id", value:0})'),
    includeFields: z.array(z.string().min(1).max(200)).max(500).optional(),
    maxRecords: z
      .number()
      .int()
      .min(1, 'maxRecords must be at least 1')
      .max(MAX_RECORDS_LIMIT, `maxRecords must be at most ${MAX_RECORDS_LIMIT} (Autotask's page-size limit); use paging for more`)
      .optional(),
  })
  .strict();

function depth(f: FilterExpression): number {
  return 1 + Math.max(0, ...(f.items ?? []).map(depth));
}

/** Validate a query; throws AutotaskError('validation') naming every problem. */
export function validateQuery(q: unknown, entity: string): QueryRequest {
  const parsed = queryRequestSchema.safeParse(q);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    throw new AutotaskError('validation', `Invalid query for ${entity}: ${problems.slice(0, 10).join('; ')}.`, { details: problems.slice(0, 10) });
  }
  if (parsed.data.filter.some((f) => depth(f) > MAX_DEPTH)) {
    throw new AutotaskError('validation', `Invalid query for ${entity}: filter groups nest deeper than ${MAX_DEPTH} levels.`);
  }
  return parsed.data;
}

/** The QueryModel JSON Autotask expects (it matches these keys case-insensitively). */
export function queryBody(q: QueryRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { filter: q.filter };
  // Autotask needs id in IncludeFields to page past 500 records (its paging token is id-based).
  if (q.includeFields?.length) body.IncludeFields = q.includeFields.some((f) => f.toLowerCase() === 'id') ? q.includeFields : ['id', ...q.includeFields];
  if (q.maxRecords !== undefined) body.MaxRecords = q.maxRecords;
  return body;
}
