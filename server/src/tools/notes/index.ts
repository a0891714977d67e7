/** Tools of the 'notes' area: list_notes, get_note and create_note for ticket, project and company notes. */
import type { ToolDefinition } from '../types.js';
import { noteTools } from './definitions.js';

export const notesTools: ToolDefinition[] = noteTools();
