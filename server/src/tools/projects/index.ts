/** Tools of the 'projects' area. */
import type { ToolDefinition } from '../types.js';

export const projectsTools: ToolDefinition[] = [];
