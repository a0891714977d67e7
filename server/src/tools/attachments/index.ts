/** Tools of the 'attachments' area. */
import type { ToolDefinition } from '../types.js';
import { getAttachment, listAttachments } from './read.js';
import { attachFileToTicket } from './write.js';

export const attachmentsTools: ToolDefinition[] = [listAttachments, getAttachment, attachFileToTicket];
