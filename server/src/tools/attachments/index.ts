/** Tools of the 'attachments' area. */
import type { ToolDefinition } from '../types.js';
import { attachFileToTicket, getAttachment, listAttachments } from './tools.js';

export const attachmentsTools: ToolDefinition[] = [listAttachments, getAttachment, attachFileToTicket];
