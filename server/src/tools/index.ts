/**
 * Every tool definition, by area. Registration order is the order clients list them.
 * Area modules export an array of definitions; add new areas here.
 */
import type { ToolDefinition } from './types.js';

export const ALL_TOOLS: ToolDefinition[] = [];
