/**
 * The output schemas tools declare: three small shared contracts, each worth its bytes because
 * it tells the model how to read every result of its kind. Records themselves stay open objects
 * (their fields depend on the entity, the tenant's UDFs and the row rendering), and every schema
 * admits members beyond the ones named, so a result may carry more (filter echoes, notices)
 * without a schema repeating it per tool. Tools whose result a schema would only call "an
 * object" (test_connection, describe_entity, ...) declare none: the spec makes outputSchema
 * optional, and their structuredContent and text say the rest. The SDK validates every
 * non-error structuredContent against the declared schema.
 */
import { z } from 'zod';
import { tableSchema } from './rows.js';

/**
 * Every list: the page as a table (./rows.ts: `columns`, `rows`, the names of ids once in
 * `names`, the columns holding client text in `untrusted`), whether there are more, and the
 * cursor for the next page.
 */
export const listOutput = z.looseObject({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.unknown())),
  hasMore: z.boolean(),
  nextCursor: z.string().nullable().optional(),
});

/** Related records inside a get (notes, time entries...): the shared compact table. */
export const relatedSchema = tableSchema;

/** Every typed get: found false alone when the record does not exist (never an error). */
export const getOutput = z.looseObject({ found: z.boolean() });

/**
 * Every write (the registry adds it): the first call answers status confirmation_required with
 * the token, the confirmed call status done with the record's id. Refusals are isError results.
 */
export const writeOutput = z.looseObject({
  status: z.enum(['confirmation_required', 'done']),
  confirmationToken: z.string().optional(),
  id: z.number().int().optional(),
});
