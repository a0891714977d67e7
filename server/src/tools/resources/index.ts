/** Tools of the 'resources' area (technicians). */
import type { ToolDefinition } from '../types.js';
import { getResource, searchResources } from './read.js';

export const resourcesTools: ToolDefinition[] = [searchResources, getResource];
