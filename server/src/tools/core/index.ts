/** Tools of the 'core' area: connectivity and API budget. */
import type { ToolDefinition } from '../types.js';
import { testConnection } from './test-connection.js';
import { getApiUsage } from './api-usage.js';

export const coreTools: ToolDefinition[] = [testConnection, getApiUsage];
