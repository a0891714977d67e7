/** Tools of the 'notes' area. */
import type { ToolDefinition } from '../types.js';

export const notesTools: ToolDefinition[] = [];
