/** Tools of the 'notes' area: list/get/create for ticket, project and company notes. */
import type { ToolDefinition } from '../types.js';
import { noteTools } from './tools.js';

export const notesTools: ToolDefinition[] = noteTools();
