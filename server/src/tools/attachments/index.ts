/** Tools of the 'attachments' area. */
import type { ToolDefinition } from '../types.js';

export const attachmentsTools: ToolDefinition[] = [];
