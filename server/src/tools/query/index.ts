/** Tools of the 'query' area. */
import type { ToolDefinition } from '../types.js';

export const queryTools: ToolDefinition[] = [];
