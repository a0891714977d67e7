/** attach_file_to_ticket: upload a file to a ticket through the two-step write. */
import { z } from 'zod';
import { defineWriteTool, type WritePlan } from '../types.js';
import { ToolInputError } from '../results.js';
import { idSchema } from '../shared.js';
import { doneResult } from '../preview.js';
import { publishWarning, resolveVisibility, visibilityInput } from '../notes/visibility.js';
import { decodeBase64Strict, formatBytes, guessContentType, sanitizeFileName } from './files.js';

/** Largest upload; Autotask itself refuses around 6-7 MB and throttles at 10 MB per 5 minutes. */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;

export const attachFileToTicket = defineWriteTool({
  kind: 'create',
  name: 'attach_file_to_ticket',
  title: 'Attach file to ticket',
  description: `Upload a file to a ticket: standard base64, at most ${MAX_UPLOAD_BYTES / 2 ** 20} MB decoded. The preview shows name, size and type.`,
  toolset: 'attachments',
  input: {
    ticketID: idSchema,
    fileName: z.string().min(1).max(300).describe('With extension; paths are stripped.'),
    contentBase64: z
      .string()
      .min(1)
      .max(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 200_000),
    title: z.string().trim().min(1).max(255).optional().describe('Default: the file name.'),
    visibility: visibilityInput,
  },
  async plan(args, ctx) {
    const opts = { signal: ctx.signal };
    const { bytes, normalized } = decodeBase64Strict(args.contentBase64, 'contentBase64');
    if (bytes.length > MAX_UPLOAD_BYTES) throw new ToolInputError(`The file is ${formatBytes(bytes.length)}; the limit is ${formatBytes(MAX_UPLOAD_BYTES)}. Nothing was sent.`);
    const fileName = sanitizeFileName(args.fileName);
    const ticket = await ctx.api.get('Tickets', args.ticketID, opts);
    if (!ticket) throw new ToolInputError(`No ticket with id ${args.ticketID} exists. Nothing was sent.`);
    const vis = await resolveVisibility(ctx.api, 'TicketAttachments', args.visibility, opts);
    const contentType = guessContentType(fileName);
    return {
      operation: 'create',
      entity: 'TicketAttachments',
      parent: { entity: 'Tickets', id: args.ticketID },
      body: { attachmentType: 'FILE_ATTACHMENT', fullPath: fileName, title: args.title ?? fileName, publish: vis.value, data: normalized },
      summary: `Attach "${fileName}" (${formatBytes(bytes.length)}, ${contentType}) to ticket ${ticket.ticketNumber ?? args.ticketID} as ${vis.clientVisible ? `PUBLISHED (${vis.label})` : `internal (${vis.label})`}.`,
      warnings: [...publishWarning(vis, 'attachment'), ...(fileName !== args.fileName ? [`File name sanitised to "${fileName}".`] : [])],
    } satisfies WritePlan;
  },
  async done({ id, plan }) {
    return doneResult({ status: 'done', operation: 'create', entity: 'TicketAttachments', id, parent: plan.parent ?? null }, `Created attachment ${id}.`, plan);
  },
});
