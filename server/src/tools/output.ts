/**
 * Output schemas (structuredContent shapes) shared by the get tools and the write tools. They are
 * loose but truthful: a record is any object (its fields depend on the entity and the tenant's
 * UDFs), the envelope fields around it are declared. The SDK validates structuredContent against
 * them on every non-error result, and clients reject undeclared top-level members, so every member
 * a result can carry is listed here.
 */
import { z } from 'zod';
import { namesSchema, tableSchema, untrustedSchema } from './rows.js';

/** One Autotask record (null fields omitted or not, enrichment companions included). */
export const recordSchema = z.record(z.string(), z.unknown());

/** Related records inside a get (notes, time entries...): the shared compact table. */
export const relatedSchema = tableSchema;

/**
 * A typed get: `found: false` alone when the record does not exist, otherwise the compact record
 * under `key` (./rows.ts), the names of its ids, which fields hold client text, and any `extra`
 * members (all optional: they depend on the include options).
 */
export function getOutput(key: string, extra: z.ZodRawShape = {}): z.ZodRawShape {
  return {
    found: z.boolean().describe('false: no such record (or not visible to the API user); nothing else is returned.'),
    [key]: recordSchema.optional(),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, (v as z.ZodType).optional()])),
    names: namesSchema.optional(),
    untrusted: untrustedSchema.optional(),
  };
}

/**
 * Every write tool: the first call answers a preview (status confirmation_required, produced by
 * the registry), the confirmed call answers status done. Refusals are isError results (no schema).
 */
export const writeOutput: z.ZodRawShape = {
  status: z.enum(['confirmation_required', 'done']),
  summary: z.string().optional().describe('Preview: one line for humans.'),
  request: z
    .object({ method: z.string(), path: z.string(), body: recordSchema.nullable() })
    .optional()
    .describe('Preview: the exact request that would be sent.'),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })).optional().describe('Preview of an update: current -> new values.'),
  warnings: z.array(z.string()).optional(),
  untrusted: untrustedSchema.optional(),
  confirmationToken: z.string().optional().describe('Preview: pass it back (with the same arguments) once the user approves.'),
  expiresAt: z.string().optional(),
  operation: z.enum(['create', 'update', 'delete']).optional().describe('Done: what was executed.'),
  entity: z.string().optional(),
  id: z.number().optional().describe('Done: id of the created, updated or deleted record.'),
  parent: z.object({ entity: z.string(), id: z.number() }).nullable().optional(),
};
