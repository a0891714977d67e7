/** Tools of the 'tickets' area. */
import type { ToolDefinition } from '../types.js';

export const ticketsTools: ToolDefinition[] = [];
