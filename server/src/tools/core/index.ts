/** Tools of the 'core' area. */
import type { ToolDefinition } from '../types.js';

export const coreTools: ToolDefinition[] = [];
