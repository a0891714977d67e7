/** Tools of the 'resources' area. */
import type { ToolDefinition } from '../types.js';

export const resourcesTools: ToolDefinition[] = [];
