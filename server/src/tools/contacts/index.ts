/** Tools of the 'contacts' area. */
import type { ToolDefinition } from '../types.js';

export const contactsTools: ToolDefinition[] = [];
