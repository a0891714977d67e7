/** Tools of the 'companies' area. */
import type { ToolDefinition } from '../types.js';

export const companiesTools: ToolDefinition[] = [];
