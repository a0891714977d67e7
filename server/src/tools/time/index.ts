/** Tools of the 'time' area. */
import type { ToolDefinition } from '../types.js';

export const timeTools: ToolDefinition[] = [];
